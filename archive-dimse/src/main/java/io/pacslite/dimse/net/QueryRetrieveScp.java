package io.pacslite.dimse.net;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptedContext;
import io.pacslite.dimse.message.CCancelRq;
import io.pacslite.dimse.message.CFindRq;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.CGetRq;
import io.pacslite.dimse.message.CGetRsp;
import io.pacslite.dimse.message.CMoveRq;
import io.pacslite.dimse.message.CMoveRsp;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Priority;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.SubOperations;
import io.pacslite.dimse.service.Retrieval;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The association acceptor's side of C-FIND, C-GET and C-MOVE (PS3.7 9.1.2-9.1.4, PS3.4 Annex
 * C): reads the Identifier, hands it to the {@link DimseServices}, sends their pending and
 * final responses, looks for a C-CANCEL-RQ between responses (PS3.7 9.3.2.3), and for C-GET
 * sends the C-STORE sub-operations on this association and waits for their responses.
 *
 * <p>No asynchronous operations are negotiated (PS3.7 Annex D.3.3.3), so while one runs the
 * peer may send only a C-CANCEL-RQ for it (and, for C-GET, the C-STORE-RSPs); any other
 * command aborts the association.
 */
final class QueryRetrieveScp {

    private static final Logger LOG = LoggerFactory.getLogger(QueryRetrieveScp.class);

    /** An Identifier holds keys, not images: far above any real one, and a bound on memory. */
    static final int MAX_IDENTIFIER_LENGTH = 1 << 20;

    private final AcceptorAssociation association;
    private final DimseServices services;
    private int finds;
    private int gets;
    private int moves;
    private int operation;
    private boolean cancelled;
    /** Why the last Identifier was refused before the services saw it. */
    private Retrieval.Outcome refusal;

    QueryRetrieveScp(AcceptorAssociation association, DimseServices services) {
        this.association = association;
        this.services = services;
    }

    /** C-FIND: each match a pending response, then the final one (Cancel after a C-CANCEL-RQ). */
    void find(int contextId, CFindRq request) throws IOException {
        finds++;
        Optional<Attributes> identifier = identifier(contextId, request.messageId(), request.affectedSopClassUid());
        if (identifier.isEmpty()) {
            if (association.established()) {
                respond(contextId, CFindRsp.last(request, refusal.status(), refusal.errorComment()), null);
            }
            return;
        }
        CFindRsp last;
        try {
            last = services.find(association.info(), request, identifier.get(),
                    (status, match) -> respond(contextId, CFindRsp.pending(request, status), match)
                            && !cancelRequested());
        } catch (RuntimeException e) {
            LOG.warn("C-FIND service failed for {}", association.info().callingAeTitle(), e);
            last = CFindRsp.last(request, Status.UNABLE_TO_PROCESS, "query failed: " + e.getMessage());
        }
        respond(contextId, cancelled ? CFindRsp.last(request, Status.CANCEL, null) : last, null);
    }

    /** C-GET: the instances as C-STORE sub-operations here, pending responses as they are due, then the final one. */
    void get(int contextId, CGetRq request) throws IOException {
        gets++;
        retrieve(contextId, request.messageId(), request.affectedSopClassUid(), "C-GET",
                (identifier, progress) -> services.get(association.info(), request, identifier,
                        this::storeSubOperation, progress),
                (status, counts, comment, dataSet) -> new CGetRsp(request.messageId(), request.affectedSopClassUid(),
                        status, counts, comment, dataSet));
    }

    /** C-MOVE: the services send to the Move Destination; pending responses as they are due, then the final one. */
    void move(int contextId, CMoveRq request) throws IOException {
        moves++;
        retrieve(contextId, request.messageId(), request.affectedSopClassUid(), "C-MOVE",
                (identifier, progress) -> services.move(association.info(), request, identifier, progress),
                (status, counts, comment, dataSet) -> new CMoveRsp(request.messageId(), request.affectedSopClassUid(),
                        status, counts, comment, dataSet));
    }

