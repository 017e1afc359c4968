package io.pacslite.dimse.net;

import io.pacslite.archive.tls.TlsClient;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.dict.UidRegistry;
import io.pacslite.dicom.io.Implementation;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.AcceptedContext;
import io.pacslite.dimse.message.CEchoRq;
import io.pacslite.dimse.message.CEchoRsp;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.CGetRsp;
import io.pacslite.dimse.message.CMoveRsp;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.DimseException;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Priority;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PresentationContextAc;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationClassUid;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationVersionName;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import io.pacslite.dimse.pdu.UserInformationItem.RoleSelection;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An association this side requested (PS3.8 section 9.2, association-requestor), run through
 * the PS3.8 Table 9-10 state machine on the calling thread ({@link RequestorUpperLayer}; this
 * class puts the DIMSE messages on it): {@link #open} connects and
 * negotiates, {@link #echo()} and {@link #store(StoreRequest)} send one request and wait for
 * its response (no asynchronous operations, PS3.7 Annex D.3.3.3), {@link #release()} ends it
 * in order and {@link #abort()} at once.
 *
 * <pre>{@code
 * try (Association association = Association.open(new RemoteAe("pacs", 11112, "ANY-SCP"), "PACSLITE",
 *         PresentationContexts.verification(), Timeouts.defaults())) {
 *     Status status = association.echo();
 * }
 * }</pre>
 *
 * <p>Every failure that ends the association is an {@link AssociationException} naming what
 * happened; the machine is then back in Sta1 and the socket closed. Timers: the connect
 * timeout bounds the TCP connection, ARTIM (PS3.8 section 9.1.5) the wait for the
 * A-ASSOCIATE-AC/RJ, for the A-RELEASE-RP and for the peer to close after an A-ABORT, and
 * the DIMSE response timeout the wait for each response; when one runs out this side
 * aborts (Evt15, AA-1).
 *
 * <p>Not thread-safe: one thread uses an association at a time.
 */
public final class Association implements Closeable {

    private final RemoteAe peer;
    private final List<PresentationContextRq> proposed;
    private final RequestorUpperLayer link;
    private final CommandAssembler received = new CommandAssembler();
    private AssociateAc ac;
    private List<AcceptedContext> accepted = List.of();
    private long peerMaxPduLength;
    /** Made once the peer's maximum length is known, when the association is established. */
    private DimseOutput output;

    private Association(RemoteAe peer, Timeouts timeouts, List<PresentationContextRq> proposed, TlsClient tls) {
        this.peer = peer;
        this.proposed = proposed;
        this.link = new RequestorUpperLayer(peer, timeouts, tls);
    }

    /**
     * Connects to {@code peer} (TCP_NODELAY on) and negotiates an association proposing
     * {@code contexts} (PS3.8 section 9.3.2), with this side's maximum length (PS3.8 Annex D.1)
     * and implementation class UID and version name (PS3.7 Annex D.3.3.2).
     *
     * @param callingAeTitle this side's AE title
     * @throws AssociationException if the connection fails, the peer rejects (the exception
     *         carries the A-ASSOCIATE-RJ's result, source and reason) or aborts, or a timer runs out
     * @throws IllegalArgumentException if the calling AE title is not valid or no context is proposed
     */
    public static Association open(RemoteAe peer, String callingAeTitle, List<PresentationContextRq> contexts,
            Timeouts timeouts) throws AssociationException {
        return open(peer, callingAeTitle, contexts, List.of(), timeouts);
    }

    /**
     * As {@link #open(RemoteAe, String, List, Timeouts)}, proposing SCP/SCU role selections too
     * (PS3.7 Annex D.3.3.4): for C-GET, the SCP role for the Storage SOP Classes to receive.
     */
    public static Association open(RemoteAe peer, String callingAeTitle, List<PresentationContextRq> contexts,
            List<RoleSelection> roles, Timeouts timeouts) throws AssociationException {
        return open(peer, callingAeTitle, contexts, roles, timeouts, null);
    }

    /**
     * As {@link #open(RemoteAe, String, List, List, Timeouts)}; a {@link RemoteAe#tls() TLS} peer
     * is reached through {@code tls} (PS3.15 Annex B.9): the handshake follows the connect,
     * within the ARTIM time.
     *
     * @param tls how to connect to a TLS peer; null if this side has no TLS (a TLS peer then fails to connect)
     */
    public static Association open(RemoteAe peer, String callingAeTitle, List<PresentationContextRq> contexts,
            List<RoleSelection> roles, Timeouts timeouts, TlsClient tls) throws AssociationException {
        Association association = new Association(Objects.requireNonNull(peer, "peer"),
                Objects.requireNonNull(timeouts, "timeouts"), List.copyOf(contexts), tls);
        List<UserInformationItem> items = new ArrayList<>(List.of(
                new MaximumLength(AcceptancePolicy.DEFAULT_MAX_PDU_LENGTH),
                new ImplementationClassUid(Implementation.CLASS_UID)));
        items.addAll(roles);
        items.add(new ImplementationVersionName(Implementation.VERSION_NAME));
        AssociateRq rq = new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, peer.aeTitle(), callingAeTitle,
                AssociateRq.DICOM_APPLICATION_CONTEXT, association.proposed, new UserInformation(items));
        association.establish(rq);
        return association;
    }

    /** The largest P-DATA-TF the peer receives (PS3.8 Annex D.1); 0 means no limit. */
    public long peerMaxPduLength() {
        return peerMaxPduLength;
    }

    /** Whether the association is established (Sta6) and can carry requests. */
    public boolean isEstablished() {
        return link.established();
    }

    /**
     * C-ECHO (PS3.7 section 9.1.5, PS3.4 Annex A): sends a C-ECHO-RQ on the Verification
     * context and returns the status of the C-ECHO-RSP.
     *
     * @throws AssociationException if Verification was not accepted, or the association ended
     */
    public Status echo() throws AssociationException {
        AcceptedContext context = accepted.stream().filter(c -> c.abstractSyntax().equals(UID.Verification))
                .findFirst().orElseThrow(() -> new AssociationException(
                        AssociationException.Reason.NO_PRESENTATION_CONTEXT, peer + " did not accept Verification"));
        int messageId = nextMessageId();
        sendCommand(context.id(), new CEchoRq(messageId, UID.Verification));
        return awaitResponse(context.id(), messageId, CEchoRsp.class, "C-ECHO-RSP").status();
    }

    /**
     * C-STORE (PS3.7 section 9.1.1, PS3.4 Annex B): sends the C-STORE-RQ, then the data set
     * from the file in P-DATA-TF fragments no longer than the peer allows (PS3.8 Annex D.1, E.2),
     * and returns the C-STORE-RSP with its Status and Error Comment. The context is the one
     * accepted for the request's SOP Class in the file's own transfer syntax, else one in the
     * other uncompressed little-endian syntax, into which the data set is re-encoded.
     *
     * @throws AssociationException with {@link AssociationException.Reason#NO_PRESENTATION_CONTEXT}
     *         if no accepted context fits (the association stays usable), or another reason if
     *         the association ended
     * @throws IOException if the file could not be read before anything was sent (the
     *         association stays usable)
     */
    public CStoreRsp store(StoreRequest request) throws IOException {
        return store(request, null, null);
    }

    /**
     * C-STORE as a C-MOVE sub-operation (PS3.4 C.4.2.3.1): as {@link #store(StoreRequest)}, the
     * request naming the Move Originator's AE title and the Message ID of its C-MOVE-RQ
     * (PS3.7 Table 9.3-1); both null for a plain C-STORE.
     */
    public CStoreRsp store(StoreRequest request, String moveOriginatorAeTitle, Integer moveOriginatorMessageId)
            throws IOException {
        AcceptedContext context = request.contextIn(accepted).orElseThrow(() -> new AssociationException(
                AssociationException.Reason.NO_PRESENTATION_CONTEXT, whyNoContext(request)));
        StoreRequest.DataSet dataset = request.prepare(TransferSyntax.of(context.transferSyntax()));
        int messageId = nextMessageId();
        CStoreRq command = new CStoreRq(messageId, request.sopClassUid(), request.sopInstanceUid(), Priority.MEDIUM,
                moveOriginatorAeTitle, moveOriginatorMessageId);
        try {
            send(context.id(), command, dataset);
        } catch (AssociationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Part of the data set is out: PS3.8 has no way to take it back but to abort.
            throw localAbort("reading " + request.file() + " failed while sending it: " + e.getMessage());
        }
        return awaitResponse(context.id(), messageId, CStoreRsp.class, "C-STORE-RSP");
    }

    /**
     * A-RELEASE (PS3.8 section 7.2): sends an A-RELEASE-RQ (Evt11, AR-1) and waits for the
     * A-RELEASE-RP (Evt13, AR-3), answering a release collision as requestor (Evt12 in Sta7,
     * AR-8 to Sta9; A-RELEASE-RP, AR-9 to Sta11; then AR-3). Does nothing unless established.
     *
     * @throws AssociationException if the peer aborts or closes first, or ARTIM runs out
     */
    public void release() throws AssociationException {
        link.release();
    }

    /**
     * A-ABORT (PS3.8 section 7.3): sends an A-ABORT (Evt15, AA-1) and waits for the peer to close
     * the connection, at most ARTIM. Does nothing once the association has ended.
     */
    public void abort() {
        link.abort();
    }

    /** Releases the association if it is still established, then closes the connection. */
    @Override
    public void close() throws IOException {
        link.close();
    }

    /** Evt1 to Evt3: connect, send the A-ASSOCIATE-RQ, wait for the AC. */
    private void establish(AssociateRq rq) throws AssociationException {
        ac = link.establish(rq);
        accepted = acceptedContexts(ac);
        peerMaxPduLength = ac.userInformation().maximumLength().orElse(0);
        output = new DimseOutput(peerMaxPduLength, link::sendPData);
    }

    private List<AcceptedContext> acceptedContexts(AssociateAc answer) {
        List<AcceptedContext> contexts = new ArrayList<>();
        for (PresentationContextRq rq : proposed) {
            answer.presentationContexts().stream()
                    .filter(a -> a.id() == rq.id() && a.result() == PresentationContextAc.Result.ACCEPTANCE)
                    .findFirst()
                    .ifPresent(a -> contexts.add(new AcceptedContext(rq.id(), rq.abstractSyntax(), a.transferSyntax(),
                            true, false)));
        }
        return List.copyOf(contexts);
    }

    private String whyNoContext(StoreRequest request) {
        String answers = proposed.stream().filter(rq -> rq.abstractSyntax().equals(request.sopClassUid()))
                .map(rq -> "context " + rq.id() + " " + rq.transferSyntaxes().stream().map(Association::name).toList()
                        + ": " + answerTo(rq.id()))
                .collect(Collectors.joining("; "));
        return peer + " accepted no presentation context for " + name(request.sopClassUid()) + " in "
                + name(request.transferSyntax().uid()) + (answers.isEmpty() ? " (none proposed)" : " (" + answers + ")");
    }

    private String answerTo(int contextId) {
        return ac.presentationContexts().stream().filter(a -> a.id() == contextId).findFirst()
                .map(a -> a.result() == PresentationContextAc.Result.ACCEPTANCE
                        ? "accepted " + name(a.transferSyntax()) : AssociationException.words(a.result()))
                .orElse("not answered");
    }

    private static String name(String uid) {
        return Objects.requireNonNullElse(UidRegistry.nameOf(uid), uid);
    }

    /** The Message ID of the next request (PS3.7 section 9.1.1.1). */
    int nextMessageId() {
        return output.nextMessageId();
    }

    /** A command set without a data set as P-DATA-TFs (DT-1 each), split to the peer's maximum length. */
    void sendCommand(int contextId, DimseMessage message) throws AssociationException {
        output.command(contextId, message);
    }

    /**
     * Waits for the response to message {@code messageId} on {@code contextId}: command fragments
     * are joined (PS3.8 Annex E.2) and the command set decoded. Anything else a synchronous
     * requestor cannot expect (a data set, another message, another context) aborts.
     */
    <R extends DimseMessage> R awaitResponse(int contextId, int messageId, Class<R> type, String name)
            throws AssociationException {
        return checkResponse(nextCommand(name), contextId, messageId, type, name);
    }

    /** {@code received} as the response {@code type} to message {@code messageId} on {@code contextId}; else this side aborts. */
    <R extends DimseMessage> R checkResponse(ReceivedCommand received, int contextId, int messageId, Class<R> type,
            String name) throws AssociationException {
        DimseMessage message = received.message();
        if (!type.isInstance(message) || received.contextId() != contextId || respondsTo(message) != messageId) {
            throw localAbort("expected a " + name + " to message " + messageId + " on context " + contextId
                    + ", got " + message.commandField() + " on context " + received.contextId());
        }
        return type.cast(message);
    }

    /**
     * The next command the peer sends: command fragments are joined (PS3.8 Annex E.2) and the
     * command set decoded, waiting at most the DIMSE response timeout for each PDU. A data set
     * fragment here (none was announced) or an unreadable command aborts.
     */
    ReceivedCommand nextCommand(String awaited) throws AssociationException {
        while (true) {
            try {
                Optional<ReceivedCommand> command = received.nextCommand();
                if (command.isPresent()) {
                    return command.get();
                }
            } catch (DimseException e) {
                throw localAbort("unreadable " + awaited + " from " + peer + ": " + e.getMessage());
            }
            received.received(link.receivePData(awaited));
        }
    }

    /** The data set that follows a command on {@code contextId}, read as it arrives (PS3.8 Annex E.2). */
    DataSetStream dataSet(int contextId) {
        return new DataSetStream(contextId, () -> {
            PresentationDataValue next = received.nextFragment();
            if (next == null) {
                received.received(link.receivePData("data set"));
                next = received.nextFragment();
            }
            return next;
        });
    }

    /**
     * Sends {@code command} and the data set that follows it on {@code contextId}, in fragments
     * within the peer's maximum length (PS3.8 Annex E.2).
     */
    void send(int contextId, DimseMessage command, StoreRequest.DataSet dataset) throws IOException {
        output.send(contextId, command, dataset);
    }

    /** The accepted contexts. */
    List<AcceptedContext> acceptedContexts() {
        return accepted;
    }

    private static int respondsTo(DimseMessage response) {
        return switch (response) {
            case CEchoRsp rsp -> rsp.messageIdBeingRespondedTo();
            case CStoreRsp rsp -> rsp.messageIdBeingRespondedTo();
            case CFindRsp rsp -> rsp.messageIdBeingRespondedTo();
            case CGetRsp rsp -> rsp.messageIdBeingRespondedTo();
            case CMoveRsp rsp -> rsp.messageIdBeingRespondedTo();
            default -> -1;
        };
    }

    /** Evt15 (A-ABORT request by the local user, AA-1), then waits for the close; the exception to throw. */
    AssociationException localAbort(String why) {
        return link.localAbort(why);
    }

    /** {@code association with AE@host:port}, for messages. */
    @Override
    public String toString() {
        return "association with " + peer;
    }
}
