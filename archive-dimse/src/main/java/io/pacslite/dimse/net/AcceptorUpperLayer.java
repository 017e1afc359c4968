package io.pacslite.dimse.net;

import io.pacslite.dimse.association.NegotiationResult;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRj;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PduException;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import io.pacslite.dimse.ul.Event;
import io.pacslite.dimse.ul.State;
import io.pacslite.dimse.ul.Transition;
import io.pacslite.dimse.ul.UpperLayerStateMachine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The upper layer of an association this side accepts (PS3.8 section 9.2,
 * association-acceptor): one accepted TCP (or TLS) connection run through the PS3.8 Table 9-10
 * state machine on the calling (virtual) thread. {@link AcceptorAssociation} serves the DIMSE
 * messages on it; this class receives and sends the PDUs, raises their events through
 * {@link UpperLayerStateMachine} and carries out the actions it returns: the A-ASSOCIATE
 * negotiation (AE-6 to AE-8, PS3.8 section 7.1, under {@link AssociationSlots}), P-DATA (DT-1,
 * DT-2: the received values go to the DIMSE side), A-RELEASE as acceptor (AR-2, AR-4, section
 * 7.2) and A-ABORT (AA-1 to AA-8, section 7.3).
 *
 * <p>The ARTIM timer (PS3.8 section 9.1.5) and the idle timeout are the socket's read timeout:
 * ARTIM while the machine has it running (Sta2, Sta13), the idle timeout in Sta6.
 *
 * <p>When the server stops ({@link DimseServer#close(Duration)}), an association finishes the
 * message it is serving and is then aborted (A-ABORT, AA-1) between two messages; no
 * acknowledged store is cut. While it waits for the next message it looks for a stop request
 * every {@link #STOP_POLL}. After that abort the peer has {@link #STOP_ARTIM} to close, instead
 * of the full ARTIM timeout.
 */
final class AcceptorUpperLayer {

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
    private final Consumer<PDataTf> dataIndication;
    private final UpperLayerStateMachine machine = new UpperLayerStateMachine();
    private PduInput input;
    private PduOutput out;
    private boolean artimRunning;
    private boolean framingLost;
    private AssociateRq request;
    private NegotiationResult.Accepted accepted;
    private AssociationInfo info;
    private String ending;

    /**
     * @param services       told of a rejected A-ASSOCIATE-RQ, before the A-ASSOCIATE-RJ goes out
     * @param stopRequested  whether the server stops, so that the association ends after its current message
     * @param dataIndication takes each P-DATA-TF received in Sta6 (DT-2, the P-DATA indication)
     */
    AcceptorUpperLayer(Socket socket, AssociationSlots slots, DimseServices services, Timeouts timeouts,
            BooleanSupplier stopRequested, Consumer<PDataTf> dataIndication) {
        this.socket = socket;
        this.slots = slots;
        this.services = services;
        this.timeouts = timeouts;
        this.stopRequested = stopRequested;
        this.dataIndication = dataIndication;
    }

    /** Evt5, the transport connection accepted (AE-5): ARTIM runs until the A-ASSOCIATE-RQ. */
    void start() throws IOException {
        input = new PduInput(socket, 8192, (long) slots.policy().maxPduLength() + ASSOCIATE_RQ_ALLOWANCE);
        out = new PduOutput(socket, timeouts.dimseResponse());
        perform(machine.handle(Event.Evt5), null, null);
    }

    /** Whether the connection is still open: the machine is not back in Sta1. */
    boolean open() {
        return machine.state() != State.Sta1;
    }

    /** Whether the association is established (Sta6). */
    boolean established() {
        return machine.state() == State.Sta6;
    }

    /**
     * Between messages: waits until the first byte of the next PDU is there (or the peer
     * closed), looking every {@link #STOP_POLL} whether the server stops, then receives it as
     * {@link #receive()} does. Once the idle timeout expires or the server stops, this side
     * aborts instead (Evt15, AA-1).
     */
    void receiveNextMessage() throws IOException {
        Duration idle = input.awaitNext(timeouts.idle(), STOP_POLL, stopRequested);
        if (idle == null) {
            receive();
        } else {
            localAbort(stopRequested.getAsBoolean() ? "the archive is stopping" : "idle for " + idle);
        }
    }

    /** Whether bytes of a further PDU have arrived and wait to be read. */
    boolean bytesWaiting() throws IOException {
        return input.bytesWaiting();
    }

    /** Waits for the next PDU, timer expiry or close, and raises the event it makes. */
    void receive() throws IOException {
        if (framingLost) {
            drainUntilClosed();
            return;
        }
        Pdu pdu;
        try {
            Optional<Pdu> next = input.read(readTimeout());
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
        try {
            input.discardUntilClosed(readTimeout());
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
            case DT_2 -> dataIndication.accept((PDataTf) pdu);
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
                info = new AssociationInfo(request.callingAeTitle(), request.calledAeTitle(), remoteAddress(),
                        ok.contexts(), ok.user());
                perform(machine.handle(Event.Evt7), ok.ac(), null);
            }
            case NegotiationResult.Rejected rejected -> {
                endedBy("rejected: " + rejected.why());
                services.rejected(request, remoteAddress(), rejected.why());
                perform(machine.handle(Event.Evt8), rejected.rj(), null);
            }
        }
    }

    /**
     * Evt9 (P-DATA request), DT-1, for each of {@code count} encoded P-DATA-TFs written out together.
     *
     * @throws AssociationException if the association is not established, or the connection
     *     breaks while they are written (the next read then sees it closed, Evt17)
     */
    void sendPData(ByteBuffer pdus, int count) throws AssociationException {
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
     * Carries out {@code transition}'s action: sends {@code reply} for AE-7, AE-8 and AR-4,
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
            case AE_7, AE_8, AR_4 -> send(reply);
            case AA_1 -> send(Abort.byServiceUser());
            case AA_7, AA_8 -> send(Abort.byServiceProvider(abortReason));
            default -> { }
        }
        if (machine.state() == State.Sta1) {
            socket.close();
        }
    }

    private void send(Pdu pdu) {
        try {
            out.write(PduCodec.encode(pdu));
        } catch (IOException e) {
            // The peer is gone; the next read sees the closed connection (Evt17).
            endedBy("connection lost while sending: " + e.getMessage());
        }
    }

    /** Keeps the first reason: what started the end matters more than how the connection then closed. */
    void endedBy(String why) {
        if (ending == null) {
            ending = why;
        }
    }

    /** Why the association ended, once it has. */
    String ending() {
        return ending;
    }

    /** Gives back the slot an accepted association holds ({@link AssociationSlots}); once, when it has ended. */
    void freeSlot() {
        if (accepted != null) {
            slots.release();
        }
    }

    /** The A-ASSOCIATE-RQ received; null before one came. */
    AssociateRq request() {
        return request;
    }

    /** What the negotiation accepted; null unless the association was accepted. */
    NegotiationResult.Accepted accepted() {
        return accepted;
    }

    /** The association as the services see it; null unless it was accepted. */
    AssociationInfo info() {
        return info;
    }

    /** The requestor's address. */
    private InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }
}
