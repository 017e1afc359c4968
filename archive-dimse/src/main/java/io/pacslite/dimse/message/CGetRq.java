package io.pacslite.dimse.message;

import java.util.Objects;

/**
 * A C-GET request, PS3.7 section 9.3.3.1 (Table 9.3-7). The Identifier naming what to
 * retrieve follows it; the instances come back as C-STORE sub-operations on the same
 * association.
 */
public record CGetRq(int messageId, String affectedSopClassUid, Priority priority) implements DimseMessage {

    /** A request; every field is required. */
    public CGetRq {
        DimseMessage.checkMessageId(messageId);
        Objects.requireNonNull(affectedSopClassUid, "affectedSopClassUid");
        Objects.requireNonNull(priority, "priority");
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_GET_RQ;
    }

    @Override
    public boolean hasDataSet() {
        return true;
    }
}
