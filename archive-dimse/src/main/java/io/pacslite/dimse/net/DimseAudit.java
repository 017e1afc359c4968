package io.pacslite.dimse.net;

import io.pacslite.archive.access.Principal;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditEvent.Action;
import io.pacslite.archive.audit.AuditTrail;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.query.Match;
import io.pacslite.archive.query.Query;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.SubOperations;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.service.Retrieval;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what DIMSE requestors do in the archive's {@link AuditTrail} (docs/security.md,
 * "Audit trail"), as the HTTP server does for its requests: who (the verified user, else the
 * calling AE title), from where ({@code AE@host}), what and with what outcome.
 *
 * <ul>
 *   <li>a rejected association: {@link Action#REFUSED}, with the reason;</li>
 *   <li>C-STORE: one {@link Action#STORE} per study per association, when the association ends,
 *       with how many instances were stored and failed (PS3.15 A.5.3.2, "DICOM Instances
 *       Transferred", is also one message per study, not per instance);</li>
 *   <li>C-FIND: one {@link Action#QUERY}, with the names of the matching keys, never their
 *       values (they may be PHI), and the number of matches;</li>
 *   <li>C-GET and C-MOVE: one {@link Action#RETRIEVE} per study sent, with the sub-operation
 *       counts and, for C-MOVE, the Move Destination.</li>
 * </ul>
 *
 * <p>Outcomes start with the DIMSE status in hexadecimal ({@code 0000}, {@code A801}), as HTTP
 * events start with the HTTP status.
 */
final class DimseAudit {

    private final AuditTrail trail;
    /**
     * The stores of each open association, by study, until it ends; one association's map is
     * used by its own thread only. Keyed by identity: the association's own object, not a hash
     * of its presentation contexts at every C-STORE.
     */
    private final Map<AssociationInfo, Map<String, StoreTally>> stores =
            Collections.synchronizedMap(new IdentityHashMap<>());

    DimseAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** How many instances of one study an association stored, and the first failure's reason. */
    private static final class StoreTally {
        private int stored;
        private int failed;
        private String firstFailure;
    }

    /** Records a rejected association request. */
    void rejected(AssociateRq request, InetSocketAddress peer, String why) {
        trail.record(new AuditEvent(Instant.now(), request.callingAeTitle().strip(), null,
                address(request.callingAeTitle(), peer), Action.REFUSED, null, null, null, null,
                "association rejected: " + why));
    }

    /** Counts one C-STORE's result; the association's events are recorded by {@link #ended}. */
    void stored(AssociationInfo association, StoreResult result, Status status, String comment) {
        String study = result.studyInstanceUID() == null ? "" : result.studyInstanceUID();
        StoreTally tally = stores.computeIfAbsent(association, ignored -> new LinkedHashMap<>())
                .computeIfAbsent(study, ignored -> new StoreTally());
        if (result.isStored()) {
            tally.stored++;
        } else {
            tally.failed++;
            if (tally.firstFailure == null) {
                tally.firstFailure = hex(status) + (comment == null ? "" : " " + comment);
            }
        }
    }

    /** Records the stores of {@code association}, which has ended: one event per study. */
    void ended(AssociationInfo association) {
        Map<String, StoreTally> byStudy = stores.remove(association);
        if (byStudy == null) {
            return;
        }
        byStudy.forEach((study, tally) -> record(association, Action.STORE, study.isEmpty() ? null : study, null,
                tally.failed == 0 ? "0000 stored " + tally.stored
                        : "stored " + tally.stored + ", failed " + tally.failed + ", first: " + tally.firstFailure));
    }

    /**
     * Records a C-FIND: the names of its matching keys and what came of it.
     *
     * @param query the query its Identifier made, or null if it made none
     */
    void queried(AssociationInfo association, Query query, Status status, String outcome) {
        List<String> keys = query == null ? null : query.keys().stream()
                .filter(key -> !(key.match() instanceof Match.Universal))
                .map(key -> ElementDictionary.keywordOf(key.tag())).toList();
        record(association, Action.QUERY, query == null ? null : singleStudy(query), keys,
                hex(status) + " " + outcome);
    }

    /**
     * Records a C-GET or C-MOVE of {@code instances}: one event per study, each with the
     * outcome of the whole operation.
     *
     * @param destination the Move Destination, or null for a C-GET
     */
    void retrieved(AssociationInfo association, List<StoredInstance> instances, Retrieval.Outcome outcome,
            String destination) {
        String what = (destination == null ? "" : " to " + destination.strip()) + counts(outcome.counts())
                + (outcome.errorComment() == null ? "" : ": " + outcome.errorComment());
        String status = hex(outcome.status());
        if (instances.isEmpty()) {
            record(association, Action.RETRIEVE, null, null, status + what);
        }
        instances.stream().map(StoredInstance::studyUid).distinct()
                .forEach(study -> record(association, Action.RETRIEVE, study, null, status + what));
    }

    private void record(AssociationInfo association, Action action, String study, List<String> keys,
            String outcome) {
        trail.record(new AuditEvent(Instant.now(), association.who(),
                association.user().map(user -> user.role().label()).orElse(null),
                address(association.callingAeTitle(), association.peer()), action, study, null, null, keys, outcome));
    }

    /** The one study a query names with a single value, if any. */
    private static String singleStudy(Query query) {
        return query.keys().stream()
                .filter(key -> key.tag() == Tag.StudyInstanceUID
                        && key.match() instanceof Match.Single)
                .map(key -> ((Match.Single) key.match()).value()).findFirst().orElse(null);
    }

    private static String counts(SubOperations counts) {
        return counts == null ? "" : ", completed " + counts.completed() + ", failed " + counts.failed()
                + ", warning " + counts.warning();
    }

    private static String address(String callingAeTitle, InetSocketAddress peer) {
        return callingAeTitle.strip() + "@" + peer.getHostString();
    }

    private static String hex(Status status) {
        return String.format("%04X", status.code());
    }
}
