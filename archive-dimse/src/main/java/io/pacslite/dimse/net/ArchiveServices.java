package io.pacslite.dimse.net;

import io.pacslite.archive.Archive;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.ingest.StoreStatus;
import io.pacslite.archive.query.Query;
import io.pacslite.archive.query.QueryEngine;
import io.pacslite.archive.tls.TlsClient;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CFindRq;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.CGetRq;
import io.pacslite.dimse.message.CMoveRq;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.service.FindIdentifier;
import io.pacslite.dimse.service.IdentifierException;
import io.pacslite.dimse.service.QueryRetrieveModel;
import io.pacslite.dimse.service.Retrieval;
import io.pacslite.dimse.service.RetrieveIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's SCP services. Storage (PS3.4 Annex B) over the archive's one ingest path:
 * each data set streams into {@link Archive#store}, and its result gives the C-STORE status
 * (PS3.4 B.2.3) and the Error Comment. Success is answered only once the instance is durable.
 * Query/Retrieve (PS3.4 Annex C) over the one query engine and the stored files: C-FIND
 * matches through {@link QueryEngine#forEach}, C-GET and C-MOVE send the stored bytes.
 *
 * <p>The request's Affected SOP Class and Instance UIDs go with the data set as the announced
 * ones (PS3.7 9.1.1.1.2, 9.1.1.1.3: they name the SOP Instance to be stored): a data set of
 * another SOP Class is refused with A900 (PS3.4 B.2.3, Error: Data Set does not match SOP
 * Class), one with another SOP Instance UID with C000 (Error: Cannot understand, see
 * {@link io.pacslite.archive.ingest.StoreReason#SOP_INSTANCE_MISMATCH}); nothing is stored.
 *
 * <p>What requestors do is recorded in the audit trail ({@link DimseAudit}).
 */
final class ArchiveServices implements DimseServices {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveServices.class);

    private final Archive archive;
    private final QueryEngine engine;
    private final AeTable destinations;
    private final Duration pendingInterval;
    private final DimseAudit audit;
    private final TlsClient tls;

    /** @param tls how to reach a destination over TLS; null if the archive has no TLS settings */
    ArchiveServices(Archive archive, AeTable destinations, TlsClient tls, Duration pendingInterval) {
        if (pendingInterval.isNegative()) {
            throw new IllegalArgumentException("the pending interval is negative: " + pendingInterval);
        }
        this.pendingInterval = pendingInterval;
        this.archive = Objects.requireNonNull(archive, "archive");
        this.engine = new QueryEngine(archive.index());
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.audit = new DimseAudit(archive.audit());
        this.tls = tls;
    }

    @Override
    public Duration pendingInterval() {
        return pendingInterval;
    }

    @Override
    public Status echo(AssociationInfo association) {
        return Status.SUCCESS;
    }

    @Override
    public CStoreRsp store(AssociationInfo association, CStoreRq request, TransferSyntax syntax,
            InputStream dataset) {
        StoreResult result = archive.store(dataset, StoreContext.dataset(syntax, association.callingAeTitle(),
                association.peer().getHostString())
                .announcing(request.affectedSopClassUid(), request.affectedSopInstanceUid()));
        String comment = result.status() == StoreStatus.SUCCESS ? null
                : Objects.requireNonNullElse(result.detail(), result.reason().description());
        Status status = new Status(result.reason().dimseStatus());
        audit.stored(association, result, status, comment);
        return new CStoreRsp(request.messageId(), request.affectedSopClassUid(), request.affectedSopInstanceUid(),
                status, comment);
    }

    /** C-FIND, PS3.4 C.4.1.3: the matches stream from the engine as pending responses until done or cancelled. */
    @Override
    public CFindRsp find(AssociationInfo association, CFindRq request, Attributes identifier,
            FindResponses responses) {
        Optional<QueryRetrieveModel> model = QueryRetrieveModel.of(request.affectedSopClassUid());
        if (model.isEmpty()) {
            return CFindRsp.last(request, Status.SOP_CLASS_NOT_SUPPORTED, null);
        }
        Query query = null;
        try {
            FindIdentifier find = FindIdentifier.read(model.get(), identifier, association.calledAeTitle());
            query = find.query();
            int[] matches = {0};
            engine.forEach(query, match -> {
                matches[0]++;
                return responses.pending(find.pendingStatus(), find.response(match));
            });
            audit.queried(association, query, Status.SUCCESS, "matches " + matches[0]);
            return CFindRsp.last(request, Status.SUCCESS, null);
        } catch (IdentifierException e) {
            audit.queried(association, query, e.status(), e.getMessage());
            return CFindRsp.last(request, e.status(), e.getMessage());
        }
    }

    /** C-GET, PS3.4 C.4.3.3: the stored files as C-STORE sub-operations on the requestor's own association. */
    @Override
    public Retrieval.Outcome get(AssociationInfo association, CGetRq request, Attributes identifier,
            StoreSender sender, Retrieval.Progress progress) {
        Optional<QueryRetrieveModel> model = QueryRetrieveModel.of(request.affectedSopClassUid());
        if (model.isEmpty()) {
            return Retrieval.Outcome.refused(Status.SOP_CLASS_NOT_SUPPORTED, null);
        }
        List<StoredInstance> instances = List.of();
        Retrieval.Outcome outcome;
        try {
            instances = RetrieveIdentifier.instances(model.get(), identifier, engine, archive.index());
            outcome = Retrieval.run(instances, instance -> send(instance, sender), progress);
        } catch (IdentifierException e) {
            outcome = Retrieval.Outcome.refused(e.status(), e.getMessage());
        }
        audit.retrieved(association, instances, outcome, null);
        return outcome;
    }

    /**
     * C-MOVE, PS3.4 C.4.2.3: the stored files as C-STORE sub-operations over a new association
     * to the Move Destination, found in the AE table (A801 when it is not there). The
     * association proposes each SOP Class in the stored transfer syntaxes and, for files in
     * Implicit or Explicit VR Little Endian, both of those ({@link PresentationContexts#forStorage}).
     */
    @Override
    public Retrieval.Outcome move(AssociationInfo association, CMoveRq request, Attributes identifier,
            Retrieval.Progress progress) {
        Optional<QueryRetrieveModel> model = QueryRetrieveModel.of(request.affectedSopClassUid());
        if (model.isEmpty()) {
            return Retrieval.Outcome.refused(Status.SOP_CLASS_NOT_SUPPORTED, null);
        }
        List<StoredInstance> instances = List.of();
        Retrieval.Outcome outcome;
        try {
            Optional<RemoteAe> destination = destinations.find(request.moveDestination());
            if (destination.isEmpty()) {
                outcome = Retrieval.Outcome.refused(Status.MOVE_DESTINATION_UNKNOWN,
                        "Move Destination '" + request.moveDestination().strip() + "' is not in the AE table");
            } else {
                instances = RetrieveIdentifier.instances(model.get(), identifier, engine, archive.index());
                outcome = moveTo(destination.get(), instances, association, request, progress);
            }
        } catch (IdentifierException e) {
            outcome = Retrieval.Outcome.refused(e.status(), e.getMessage());
        } catch (IOException e) {
            LOG.info("C-MOVE to {} for {} failed: {}", request.moveDestination(), association.callingAeTitle(),
                    e.getMessage());
            outcome = Retrieval.Outcome.refused(Status.UNABLE_TO_PERFORM_SUB_OPERATIONS, e.getMessage());
        }
        audit.retrieved(association, instances, outcome, request.moveDestination());
        return outcome;
    }

    /**
     * The C-MOVE sub-operations for {@code instances}, over a new association to {@code destination}.
     *
     * @throws IOException if the association cannot be opened, or is lost
     */
    private Retrieval.Outcome moveTo(RemoteAe destination, List<StoredInstance> instances,
            AssociationInfo association, CMoveRq request, Retrieval.Progress progress) throws IOException {
        if (instances.isEmpty()) {
            return Retrieval.run(instances, instance -> Status.SUCCESS, progress);
        }
        Map<String, Set<String>> syntaxesBySopClass = new LinkedHashMap<>();
        instances.forEach(instance -> syntaxesBySopClass.computeIfAbsent(instance.sopClassUid(),
                sopClass -> new LinkedHashSet<>()).add(instance.transferSyntaxUid()));
        try (Association out = Association.open(destination, association.calledAeTitle(),
                PresentationContexts.forStorage(syntaxesBySopClass), List.of(), Timeouts.defaults(), tls)) {
            StoreSender sender = storeRequest -> out.store(storeRequest, association.callingAeTitle(),
                    request.messageId());
            return Retrieval.run(instances, instance -> send(instance, sender), progress);
        }
    }

    @Override
    public void ended(AssociationInfo association) {
        audit.ended(association);
    }

    @Override
    public void rejected(AssociateRq request, InetSocketAddress peer, String why) {
        audit.rejected(request, peer, why);
    }

    /**
     * One sub-operation: the stored file's data set through {@code sender}. An instance that
     * cannot be sent on its own (unreadable file, no presentation context) fails alone, with a
     * failure status; an association that has ended stops the run.
     */
    private Status send(StoredInstance instance, StoreSender sender) throws IOException {
        try {
            return sender.store(StoreRequest.of(archive.blobs().pathOf(instance.fileKey()))).status();
        } catch (AssociationException e) {
            if (e.associationLost()) {
                throw e;
            }
            LOG.info("sub-operation for {} not sent: {}", instance.sopUid(), e.getMessage());
            return Status.UNABLE_TO_PROCESS;
        } catch (IOException e) {
            LOG.warn("sub-operation for {} failed: stored file unreadable: {}", instance.sopUid(), e.getMessage());
            return Status.UNABLE_TO_PROCESS;
        }
    }
}
