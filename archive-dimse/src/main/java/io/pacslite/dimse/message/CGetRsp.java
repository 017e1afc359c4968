package io.pacslite.dimse.message;

import java.util.Objects;

/**
 * A C-GET response, PS3.7 section 9.3.3.2 (Table 9.3-9). Pending responses carry the sub-operation
 * counts; the final one carries the counts and, when sub-operations failed, an Identifier
 * data set with the Failed SOP Instance UID List (0008,0058), PS3.4 C.4.3.1.3.2. The
 * Affected SOP Class UID, the counts and the Error Comment are optional (null when absent).
 *
 * @param hasDataSet whether an Identifier follows (Command Data Set Type, PS3.7 Table E.1-1)
 */
public record CGetRsp(
        int messageIdBeingRespondedTo,
        String affectedSopClassUid,
        Status status,
        SubOperations subOperations,
        String errorComment,
        boolean hasDataSet) implements DimseMessage {

    /** A response; {@code status} is required and the Error Comment is made to fit one LO value. */
    public CGetRsp {
        DimseMessage.checkMessageId(messageIdBeingRespondedTo);
        Objects.requireNonNull(status, "status");
        errorComment = DimseMessage.fitErrorComment(errorComment);
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_GET_RSP;
    }
}