    /** How many C-FIND, C-GET and C-MOVE requests came, for the association's log line. */
    String counts() {
        return "C-FIND " + finds + ", C-GET " + gets + ", C-MOVE " + moves;
    }

    /** Runs a C-GET or C-MOVE service on the Identifier that follows the request. */
    @FunctionalInterface
    private interface RetrieveService {
        Retrieval.Outcome run(Attributes identifier, Retrieval.Progress progress);
    }

    /** Makes a C-GET-RSP or C-MOVE-RSP. */
    @FunctionalInterface
    private interface RetrieveResponse {
        DimseMessage of(Status status, SubOperations counts, String errorComment, boolean hasDataSet);
    }

    /**
     * C-GET or C-MOVE: reads the Identifier, runs the service, which reports after each
     * sub-operation: a pending response goes out when the services' {@link
     * DimseServices#pendingInterval()} has passed since the request or the last one, and a
     * C-CANCEL-RQ stops the run. Then the final response, with the Failed SOP Instance UID List
     * when sub-operations failed.
     */
    private void retrieve(int contextId, int messageId, String sopClassUid, String name, RetrieveService service,
            RetrieveResponse response) throws IOException {
        Optional<Attributes> identifier = identifier(contextId, messageId, sopClassUid);
        Retrieval.Outcome outcome;
        if (identifier.isEmpty()) {
            outcome = refusal;
        } else {
            PendingPace pace = new PendingPace(services.pendingInterval());
            try {
                outcome = service.run(identifier.get(), counts -> (pace.due()
                        ? respond(contextId, response.of(Status.PENDING, counts, null, false), null)
                        : association.established()) && !cancelRequested());
            } catch (RuntimeException e) {
                LOG.warn("{} service failed for {}", name, association.info().callingAeTitle(), e);
                outcome = Retrieval.Outcome.refused(Status.UNABLE_TO_PROCESS, "retrieve failed: " + e.getMessage());
            }
        }
        Attributes failed = outcome.failedList();
        respond(contextId, response.of(outcome.status(), outcome.counts(), outcome.errorComment(), failed != null),
                failed);
    }

