package io.pacslite.dimse.message;

import java.util.Objects;

/**
 * A C-STORE request, PS3.7 section 9.3.1.1 (Table 9.3-1). The data set to store follows it.
 * The Move Originator fields are set only when the store is a C-MOVE sub-operation; both are
 * null otherwise.
 */
public record CStoreRq(
        int messageId,
        String affectedSopClassUid,
        String affectedSopInstanceUid,
        Priority priority,
        String moveOriginatorAeTitle,
        Integer moveOriginatorMessageId) implements DimseMessage {

    /** A request; the UIDs and priority are required, the Move Originator fields optional. */
    public CStoreRq {
        DimseMessage.checkMessageId(messageId);
        Objects.requireNonNull(affectedSopClassUid, "affectedSopClassUid");
        Objects.requireNonNull(affectedSopInstanceUid, "affectedSopInstanceUid");
        Objects.requireNonNull(priority, "priority");
        if (moveOriginatorMessageId != null) {
            DimseMessage.checkMessageId(moveOriginatorMessageId);
        }
    }

    /** A request that is not a C-MOVE sub-operation. */
    public CStoreRq(int messageId, String affectedSopClassUid, String affectedSopInstanceUid, Priority priority) {
        this(messageId, affectedSopClassUid, affectedSopInstanceUid, priority, null, null);
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_STORE_RQ;
    }

    @Override
    public boolean hasDataSet() {
        return true;
    }
}
