package io.pacslite.dimse.message;

import java.util.Objects;

/**
 * A C-ECHO response, PS3.7 section 9.3.5.2 (Table 9.3-13). No data set follows. The Affected
 * SOP Class UID is optional in a response (null when absent).
 */
public record CEchoRsp(int messageIdBeingRespondedTo, String affectedSopClassUid, Status status)
        implements DimseMessage {

    /** A response; {@code status} is required. */
    public CEchoRsp {
        DimseMessage.checkMessageId(messageIdBeingRespondedTo);
        Objects.requireNonNull(status, "status");
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_ECHO_RSP;
    }

    @Override
    public boolean hasDataSet() {
        return false;
    }
}
