package io.pacslite.dimse.message;

import java.util.Objects;

/**
 * A C-FIND response, PS3.7 section 9.3.2.2 (Table 9.3-5). A pending response carries one
 * match as its Identifier data set (PS3.4 C.4.1.1.3.2); the final one carries none. The
 * Affected SOP Class UID and the Error Comment are optional (null when absent).
 *
 * @param hasDataSet whether an Identifier follows (Command Data Set Type, PS3.7 Table E.1-1)
 */
public record CFindRsp(
        int messageIdBeingRespondedTo,
        String affectedSopClassUid,
        Status status,
        String errorComment,
        boolean hasDataSet) implements DimseMessage {

    /** A response; {@code status} is required and the Error Comment is made to fit one LO value. */
    public CFindRsp {
        DimseMessage.checkMessageId(messageIdBeingRespondedTo);
        Objects.requireNonNull(status, "status");
        errorComment = DimseMessage.fitErrorComment(errorComment);
    }

    /** A pending response for {@code request} with {@code status} (FF00 or FF01); its match follows. */
    public static CFindRsp pending(CFindRq request, Status status) {
        return new CFindRsp(request.messageId(), request.affectedSopClassUid(), status, null, true);
    }

    /** The final response for {@code request}: no Identifier follows. */
    public static CFindRsp last(CFindRq request, Status status, String errorComment) {
        return new CFindRsp(request.messageId(), request.affectedSopClassUid(), status, errorComment, false);
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_FIND_RSP;
    }
}
