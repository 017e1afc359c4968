package io.pacslite.dimse.net;

import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptedContext;
import io.pacslite.dimse.association.NegotiationResult;
import io.pacslite.dimse.message.CCancelRq;
import io.pacslite.dimse.message.CEchoRq;
import io.pacslite.dimse.message.CEchoRsp;
import io.pacslite.dimse.message.CFindRq;
import io.pacslite.dimse.message.CGetRq;
import io.pacslite.dimse.message.CMoveRq;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.DimseException;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRj;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PduException;
import io.pacslite.dimse.pdu.PduReader;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityType;
import io.pacslite.dimse.ul.Event;
import io.pacslite.dimse.ul.State;
import io.pacslite.dimse.ul.Transition;
import io.pacslite.dimse.ul.UpperLayerStateMachine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted transport connection run through the PS3.8 Upper Layer state machine (section
 * 9.2, Table 9-10) as association acceptor, on the calling (virtual) thread. Every event goes
 * through {@link UpperLayerStateMachine}; this class carries out the actions it returns.
 *
 * <p>The ARTIM timer and the idle timeout are the socket's read timeout: ARTIM while the
 * machine has it running (Sta2, Sta13), the idle timeout in Sta6.
 *
 * <p>When the server stops ({@link DimseServer#close(Duration)}), an association finishes the
 * message it is serving and is then aborted (A-ABORT, AA-1) between two messages; no
 * acknowledged store is cut. While it waits for the next message it looks for a stop request
 * every {@link #STOP_POLL}. After that abort the peer has {@link #STOP_ARTIM} to close, instead
 * of the full ARTIM timeout.
 *
 * <p>Received presentation data values wait in a queue until served. A C-STORE's data set is
 * not queued whole: the service reads it through a {@link DataSetStream} that takes the next
 * queued fragment or, when none is left, receives the next PDU, so that each PDU still raises
 * its event (Evt10 for a P-DATA-TF) and an A-ABORT or a closed connection ends the store.
 */
final class AcceptorAssociation implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptorAssociation.class);
    /** Room for an A-ASSOCIATE-RQ with many presentation contexts on top of the P-DATA-TF limit. */
    private static final int ASSOCIATE_RQ_ALLOWANCE = 64 * 1024;
    /** How often an association waiting between messages checks whether the server stops. */
    static final Duration STOP_POLL = Duration.ofMillis(200);
    /** The ARTIM timeout once the server stops. */
    static final Duration STOP_ARTIM = Duration.ofSeconds(1);

    private final Socket socket;
    private final AssociationSlots slots;
    private final DimseServices services;
    private final Timeouts timeouts;
    private final BooleanSupplier stopRequested;
    private final UpperLayerStateMachine machine = new UpperLayerStateMachine();
    private final CommandAssembler commands = new CommandAssembler();
    private final QueryRetrieveScp queryRetrieve;
    private final Deque<PresentationDataValue> pending = new ArrayDeque<>();
    private final long started = System.nanoTime();
    private InputStream in;
    private PduOutput out;
    private PduReader reader;
    private boolean artimRunning;
    private boolean framingLost;
    private AssociateRq request;
    private NegotiationResult.Accepted accepted;
    private AssociationInfo info;
    private String ending;
    /** Sends the C-GET sub-operations' data sets, made for the peer's maximum length at the first. */
    private DataSetFragments dataSetOut;
    private int stored;
    private int failed;

    /** {@code stopRequested} tells whether the server stops, so that this association ends after its current message. */
    AcceptorAssociation(Socket socket, AssociationSlots slots, DimseServices services, Timeouts timeouts,
            BooleanSupplier stopRequested) {
        this.socket = socket;
        this.slots = slots;
        this.services = services;
        this.timeouts = timeouts;
        this.stopRequested = stopRequested;
        this.queryRetrieve = new QueryRetrieveScp(this, services);
    }

    @Override
    public void run() {
        try (socket) {
            in = new BufferedInputStream(socket.getInputStream());
            out = new PduOutput(socket, timeouts.dimseResponse());
            reader = new PduReader(in, (long) slots.policy().maxPduLength() + ASSOCIATE_RQ_ALLOWANCE);
            perform(machine.handle(Event.Evt5), null, null);
            while (machine.state() != State.Sta1) {
                if (betweenMessages()) {
                    Duration idle = awaitNextPdu();
                    if (idle != null) {
                        localAbort(stopRequested.getAsBoolean() ? "the archive is stopping" : "idle for " + idle);
                        continue;
                    }
                }
                receive();
                serve();
            }
        } catch (IOException | RuntimeException e) {
            endedBy("failed: " + e);
        } finally {
            if (accepted != null) {
                slots.release();
            }
            if (info != null) {
                services.ended(info);
            }
            log();
        }
    }

    /** Whether the association is established and no message is partly received or being served. */
    private boolean betweenMessages() {
        return machine.state() == State.Sta6 && pending.isEmpty() && commands.isEmpty();
    }

    /**
     * Waits, between messages, until the first byte of the next PDU is there (or the peer
     * closed), looking every {@link #STOP_POLL} whether the server stops. Nothing is consumed.
     *
     * @return null when the next PDU can be received; else how long the association has been
     *     idle, once the idle timeout expired or the server stops
     */
    private Duration awaitNextPdu() throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeouts.idle().toNanos();
        while (!stopRequested.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return timeouts.idle();
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(STOP_POLL.toMillis(), Duration.ofNanos(left).toMillis())));
            in.mark(1);
            try {
                in.read();
                in.reset();
                return null;
            } catch (SocketTimeoutException e) {
                // nothing yet: look again whether the server stops
            } catch (IOException e) {
                return null; // the next read sees the connection as it is (Evt17)
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits for the next PDU, timer expiry or close, and raises the event it makes. */
    private void receive() throws IOException {
        Pdu pdu;
        try {
            socket.setSoTimeout((int) readTimeout().toMillis());
            if (framingLost) {
                drainUntilClosed();
                return;
            }
            Optional<Pdu> next = reader.read();
            if (next.isEmpty()) {
                transportClosed("connection closed by peer");
                return;
            }
            pdu = next.get();
        } catch (SocketTimeoutException e) {
            framingLost = true; // a timeout may strike inside a PDU
            timerExpired();
            return;
        } catch (PduException e) {
            if (e.abortReason().isEmpty()) {
                transportClosed("connection closed by peer inside a PDU");
            } else {
                framingLost = true;
                invalidPdu(e.abortReason().get(), e.getMessage());
            }
            return;
        } catch (IOException e) {
            transportClosed("connection lost: " + e.getMessage());
            return;
        }
        received(pdu);
    }

    /** ARTIM while it runs (shortened to {@link #STOP_ARTIM} once the server stops), else the idle timeout. */
    private Duration readTimeout() {
        if (!artimRunning) {
            return timeouts.idle();
        }
        return stopRequested.getAsBoolean() && STOP_ARTIM.compareTo(timeouts.artim()) < 0 ? STOP_ARTIM
                : timeouts.artim();
    }

    /**
     * After the byte stream lost its PDU boundaries only closing is left (Sta13): read and
     * discard until the peer closes (Evt17) or ARTIM expires (Evt18).
     */
    private void drainUntilClosed() throws IOException {
        byte[] discarded = new byte[8192];
        try {
            while (in.read(discarded) >= 0) {
                // nothing in it can be trusted to be a PDU
            }
            transportClosed("connection closed by peer");
        } catch (SocketTimeoutException e) {
            timerExpired();
        } catch (IOException e) {
            transportClosed("connection lost: " + e.getMessage());
        }
    }

    private void received(Pdu pdu) throws IOException {
        if (pdu instanceof PDataTf data && machine.state() == State.Sta6) {
            Optional<Integer> unknown = data.values().stream().map(PresentationDataValue::presentationContextId)
                    .filter(id -> accepted.contexts().stream().noneMatch(context -> context.id() == id)).findFirst();
            if (unknown.isPresent()) {
                invalidPdu(Abort.Reason.INVALID_PDU_PARAMETER_VALUE,
                        "P-DATA-TF on presentation context " + unknown.get() + ", which was not accepted");
                return;
            }
        }
        State before = machine.state();
        Transition transition = switch (pdu) {
            case AssociateRq rq -> {
                request = rq;
                yield machine.handleAssociateRequest(true);
            }
            case AssociateAc ignored -> machine.handle(Event.Evt3);
            case AssociateRj ignored -> machine.handle(Event.Evt4);
            case PDataTf ignored -> machine.handle(Event.Evt10);
            case ReleaseRq ignored -> machine.handle(Event.Evt12);
            case ReleaseRp ignored -> machine.handle(Event.Evt13);
            case Abort abort -> {
                endedBy("aborted by peer (" + abort.source() + ", " + abort.reason() + ")");
                yield machine.handle(Event.Evt16);
            }
        };
        if (machine.state() == State.Sta13 && before != State.Sta13) {
            endedBy("aborted: unexpected " + pdu.getClass().getSimpleName() + " in " + before);
        }
        perform(transition, null, Abort.Reason.UNEXPECTED_PDU);
        switch (transition.action()) {
            case AE_6 -> { if (machine.state() == State.Sta3) answerAssociateRequest(); }
            case DT_2 -> dataIndication((PDataTf) pdu);
            case AR_2 -> {
                endedBy("released");
                perform(machine.handle(Event.Evt14), new ReleaseRp(), null);
            }
            default -> { }
        }
    }

    /** The local user's A-ASSOCIATE response primitive: Evt7 (AE-7, AC) or Evt8 (AE-8, RJ). */
    private void answerAssociateRequest() throws IOException {
        switch (slots.negotiate(request)) {
            case NegotiationResult.Accepted ok -> {
                accepted = ok;
                info = new AssociationInfo(request.callingAeTitle(), request.calledAeTitle(),
                        (InetSocketAddress) socket.getRemoteSocketAddress(), ok.contexts(), ok.user());
                perform(machine.handle(Event.Evt7), ok.ac(), null);
            }
            case NegotiationResult.Rejected rejected -> {
                endedBy("rejected: " + rejected.why());
                services.rejected(request, (InetSocketAddress) socket.getRemoteSocketAddress(), rejected.why());
                perform(machine.handle(Event.Evt8), rejected.rj(), null);
            }
        }
    }

    /** DT-2, the P-DATA indication: the values wait to be served in order. */
    private void dataIndication(PDataTf data) {
        pending.addAll(data.values());
    }

    /**
     * Joins the queued command fragments (and any PDUs already waiting) into commands and answers
     * each, while the association lasts.
     */
    private void serve() throws IOException {
        Optional<ReceivedCommand> command;
        while ((command = nextCommand(false)).isPresent()) {
            answer(command.get().contextId(), command.get().message());
        }
        if (machine.state() != State.Sta6) {
            pending.clear();
        }
    }

    /**
     * Answers one request: C-ECHO and C-STORE are served. Anything else aborts the
     * association, since a response carrying Unrecognized operation needs a message type this
     * package lacks.
     */
    private void answer(int contextId, DimseMessage message) throws IOException {
        switch (message) {
            case CEchoRq echo -> respond(contextId,
                    new CEchoRsp(echo.messageId(), echo.affectedSopClassUid(), echoStatus()));
            case CStoreRq store -> store(contextId, store);
            case CFindRq find -> queryRetrieve.find(contextId, find);
            case CGetRq get -> queryRetrieve.get(contextId, get);
            case CMoveRq move -> queryRetrieve.move(contextId, move);
            case CCancelRq ignored -> { } // PS3.7 9.3.2.3: the operation it names has already ended
            default -> localAbort("no service for " + message.commandField());
        }
    }

    /**
     * Serves a C-STORE-RQ (PS3.7 section 9.3.1): the service reads the data set as it arrives,
     * the rest is discarded, then the response goes out. If the association ends during the
     * data set no response is sent; the service saw an {@link IOException} from the stream. On
     * a context where the requestor is only SCP (accepted for C-GET sub-operations to an AE
     * that may retrieve but not store) the answer is Refused: Not Authorized (0124H, PS3.7 Annex C).
     */
    private void store(int contextId, CStoreRq request) throws IOException {
        AcceptedContext context = context(contextId);
        DataSetStream dataset = dataSet(contextId);
        CStoreRsp response = !context.scuRole()
                ? refused(request, Status.NOT_AUTHORIZED, "presentation context " + contextId
                        + " was accepted for C-GET sub-operations only: " + info.callingAeTitle() + " may not store")
                : context.abstractSyntax().equals(request.affectedSopClassUid())
                ? storeResponse(request, TransferSyntax.of(context.transferSyntax()), dataset)
                : refused(request, Status.SOP_CLASS_NOT_SUPPORTED,
                        "not the SOP Class of presentation context " + contextId);
        try {
            dataset.skipToEnd();
        } catch (DataSetStream.OutOfOrderFragment e) {
            failed++;
            localAbort(e.getMessage());
            return;
        } catch (IOException e) {
            failed++;
            return;
        }
        if (response.status().type() == StatusType.FAILURE) {
            failed++;
        } else {
            stored++;
        }
        respond(contextId, response);
    }

    private static CStoreRsp refused(CStoreRq request, Status status, String why) {
        return new CStoreRsp(request.messageId(), request.affectedSopClassUid(), request.affectedSopInstanceUid(),
                status, why);
    }

    private CStoreRsp storeResponse(CStoreRq request, TransferSyntax syntax, DataSetStream dataset) {
        try {
            return services.store(info, request, syntax, dataset);
        } catch (RuntimeException e) {
            LOG.warn("C-STORE service failed for {}", info.callingAeTitle(), e);
            return CStoreRsp.answering(request, Status.PROCESSING_FAILURE);
        }
    }

    /** The next presentation data value, receiving PDUs as needed; fails once the association has ended. */
    private PresentationDataValue nextFragment() throws IOException {
        while (true) {
            if (machine.state() != State.Sta6) {
                throw new IOException("association ended during the data set: " + ending);
            }
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            receive();
        }
    }

    /** Sends a response command set (DT-1 for each PDU), split to the peer's maximum PDU length. */
    void respond(int contextId, DimseMessage response) throws IOException {
        for (PDataTf pdu : CommandFragments.of(contextId, CommandCodec.encode(response), accepted.peerMaxPduLength())) {
            perform(machine.handle(Event.Evt9), pdu, null);
        }
    }

    /**
     * Sends {@code command} (a response, or a C-GET's C-STORE-RQ) and the data set that follows
     * it, in fragments of the peer's maximum length (PS3.8 Annex D.1, E.2), each P-DATA-TF a
     * DT-1; {@code dataset} writes it.
     *
     * @throws AssociationException if the association ends before or while it is sent
     */
    void send(int contextId, DimseMessage command, StoreRequest.DataSet dataset) throws IOException {
        if (dataSetOut == null) {
            dataSetOut = new DataSetFragments(CommandFragments.fragmentLength(accepted.peerMaxPduLength(),
                    Association.MAX_FRAGMENT_LENGTH), this::sendPData);
        }
        dataSetOut.send(contextId, CommandFragments.encoded(contextId, command, accepted.peerMaxPduLength()), dataset);
    }

    /** Evt9 (P-DATA request), DT-1, for each of {@code count} encoded P-DATA-TFs written out together. */
    private void sendPData(ByteBuffer pdus, int count) throws IOException {
        if (machine.state() != State.Sta6) {
            throw new AssociationException(AssociationException.Reason.CLOSED, "association ended: " + ending);
        }
        for (int i = 0; i < count; i++) {
            machine.handle(Event.Evt9);
        }
        try {
            out.write(pdus);
        } catch (IOException e) {
            endedBy("connection lost while sending: " + e.getMessage());
            throw new AssociationException(AssociationException.Reason.CLOSED, ending);
        }
    }

    /**
     * The next complete command the peer sent, receiving PDUs as needed when {@code wait},
     * else only while bytes are already waiting; empty when none is there (without waiting) or
     * the association has ended. A data set fragment or an unreadable command aborts (AA-1).
     */
    Optional<ReceivedCommand> nextCommand(boolean wait) throws IOException {
        while (machine.state() == State.Sta6) {
            while (!pending.isEmpty() && machine.state() == State.Sta6) {
                PresentationDataValue value = pending.poll();
                try {
                    Optional<byte[]> command = commands.add(value);
                    if (command.isPresent()) {
                        return Optional.of(new ReceivedCommand(value.presentationContextId(),
                                CommandCodec.decode(command.get())));
                    }
                } catch (DimseException e) {
                    localAbort(e.getMessage());
                }
            }
            if (machine.state() != State.Sta6 || !wait && in.available() == 0) {
                return Optional.empty();
            }
            receive();
        }
        return Optional.empty();
    }

    /** The data set following a request on {@code contextId}, as it arrives. */
    DataSetStream dataSet(int contextId) {
        return new DataSetStream(contextId, this::nextFragment);
    }

    /** The accepted context {@code id}. */
    AcceptedContext context(int id) {
        return accepted.contexts().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    /** The association as the services see it. */
    AssociationInfo info() {
        return info;
    }

    /** Whether the association is established (Sta6). */
    boolean established() {
        return machine.state() == State.Sta6;
    }

    /** Why the association ended, once it has. */
    String ending() {
        return ending;
    }

    private Status echoStatus() {
        try {
            return services.echo(info);
        } catch (RuntimeException e) {
            LOG.warn("C-ECHO service failed for {}", info.callingAeTitle(), e);
            return Status.PROCESSING_FAILURE;
        }
    }

    /** Evt15, an A-ABORT request from the local user (AA-1). */
    void localAbort(String why) throws IOException {
        endedBy("aborted: " + why);
        perform(machine.handle(Event.Evt15), null, null);
    }

    /** Evt19: AA-1 in Sta2, AA-8 or AA-7 elsewhere. */
    private void invalidPdu(Abort.Reason reason, String why) throws IOException {
        endedBy("aborted: invalid PDU: " + why);
        perform(machine.handle(Event.Evt19), null, reason);
    }

    /** Evt17. */
    private void transportClosed(String why) throws IOException {
        endedBy(why);
        perform(machine.handle(Event.Evt17), null, null);
    }

    /** Evt18 if ARTIM runs; otherwise the idle timeout in Sta6, which the local user answers with Evt15. */
    private void timerExpired() throws IOException {
        if (artimRunning) {
            endedBy("ARTIM expired in " + machine.state());
            perform(machine.handle(Event.Evt18), null, null);
        } else {
            localAbort("idle for " + timeouts.idle());
        }
    }

    /**
     * Carries out {@code transition}'s action: sends {@code reply} for AE-7, AE-8, DT-1 and AR-4,
     * an A-ABORT for AA-1 (service-user source), AA-7 and AA-8 (service-provider source with
     * {@code abortReason}); runs ARTIM; closes the connection when the machine is back in Sta1.
     */
    private void perform(Transition transition, Pdu reply, Abort.Reason abortReason) throws IOException {
        if (transition.stopsArtim()) {
            artimRunning = false;
        }
        if (transition.startsArtim()) {
            artimRunning = true;
        }
        switch (transition.action()) {
            case AE_7, AE_8, DT_1, AR_4 -> send(reply);
            case AA_1 -> send(Abort.byServiceUser());
            case AA_7, AA_8 -> send(Abort.byServiceProvider(abortReason));
            default -> { }
        }
        if (machine.state() == State.Sta1) {
            socket.close();
        }
    }

    private void send(Pdu pdu) throws IOException {
        try {
            out.write(PduCodec.encode(pdu));
        } catch (IOException e) {
            // The peer is gone; the next read sees the closed connection (Evt17).
            endedBy("connection lost while sending: " + e.getMessage());
        }
    }

    /** Keeps the first reason: what started the end matters more than how the connection then closed. */
    private void endedBy(String why) {
        if (ending == null) {
            ending = why;
        }
    }

    /** The username of the request's user identity (PS3.7 Annex D.3.3.7, types 1 and 2), else "-"; never a secret. */
    private String username() {
        return Optional.ofNullable(request).flatMap(rq -> rq.userInformation().userIdentityRq())
                .filter(identity -> identity.type() == UserIdentityType.USERNAME
                        || identity.type() == UserIdentityType.USERNAME_AND_PASSCODE)
                .map(identity -> new String(identity.primaryField().toByteArray(), StandardCharsets.UTF_8))
                .orElse("-");
    }

    /**
     * The one INFO line per association: who (calling AE, username, address, called AE), what was agreed
     * (contexts accepted of those proposed), what came (C-STORE data sets: stored, that is
     * success or warning, and failed, including those cut off; C-FIND, C-GET and C-MOVE
     * requests), how long, and how it ended.
     */
    private void log() {
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        LOG.info("association from {} (user {}) at {} to {}: contexts accepted {} of {}, instances received {} "
                + "(stored {}, failed {}), {}, {} ms, {}",
                request == null ? "-" : request.callingAeTitle(), username(), socket.getRemoteSocketAddress(),
                request == null ? "-" : request.calledAeTitle(), accepted == null ? 0 : accepted.contexts().size(),
                request == null ? 0 : request.presentationContexts().size(), stored + failed, stored, failed,
                queryRetrieve.counts(), millis, ending);
    }
}
