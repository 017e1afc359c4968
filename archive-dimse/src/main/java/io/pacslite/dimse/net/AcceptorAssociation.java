package io.pacslite.dimse.net;

import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptedContext;
import io.pacslite.dimse.message.CCancelRq;
import io.pacslite.dimse.message.CEchoRq;
import io.pacslite.dimse.message.CEchoRsp;
import io.pacslite.dimse.message.CFindRq;
import io.pacslite.dimse.message.CGetRq;
import io.pacslite.dimse.message.CMoveRq;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.DimseException;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityType;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted association, served on the calling (virtual) thread: the DIMSE side (PS3.7) of
 * the connection that {@link AcceptorUpperLayer} runs through the PS3.8 Upper Layer state
 * machine as association acceptor. This class takes each request the peer sends (PS3.7
 * section 9.3), hands it to the {@link DimseServices}, and sends the response: C-ECHO and
 * C-STORE here, C-FIND, C-GET (with its C-STORE sub-operations on this same association) and
 * C-MOVE through {@link QueryRetrieveScp}. It writes the one log line of the association.
 *
 * <p>Received presentation data values wait in a {@link CommandAssembler} until served. A
 * C-STORE's data set is not queued whole: the service reads it through a {@link DataSetStream}
 * that takes the next queued fragment or, when none is left, has the upper layer receive the
 * next PDU, so that each PDU still raises its event (Evt10 for a P-DATA-TF) and an A-ABORT or
 * a closed connection ends the store.
 */
final class AcceptorAssociation implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptorAssociation.class);

    private final Socket socket;
    private final DimseServices services;
    private final AcceptorUpperLayer link;
    private final CommandAssembler received = new CommandAssembler();
    private final QueryRetrieveScp queryRetrieve;
    private final long started = System.nanoTime();
    /** Made at the first message sent, for the peer's maximum length. */
    private DimseOutput output;
    private int stored;
    private int failed;

    /** {@code stopRequested} tells whether the server stops, so that this association ends after its current message. */
    AcceptorAssociation(Socket socket, AssociationSlots slots, DimseServices services, Timeouts timeouts,
            BooleanSupplier stopRequested) {
        this.socket = socket;
        this.services = services;
        this.link = new AcceptorUpperLayer(socket, slots, services, timeouts, stopRequested, received::received);
        this.queryRetrieve = new QueryRetrieveScp(this, services);
    }

    @Override
    public void run() {
        try (socket) {
            link.start();
            while (link.open()) {
                if (link.established() && received.isEmpty()) {
                    link.receiveNextMessage();
                } else {
                    link.receive();
                }
                serve();
            }
        } catch (IOException | RuntimeException e) {
            link.endedBy("failed: " + e);
        } finally {
            link.freeSlot();
            if (link.info() != null) {
                services.ended(link.info());
            }
            log();
        }
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
        if (!link.established()) {
            received.clear();
        }
    }

    /**
     * Answers one request: C-ECHO and C-STORE here, C-FIND, C-GET and C-MOVE through {@link
     * QueryRetrieveScp}. Anything else aborts the association, since a response carrying
     * Unrecognized operation needs a message type this package lacks.
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
                        + " was accepted for C-GET sub-operations only: " + info().callingAeTitle() + " may not store")
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
            return services.store(info(), request, syntax, dataset);
        } catch (RuntimeException e) {
            LOG.warn("C-STORE service failed for {}", info().callingAeTitle(), e);
            return CStoreRsp.answering(request, Status.PROCESSING_FAILURE);
        }
    }

    /** The next presentation data value, receiving PDUs as needed; fails once the association has ended. */
    private PresentationDataValue nextFragment() throws IOException {
        while (true) {
            if (!link.established()) {
                throw new IOException("association ended during the data set: " + link.ending());
            }
            PresentationDataValue next = received.nextFragment();
            if (next != null) {
                return next;
            }
            link.receive();
        }
    }

    /** Sends a response command set (DT-1 for each PDU), split to the peer's maximum PDU length. */
    void respond(int contextId, DimseMessage response) throws IOException {
        output().command(contextId, response);
    }

    /**
     * Sends {@code command} (a response, or a C-GET's C-STORE-RQ) and the data set that follows
     * it, in fragments of the peer's maximum length (PS3.8 Annex D.1, E.2), each P-DATA-TF a
     * DT-1; {@code dataset} writes it.
     *
     * @throws AssociationException if the association ends before or while it is sent
     */
    void send(int contextId, DimseMessage command, StoreRequest.DataSet dataset) throws IOException {
        output().send(contextId, command, dataset);
    }

    private DimseOutput output() {
        if (output == null) {
            output = new DimseOutput(link.accepted().peerMaxPduLength(), link::sendPData);
        }
        return output;
    }

    /** The Message ID for the next request this side sends, a C-GET's C-STORE sub-operation (PS3.7 section 9.1.1.1). */
    int nextMessageId() {
        return output().nextMessageId();
    }

    /**
     * The next complete command the peer sent, receiving PDUs as needed when {@code wait},
     * else only while bytes are already waiting; empty when none is there (without waiting) or
     * the association has ended. A data set fragment or an unreadable command aborts (AA-1).
     */
    Optional<ReceivedCommand> nextCommand(boolean wait) throws IOException {
        while (link.established()) {
            try {
                Optional<ReceivedCommand> command = received.nextCommand();
                if (command.isPresent()) {
                    return command;
                }
            } catch (DimseException e) {
                localAbort(e.getMessage());
                return Optional.empty();
            }
            if (!wait && !link.bytesWaiting()) {
                return Optional.empty();
            }
            link.receive();
        }
        return Optional.empty();
    }

    /** The data set following a request on {@code contextId}, as it arrives. */
    DataSetStream dataSet(int contextId) {
        return new DataSetStream(contextId, this::nextFragment);
    }

    /** The accepted context {@code id}. */
    AcceptedContext context(int id) {
        return link.accepted().contexts().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    /** The association as the services see it. */
    AssociationInfo info() {
        return link.info();
    }

    /** Whether the association is established (Sta6). */
    boolean established() {
        return link.established();
    }

    /** Why the association ended, once it has. */
    String ending() {
        return link.ending();
    }

    /** Evt15, an A-ABORT request from the local user (AA-1). */
    void localAbort(String why) throws IOException {
        link.localAbort(why);
    }

    private Status echoStatus() {
        try {
            return services.echo(info());
        } catch (RuntimeException e) {
            LOG.warn("C-ECHO service failed for {}", info().callingAeTitle(), e);
            return Status.PROCESSING_FAILURE;
        }
    }

    /** The username of the request's user identity (PS3.7 Annex D.3.3.7, types 1 and 2), else "-"; never a secret. */
    private static String username(AssociateRq request) {
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
        AssociateRq request = link.request();
        LOG.info("association from {} (user {}) at {} to {}: contexts accepted {} of {}, instances received {} "
                + "(stored {}, failed {}), {}, {} ms, {}",
                request == null ? "-" : request.callingAeTitle(), username(request), socket.getRemoteSocketAddress(),
                request == null ? "-" : request.calledAeTitle(),
                link.accepted() == null ? 0 : link.accepted().contexts().size(),
                request == null ? 0 : request.presentationContexts().size(), stored + failed, stored, failed,
                queryRetrieve.counts(), millis, link.ending());
    }
}
