package io.pacslite.dimse.net;

import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.DimseException;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The receiving side of an association's DIMSE messages, used by requestor and acceptor alike:
 * the presentation data values of the P-DATA indications (DT-2) wait here in order until
 * taken, and command fragments are joined into command sets, one per presentation context
 * (PS3.8 Annex E.2: bit 0 of the message control header marks a command fragment, bit 1 the
 * last one), then decoded (PS3.7 section 6.3.1). A data set fragment reaching the joining is
 * refused: data sets are read by the service of the command that announced them through
 * {@link #nextFragment()} ({@link DataSetStream}), so one arriving there follows no such command.
 */
final class CommandAssembler {

    /** Far above any command set PS3.7 defines; stops a peer growing a buffer without end. */
    static final int MAX_COMMAND_LENGTH = 64 * 1024;

    private final Deque<PresentationDataValue> pending = new ArrayDeque<>();
    private final Map<Integer, ByteArrayOutputStream> partial = new HashMap<>();

    /** A P-DATA indication (DT-2): its values wait to be taken in order. */
    void received(PDataTf pdu) {
        pending.addAll(pdu.values());
    }

    /** The next value waiting, for the data set being read; null when none is. */
    PresentationDataValue nextFragment() {
        return pending.poll();
    }

    /**
     * Takes the values waiting until a command set is complete.
     *
     * @return the command and its presentation context; empty when the values ran out first
     * @throws DimseException for a data set fragment, an oversized command set or one that
     *         cannot be decoded
     */
    Optional<ReceivedCommand> nextCommand() throws DimseException {
        while (!pending.isEmpty()) {
            PresentationDataValue value = pending.poll();
            Optional<byte[]> command = add(value);
            if (command.isPresent()) {
                return Optional.of(new ReceivedCommand(value.presentationContextId(),
                        CommandCodec.decode(command.get())));
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> add(PresentationDataValue value) throws DimseException {
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

    /** Whether no value waits and no command is partly received: the association is between messages. */
    boolean isEmpty() {
        return pending.isEmpty() && partial.isEmpty();
    }

    /** Drops the values waiting, once the association has ended and none will be served. */
    void clear() {
        pending.clear();
    }
}
