package io.pacslite.dimse.net;

import io.pacslite.archive.tls.TlsClient;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRj;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PduException;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import io.pacslite.dimse.ul.Action;
import io.pacslite.dimse.ul.Event;
import io.pacslite.dimse.ul.State;
import io.pacslite.dimse.ul.Transition;
import io.pacslite.dimse.ul.UpperLayerStateMachine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSocket;

/**
 * The upper layer of an association this side requests (PS3.8 section 9.2,
 * association-requestor): the TCP (or TLS) connection and the PS3.8 Table 9-10 state machine,
 * run on the calling thread. {@link Association} puts DIMSE messages on it; this class sends
 * and receives the PDUs, raises their events, carries out the actions, and turns every way
 * the association can end into an {@link AssociationException} naming what happened, with the
 * machine back in Sta1 and the socket closed.
 */
final class RequestorUpperLayer {

    private final RemoteAe peer;
    private final Timeouts timeouts;
    private final TlsClient tls;
    private final UpperLayerStateMachine machine = new UpperLayerStateMachine();
    /** Until {@link #connect}: unconnected, never used. */
    private Socket socket = new Socket();
    private PduInput input;
    private PduOutput out;

    RequestorUpperLayer(RemoteAe peer, Timeouts timeouts, TlsClient tls) {
        this.peer = peer;
        this.timeouts = timeouts;
        this.tls = tls;
    }

    /** Evt1 to Evt3: connect, send the A-ASSOCIATE-RQ, wait for the A-ASSOCIATE-AC and return it. */
    AssociateAc establish(AssociateRq rq) throws AssociationException {
        perform(machine.handle(Event.Evt1), null);
        try {
            connect();
            input = new PduInput(socket, 64 * 1024, (long) AcceptancePolicy.DEFAULT_MAX_PDU_LENGTH + 64 * 1024);
            out = new PduOutput(socket, timeouts.dimseResponse());
        } catch (IOException e) {
            perform(machine.handle(Event.Evt17), null);
            throw new AssociationException(AssociationException.Reason.CONNECT_FAILED,
                    "cannot connect to " + peer + ": " + describe(e));
        }
        perform(machine.handle(Event.Evt2), rq);
        return (AssociateAc) await(timeouts.artim(), "A-ASSOCIATE-AC", Set.of(Action.AE_3)).pdu();
    }

