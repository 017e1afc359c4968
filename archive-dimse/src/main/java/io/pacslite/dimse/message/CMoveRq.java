package io.pacslite.dimse.message;

import java.util.Objects;

/**
 * A C-MOVE request, PS3.7 section 9.3.4.1 (Table 9.3-10). The Identifier naming what to
 * retrieve follows it; the instances go to the Move Destination AE over a new association.
 */
public record CMoveRq(int messageId, String affectedSopClassUid, Priority priority, String moveDestination)
        implements DimseMessage {

    /** A request; every field is required. */
    public CMoveRq {
        DimseMessage.checkMessageId(messageId);
        Objects.requireNonNull(affectedSopClassUid, "affectedSopClassUid");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(moveDestination, "moveDestination");
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_MOVE_RQ;
    }

    @Override
    public boolean hasDataSet() {
        return true;
    }
}
