package io.pacslite.dimse.message;

/**
 * A C-CANCEL request, PS3.7 section 9.3.2.3 (Table 9.3-6): asks the SCP to stop the C-FIND,
 * C-GET or C-MOVE whose Message ID it names. No data set follows and no response answers it;
 * the operation ends with status Cancel (FE00).
 */
public record CCancelRq(int messageIdBeingRespondedTo) implements DimseMessage {

    /** A request cancelling the operation with Message ID {@code messageIdBeingRespondedTo}. */
    public CCancelRq {
        DimseMessage.checkMessageId(messageIdBeingRespondedTo);
    }

    @Override
    public CommandField commandField() {
        return CommandField.C_CANCEL_RQ;
    }

    @Override
    public boolean hasDataSet() {
        return false;
    }
}
