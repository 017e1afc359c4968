package io.pacslite.dimse.net;

import io.pacslite.dimse.message.DimseException;
import io.pacslite.dimse.pdu.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Joins command fragments into command sets, one per presentation context (PS3.8 Annex E.2:
 * bit 0 of the message control header marks a command fragment, bit 1 the last one).
 * A data set fragment reaching it is refused: data sets are read by the service of the command
 * that announced them ({@link DataSetStream}), so one arriving here follows no such command.
 */
final class CommandAssembler {

    /** Far above any command set PS3.7 defines; stops a peer growing a buffer without end. */
    static final int MAX_COMMAND_LENGTH = 64 * 1024;

    private final Map<Integer, ByteArrayOutputStream> partial = new HashMap<>();

    /**
     * Adds one fragment.
     *
     * @return the complete command set when {@code value} was its last fragment
     * @throws DimseException for a data set fragment or an oversized command set
     */
    Optional<byte[]> add(PresentationDataValue value) throws DimseException {
        if (!value.command()) {
            throw new DimseException(DimseException.Reason.UNREADABLE, "data set fragment on presentation context "
                    + value.presentationContextId() + ", but no command announced a data set");
        }
        ByteArrayOutputStream command = partial.computeIfAbsent(value.presentationContextId(),
                id -> new ByteArrayOutputStream());
        if (command.size() + value.fragment().length() > MAX_COMMAND_LENGTH) {
            throw new DimseException(DimseException.Reason.UNREADABLE,
                    "command set longer than " + MAX_COMMAND_LENGTH + " bytes");
        }
        command.writeBytes(value.fragment().toByteArray());
        if (!value.lastFragment()) {
            return Optional.empty();
        }
        partial.remove(value.presentationContextId());
        return Optional.of(command.toByteArray());
    }

    /** Whether no command is partly received. */
    boolean isEmpty() {
        return partial.isEmpty();
    }
}