    /** Connects the socket to the peer (TCP_NODELAY on), with the TLS handshake done for a TLS peer. */
    private void connect() throws IOException {
        if (peer.tls()) {
            if (tls == null) {
                throw new IOException("it is reached over TLS, and this side has no TLS settings");
            }
            socket = tls.newSocket();
        } else {
            socket = PduOutput.plainSocket();
        }
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(peer.host(), peer.port()), Timeouts.millis(timeouts.connect()));
        if (socket instanceof SSLSocket handshaking) {
            handshaking.setSoTimeout(Timeouts.millis(timeouts.artim()));
            handshaking.startHandshake();
        }
    }

    /** Whether the association is established (Sta6). */
    boolean established() {
        return machine.state() == State.Sta6;
    }

    /** Evt9 (P-DATA request), DT-1, for each of {@code count} encoded P-DATA-TFs, written out together. */
    void sendPData(ByteBuffer pdus, int count) throws AssociationException {
        if (!established()) {
            throw new AssociationException(AssociationException.Reason.CLOSED, "the association with " + peer
                    + " has ended");
        }
        for (int i = 0; i < count; i++) {
            machine.handle(Event.Evt9);
        }
        try {
            out.write(pdus);
        } catch (IOException e) {
            perform(machine.handle(Event.Evt17), null);
            throw new AssociationException(AssociationException.Reason.CLOSED,
                    "connection to " + peer + " lost while sending: " + describe(e));
        }
    }

    /** Waits at most the DIMSE response timeout for the next P-DATA-TF (DT-2); anything else ends the association. */
    PDataTf receivePData(String awaited) throws AssociationException {
        return (PDataTf) await(timeouts.dimseResponse(), awaited, Set.of(Action.DT_2)).pdu();
    }

    /**
     * A-RELEASE (PS3.8 section 7.2): sends an A-RELEASE-RQ (Evt11, AR-1) and waits for the
     * A-RELEASE-RP (Evt13, AR-3), answering a release collision as requestor (Evt12 in Sta7,
     * AR-8 to Sta9; A-RELEASE-RP, AR-9 to Sta11; then AR-3). Does nothing unless established.
     *
     * @throws AssociationException if the peer aborts or closes first, or ARTIM runs out
     */
    void release() throws AssociationException {
        if (!established()) {
            return;
        }
        perform(machine.handle(Event.Evt11), new ReleaseRq());
        while (machine.state() != State.Sta1) {
            Transition transition = await(timeouts.artim(), "A-RELEASE-RP", Set.of(Action.AR_3, Action.AR_6,
                    Action.AR_8)).transition();
            if (transition.action() == Action.AR_8) {
                perform(machine.handle(Event.Evt14), new ReleaseRp());
            }
        }
    }

    /**
     * A-ABORT (PS3.8 section 7.3): sends an A-ABORT (Evt15, AA-1) and waits for the peer to close
     * the connection, at most ARTIM. Does nothing once the association has ended.
     */
    void abort() {
        if (machine.state() != State.Sta1 && machine.state() != State.Sta13) {
            perform(machine.handle(Event.Evt15), Abort.byServiceUser());
        }
        awaitClose();
    }

    /** Releases the association if it is still established, then closes the connection. */
    void close() throws IOException {
        try {
            release();
        } finally {
            socket.close();
        }
    }

    /** A PDU received and the transition it caused. */
    private record Received(Pdu pdu, Transition transition) {
    }

    /**
     * Receives the next PDU and raises its event. Returns it if the transition's action is one
     * of {@code expected}; otherwise the association is ending: this finishes the ending (answers
     * a release request from the peer, waits for the close after an abort) and throws why.
     */
    private Received await(Duration timeout, String awaited, Set<Action> expected) throws AssociationException {
        Pdu pdu;
        try {
            Optional<Pdu> next = input.read(timeout);
            if (next.isEmpty()) {
                throw transportClosed(peer + " closed the connection while waiting for " + awaited);
            }
            pdu = next.get();
        } catch (SocketTimeoutException e) {
            throw ended(AssociationException.Reason.TIMEOUT, "no " + awaited + " from " + peer + " within "
                    + seconds(timeout) + "; association aborted", Abort.byServiceUser(), Event.Evt15);
        } catch (PduException e) {
            if (e.abortReason().isEmpty()) {
                throw transportClosed(peer + " closed the connection inside a PDU while waiting for "
                        + awaited);
            }
            throw ended(AssociationException.Reason.ABORTED, "invalid PDU from " + peer + ": " + e.getMessage()
                    + "; association aborted", Abort.byServiceProvider(e.abortReason().get()), Event.Evt19);
        } catch (IOException e) {
            throw transportClosed("connection to " + peer + " lost: " + describe(e));
        }
        State before = machine.state();
        Transition transition = pdu instanceof AssociateRq
                ? machine.handleAssociateRequest(false)
                : machine.handle(eventOf(pdu));
        perform(transition, Abort.byServiceProvider(Abort.Reason.UNEXPECTED_PDU));
        if (expected.contains(transition.action())) {
            return new Received(pdu, transition);
        }
        throw switch (transition.action()) {
            case AE_4 -> AssociationException.rejected(peer, (AssociateRj) pdu);
            case AA_3 -> new AssociationException(AssociationException.Reason.ABORTED_BY_PEER,
                    peer + " aborted the association (source " + AssociationException.words(((Abort) pdu).source())
                            + ", reason " + AssociationException.words(((Abort) pdu).reason()) + ")");
            case AR_2 -> {
                perform(machine.handle(Event.Evt14), new ReleaseRp());
                awaitClose();
                yield new AssociationException(AssociationException.Reason.CLOSED,
                        peer + " released the association while waiting for " + awaited);
            }
            default -> {
                awaitClose();
                yield new AssociationException(AssociationException.Reason.ABORTED, "unexpected "
                        + pdu.getClass().getSimpleName() + " from " + peer + " in " + before + " while waiting for "
                        + awaited + "; association aborted");
            }
        };
    }

    private static Event eventOf(Pdu pdu) {
        return switch (pdu) {
            case AssociateAc ignored -> Event.Evt3;
            case AssociateRj ignored -> Event.Evt4;
            case AssociateRq ignored -> Event.Evt6;
            case PDataTf ignored -> Event.Evt10;
            case ReleaseRq ignored -> Event.Evt12;
            case ReleaseRp ignored -> Event.Evt13;
            case Abort ignored -> Event.Evt16;
        };
    }

    /** Evt15 (A-ABORT request by the local user, AA-1), then waits for the close; the exception to throw. */
    AssociationException localAbort(String why) {
        return ended(AssociationException.Reason.ABORTED, why + "; association aborted", Abort.byServiceUser(),
                Event.Evt15);
    }

    private AssociationException ended(AssociationException.Reason reason, String message, Abort abort, Event event) {
        if (machine.state() != State.Sta1 && machine.state() != State.Sta13) {
            perform(machine.handle(event), abort);
        }
        awaitClose();
        return new AssociationException(reason, message);
    }

    /** Evt17: the connection closed or broke (AA-4, or AR-5 in Sta13). */
    private AssociationException transportClosed(String message) {
        perform(machine.handle(Event.Evt17), null);
        return new AssociationException(AssociationException.Reason.CLOSED, message);
    }

    /**
     * Sta13: the association no longer exists; reads and discards until the peer closes the
     * connection (Evt17, AR-5) or ARTIM runs out (Evt18, AA-2), then closes.
     */
    private void awaitClose() {
        if (machine.state() != State.Sta13) {
            return;
        }
        try {
            input.discardUntilClosed(timeouts.artim());
            perform(machine.handle(Event.Evt17), null);
        } catch (SocketTimeoutException e) {
            perform(machine.handle(Event.Evt18), null);
        } catch (IOException e) {
            perform(machine.handle(Event.Evt17), null);
        }
    }

    /**
     * Carries out {@code transition}'s action: sends {@code pdu} for AE-2, AR-1, AR-4, AR-9, AA-1,
     * AA-7 and AA-8; closes the connection once the machine is back in Sta1. ARTIM needs no
     * bookkeeping here: it runs exactly in Sta13, where {@link #awaitClose} applies it.
     */
    private void perform(Transition transition, Pdu pdu) {
        switch (transition.action()) {
            case AE_2, AR_1, AR_4, AR_9, AA_1, AA_7, AA_8 -> send(pdu);
            default -> { }
        }
        if (machine.state() == State.Sta1) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all that was left to do
            }
        }
    }

    private void send(Pdu pdu) {
        try {
            byte[] bytes = PduCodec.encode(pdu);
            out.write(bytes);
        } catch (IOException e) {
            // The peer is gone; the next read sees the closed connection (Evt17).
        }
    }

    private static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

}
