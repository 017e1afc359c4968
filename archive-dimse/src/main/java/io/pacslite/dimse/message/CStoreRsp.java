package io.pacslite.dimse.message;

import java.util.Objects;

/**
 * A C-STORE response, PS3.7 section 9.3.1.2 (Table 9.3-2). No data set follows. The UIDs
 * are optional in a response and the Error Comment (PS3.7 C.4, C.5) is optional: each is
 * null when absent.
 */
public record CStoreRsp(
        int messageIdBeingRespondedTo,
        String affectedSopClassUid,
        String affectedSopInstanceUid,
        Status status,
        String errorComment) implements DimseMessage {

    /**
     * A response; {@code status} is required. A longer error comment is cut to 64 characters
     * and backslashes in it become slashes, so that it always fits one LO value.
     */
    public CStoreRsp {
        DimseMessage.checkMessageId(messageIdBeingRespondedTo);
        Objects.requireNonNull(status, "status");
        errorComment = DimseMessage.fitErrorComment(errorComment);
    }

    /** A response for {@code request} with {@code status} and no error comment. */
    public static CStoreRsp answering(CStoreRq request, Status status) {
        return new CStoreRsp(request.messageId(), request.affectedSopClassUid(),
                request.affectedSopInstanceUid(), status, null);
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_STORE_RSP;
    }

    @Override
    public boolean hasDataSet() {
        return false;
    }
}
