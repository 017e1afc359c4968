package io.pacslite.dimse.message;

import java.util.Objects;

/** A C-ECHO request, PS3.7 section 9.3.5.1 (Table 9.3-12). No data set follows. */
public record CEchoRq(int messageId, String affectedSopClassUid) implements DimseMessage {

    /** A request; both fields are required. */
    public CEchoRq {
        DimseMessage.checkMessageId(messageId);
        Objects.requireNonNull(affectedSopClassUid, "affectedSopClassUid");
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_ECHO_RQ;
    }

    @Override
    public boolean hasDataSet() {
        return false;
    }
}