    /**
     * Reads the Identifier following a request on {@code contextId} (in the context's transfer
     * syntax), and starts the operation: no cancel seen yet. Empty when it is refused ({@link
     * #refusal} says why: 0122 for a request on another SOP Class's context, C000 for an
     * Identifier that cannot be read) or the association ended meanwhile.
     */
    private Optional<Attributes> identifier(int contextId, int messageId, String sopClassUid) throws IOException {
        operation = messageId;
        cancelled = false;
        AcceptedContext context = association.context(contextId);
        DataSetStream stream = association.dataSet(contextId);
        byte[] bytes;
        try {
            bytes = stream.readNBytes(MAX_IDENTIFIER_LENGTH + 1);
            stream.skipToEnd();
        } catch (DataSetStream.OutOfOrderFragment e) {
            association.localAbort(e.getMessage());
            refusal = Retrieval.Outcome.refused(Status.UNABLE_TO_PROCESS, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            refusal = Retrieval.Outcome.refused(Status.UNABLE_TO_PROCESS, e.getMessage());
            return Optional.empty();
        }
        if (!context.abstractSyntax().equals(sopClassUid)) {
            refusal = Retrieval.Outcome.refused(Status.SOP_CLASS_NOT_SUPPORTED,
                    "not the SOP Class of presentation context " + contextId);
            return Optional.empty();
        }
        if (bytes.length > MAX_IDENTIFIER_LENGTH) {
            refusal = Retrieval.Outcome.refused(Status.UNABLE_TO_PROCESS,
                    "Identifier longer than " + MAX_IDENTIFIER_LENGTH + " bytes");
            return Optional.empty();
        }
        try {
            return Optional.of(new DicomReader(new ByteArrayInputStream(bytes))
                    .readDataset(TransferSyntax.of(context.transferSyntax())));
        } catch (IOException | RuntimeException e) {
            refusal = Retrieval.Outcome.refused(Status.UNABLE_TO_PROCESS, "Identifier cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Sends a response and, when {@code dataSet} is not null, its data set; false when the
     * association has ended and nothing more can be sent.
     */
    private boolean respond(int contextId, DimseMessage response, Attributes dataSet) {
        try {
            if (dataSet == null) {
                association.respond(contextId, response);
            } else {
                TransferSyntax syntax = TransferSyntax.of(association.context(contextId).transferSyntax());
                association.send(contextId, response, out -> new DicomWriter(out).writeDataset(dataSet, syntax));
            }
            return association.established();
        } catch (IOException e) {
            return false;
        }
    }

    /** Takes the commands already waiting: a C-CANCEL-RQ for the running operation sets {@link #cancelled}. */
    private boolean cancelRequested() {
        try {
            Optional<ReceivedCommand> received;
            while (!cancelled && (received = association.nextCommand(false)).isPresent()) {
                expectCancel(received.get().message());
            }
        } catch (IOException e) {
            return true; // the association has ended: stop as if cancelled
        }
        return cancelled || !association.established();
    }

    /** A C-CANCEL-RQ for the running operation; anything else breaks the synchronous mode negotiated. */
    private void expectCancel(DimseMessage message) throws IOException {
        if (message instanceof CCancelRq cancel && cancel.messageIdBeingRespondedTo() == operation) {
            cancelled = true;
        } else if (!(message instanceof CCancelRq)) {
            association.localAbort(message.commandField() + " while operation " + operation + " runs");
        }
    }

    /**
     * One C-GET sub-operation (PS3.4 C.4.3.3.1): a C-STORE-RQ on a context where the requestor
     * takes the SCP role for the instance's SOP Class (PS3.7 Annex D.3.3.4), in the stored
     * transfer syntax or one it can be re-encoded into cheaply, then the C-STORE-RSP.
     */
    private CStoreRsp storeSubOperation(StoreRequest request) throws IOException {
        AcceptedContext context = request.contextIn(association.info().contexts().stream()
                .filter(AcceptedContext::scpRole).toList()).orElseThrow(() -> new AssociationException(
                        AssociationException.Reason.NO_PRESENTATION_CONTEXT, "no presentation context with the SCP "
                                + "role for " + request.sopClassUid() + " in " + request.transferSyntax().uid()));
        StoreRequest.DataSet dataset = request.prepare(TransferSyntax.of(context.transferSyntax()));
        int messageId = association.nextMessageId();
        try {
            association.send(context.id(), new CStoreRq(messageId, request.sopClassUid(), request.sopInstanceUid(),
                    Priority.MEDIUM), dataset);
        } catch (AssociationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            association.localAbort("reading " + request.file() + " failed while sending it: " + e.getMessage());
            throw new AssociationException(AssociationException.Reason.ABORTED, association.ending());
        }
        while (true) {
            Optional<ReceivedCommand> received = association.nextCommand(true);
            if (received.isEmpty()) {
                throw new AssociationException(AssociationException.Reason.CLOSED,
                        "association ended before the C-STORE-RSP: " + association.ending());
            }
            if (received.get().message() instanceof CStoreRsp response
                    && response.messageIdBeingRespondedTo() == messageId) {
                return response;
            }
            expectCancel(received.get().message());
            if (!association.established()) {
                throw new AssociationException(AssociationException.Reason.ABORTED, association.ending());
            }
        }
    }

    /** When a pending response of a C-GET or C-MOVE is due: {@code interval} after the request or the last one. */
    private static final class PendingPace {

        private final long interval;
        private long last = System.nanoTime();

        PendingPace(Duration interval) {
            this.interval = interval.toNanos();
        }

        /** Whether a pending response is due now; if so, the next is due an interval from now. */
        boolean due() {
            long now = System.nanoTime();
            if (now - last < interval) {
                return false;
            }
            last = now;
            return true;
        }
    }
}
