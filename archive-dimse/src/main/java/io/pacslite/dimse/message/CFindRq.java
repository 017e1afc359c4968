package io.pacslite.dimse.message;

import java.util.Objects;

/**
 * A C-FIND request, PS3.7 section 9.3.2.1 (Table 9.3-4). The Identifier, the query's keys,
 * follows it as a data set.
 */
public record CFindRq(int messageId, String affectedSopClassUid, Priority priority) implements DimseMessage {

    /** A request; every field is required. */
    public CFindRq {
        DimseMessage.checkMessageId(messageId);
        Objects.requireNonNull(affectedSopClassUid, "affectedSopClassUid");
        Objects.requireNonNull(priority, "priority");
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_FIND_RQ;
    }

    @Override
    public boolean hasDataSet() {
        return true;
    }
}
