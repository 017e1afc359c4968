package io.pacslite.archive.imports;

import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link Import} has read, stored and failed so far: its counters, the members that
 * failed (the first {@link Import#MAX_LISTED} listed, the rest counted), the studies its
 * instances belong to, and why it stopped early if it did. Updated at once by the thread that
 * reads the inputs and by the {@link StoreWorkers}; read at any time into an {@link ImportReport}.
 */
final class ImportProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ImportProgress.class);

    private final String id;
    private final String source;
    private final AtomicReference<String> failure = new AtomicReference<>();

    private final AtomicLong bytesReceived = new AtomicLong();
    private volatile long expectedBytes = -1;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong inflated = new AtomicLong();
    private final AtomicLong members = new AtomicLong();
    private final AtomicLong membersDone = new AtomicLong();
    private final AtomicLong inputsDone = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong alreadyStored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong notDicom = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Map<StoreReason, AtomicLong> reasons = new EnumMap<>(StoreReason.class);

    private final List<ImportReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicLong> studies = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param id the import's id
     * @param source who sent it
     */
    ImportProgress(String id, String source) {
        this.id = id;
        this.source = source;
        for (StoreReason reason : StoreReason.values()) {
            reasons.put(reason, new AtomicLong());
        }
    }

    /** The import's id, for its log lines. */
    String id() {
        return id;
    }

    void expectBytes(long total) {
        this.expectedBytes = total;
    }

    /** {@code n} more bytes read from the inputs. */
    void received(int n) {
        bytesReceived.addAndGet(n);
    }

    long bytesReceived() {
        return bytesReceived.get();
    }

    /** An input read to its end, or given up. */
    void inputDone() {
        inputsDone.incrementAndGet();
    }

    long inputsDone() {
        return inputsDone.get();
    }

    /** {@code n} more bytes of members read (inflated): instances, DICOMDIRs, attachments. */
    void memberBytes(long n) {
        bytes.addAndGet(n);
    }

    /**
     * The bytes the members of the import's ZIP archives have inflated to, over every level of
     * nesting, counted against {@link ImportLimits#maxInflatedBytes}.
     */
    AtomicLong inflated() {
        return inflated;
    }

    /** A member seen, its outcome to come. */
    void member() {
        members.incrementAndGet();
    }

    /** A member whose outcome is known. */
    void memberDone() {
        membersDone.incrementAndGet();
    }

    /** A file an operating system left behind, an empty file or an empty ZIP archive. */
    void skipped() {
        skipped.incrementAndGet();
    }

    /** A member that is not DICOM: an attachment, kept or not. */
    void notDicom() {
        notDicom.incrementAndGet();
    }

    /** The outcome of storing the instance {@code member}; a failed store is listed. */
    void stored(String member, StoreResult result) {
        reasons.get(result.reason()).incrementAndGet();
        switch (result.reason()) {
            case STORED, DUPLICATE_REPLACED -> stored.incrementAndGet();
            case ALREADY_STORED -> alreadyStored.incrementAndGet();
            case DUPLICATE_KEPT_FIRST -> duplicates.incrementAndGet();
            default -> {
                failed.incrementAndGet();
                note(member, result.reason() + ": " + result.detail());
            }
        }
        if (result.isStored() && result.studyInstanceUID() != null) {
            studies.computeIfAbsent(result.studyInstanceUID(), study -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Instances the archive now holds from this import so far. */
    long instances() {
        return stored.get() + alreadyStored.get() + duplicates.get();
    }

    /** How many stores ended with {@code reason}. */
    long count(StoreReason reason) {
        return reasons.get(reason).get();
    }

    /** The Study Instance UIDs of the instances stored so far, in the order first met. */
    List<String> studyUids() {
        synchronized (studies) {
            return List.copyOf(studies.keySet());
        }
    }

    /** A member that failed: counted, and listed with its reason. */
    void failed(String member, String reason) {
        failed.incrementAndGet();
        note(member, reason);
    }

    /** Lists a failure of {@code member}, unless {@link Import#MAX_LISTED} are listed already. */
    void note(String member, String reason) {
        synchronized (failures) {
            if (failures.size() < Import.MAX_LISTED) {
                failures.add(new ImportReport.Failure(member, reason));
            }
        }
    }

    /** Marks the import failed with {@code reason}; the first reason is kept. */
    void fail(String reason) {
        failure.compareAndSet(null, reason);
    }

    /**
     * An input, or a member of one, that stopped being read: the import fails with
     * {@code reason} ({@link #fail}), which is listed with the member and logged.
     */
    void stopped(String member, String reason) {
        fail(reason);
        note(member, reason);
        LOG.info("import {} from {}: {}", id, source, reason);
    }

    /** Why the import stopped early, or null. */
    String failure() {
        return failure.get();
    }

    /** The counts an ended import is logged with. */
    String outcome() {
        return stored.get() + " stored, " + alreadyStored.get() + " already stored, " + duplicates.get()
                + " duplicates, " + failed.get() + " failed, " + notDicom.get() + " not DICOM"
                + (failure.get() == null ? "" : "; " + failure.get());
    }

    /** A snapshot, with what the {@link Import} knows of itself. */
    ImportReport report(Import.Status status, Instant started, Instant finished,
            List<ImportReport.DirectoryCheck> checks, List<ImportReport.Attachment> attachments) {
        List<ImportReport.Failure> listed;
        synchronized (failures) {
            listed = List.copyOf(failures);
        }
        List<ImportReport.Study> found = new ArrayList<>();
        synchronized (studies) {
            studies.forEach((uid, count) -> found.add(new ImportReport.Study(uid, count.get())));
        }
        long failedCount = failed.get();
        return new ImportReport(id, source, status, started, finished, bytesReceived.get(), expectedBytes, bytes.get(),
                members.get(), membersDone.get(), stored.get(), alreadyStored.get(), duplicates.get(), failedCount,
                notDicom.get(), skipped.get(), failure.get(), listed, Math.max(0, failedCount - listed.size()),
                List.copyOf(found), checks, attachments);
    }
}
