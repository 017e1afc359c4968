package io.pacslite.archive.ingest;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.InsertResult;
import io.pacslite.archive.index.InstanceRecord;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.store.BlobStore;
import io.pacslite.archive.store.Sha256;
import io.pacslite.archive.store.StorageKeys;
import io.pacslite.archive.store.TempBlob;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.UIDs;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ingest path (DESIGN principle 5): C-STORE, STOW-RS, ZIP upload and
 * {@code pacslite import} all end in {@link #store} (or its two halves, {@link #receive} and
 * {@link Received#commit}).
 *
 * <p>The bytes stream into a temp file while the header is parsed up to Pixel Data
 * (principle 2); the file gets the archive's own File Meta followed by the data set exactly
 * as received (principle 1), unless an ingest coercion rule changes the header
 * ({@link Coercions}): then the header is re-encoded and the rest is as received. Then, under a lock for the SOP Instance UID: the duplicate
 * check, the durable commit of the file (through the store's commit journal, or fsync,
 * rename and directory fsync for a large one; docs/storage.md) and one index
 * transaction; if indexing fails the file is removed (principle 3 and 7). Success is only
 * returned after both.
 */
public final class Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    private static final int LOCK_STRIPES = 256;

    private final BlobStore blobs;
    private final Index index;
    private final DuplicatePolicy duplicatePolicy;
    private final long maxInstanceSize;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final Runnable committed;
    private final Coercions coercions;

    /**
     * @param committed told after each commit, of any outcome: the archive then knows its index
     *     and journal have something to checkpoint
     * @param coercions the ingest coercion rules, {@link Coercions#NONE} for none
     */
    public Ingest(BlobStore blobs, Index index, DuplicatePolicy duplicatePolicy, long maxInstanceSize,
            Runnable committed, Coercions coercions) {
        this.blobs = blobs;
        this.index = index;
        this.duplicatePolicy = duplicatePolicy;
        this.maxInstanceSize = maxInstanceSize;
        this.committed = committed;
        this.coercions = coercions;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Stores one instance read from {@code in} (which is read to its end, or up to the
     * failure): {@link #receive}, then {@link Received#commit}. Never throws for bad input: every
     * outcome is a {@link StoreResult}.
     */
    public StoreResult store(InputStream in, StoreContext context) {
        try (Received received = receive(in, context)) {
            return received.commit();
        }
    }

    /**
     * The first half of {@link #store}: reads one instance from {@code in} into a temp file,
     * checked, but not yet durable nor indexed. A caller that reads several instances from one
     * stream (STOW-RS) receives the next while earlier ones commit. Never throws for bad input:
     * a failed receive holds its result.
     */
    public Received receive(InputStream in, StoreContext context) {
        Attributes header = null;
        TempBlob temp = null;
        try {
            temp = blobs.createTemp();
            Incoming incoming = Incoming.parse(in, context, maxInstanceSize);
            header = incoming.dataset();
            validate(header, incoming.syntax(), context);
            requireStudy(header, context.expectedStudyUID());
            Coercions.Coerced coerced = coerce(incoming, context);
            long datasetStart = incoming.writeTo(temp.output(), fileMeta(header, incoming.syntax()),
                    coerced == null ? null : coerced.header());
            ModificationTime time = coerced == null || coerced.timeOffset() < 0 ? null
                    : new ModificationTime(datasetStart + coerced.timeOffset(), coerced.time());
            return new Received(temp, header, incoming.syntax(), context, null, time);
        } catch (StoreException e) {
            return failed(temp, context, result(e.reason(), header, e.getMessage()), null);
        } catch (ReceivingInputStream.ReceiveFailedException e) {
            return failed(temp, context, result(StoreReason.RECEIVE_FAILED, header, e.getMessage()), null);
        } catch (IOException e) {
            return failed(temp, context, result(StoreReason.STORAGE_FAILED, header, e.toString()), e);
        }
    }

    private Received failed(TempBlob temp, StoreContext context, StoreResult result, IOException storageFailure) {
        discard(temp);
        logFailure(context, result, storageFailure);
        return new Received(null, null, null, context, result, null);
    }

    /**
     * The header as the coercion rules change it, or null to store it as received: when no rule
     * changes anything, and for a deflated syntax (the data set would have to be inflated
     * whole and deflated again; such instances are stored unchanged, and logged).
     */
    private Coercions.Coerced coerce(Incoming incoming, StoreContext context) throws IOException {
        if (coercions.rules().isEmpty()) {
            return null;
        }
        if (incoming.syntax().deflated()) {
            LOG.info("{} from {} is in a deflated transfer syntax: stored without coercion",
                    incoming.dataset().getString(Tag.SOPInstanceUID), source(context));
            return null;
        }
        return coercions.coerce(incoming.dataset(), incoming.syntax(), context, ZonedDateTime.now());
    }

    /**
     * Where a coerced file holds its Attribute Modification DateTime value, and that value:
     * the only bytes in which a resend of the same instance through the same rules differs.
     */
    private record ModificationTime(long offset, byte[] value) {
    }

    private static void logFailure(StoreContext context, StoreResult result, IOException storageFailure) {
        if (storageFailure == null) {
            LOG.info("store from {} failed: {}", source(context), result);
        } else {
            LOG.warn("store from {} failed: {}", source(context), result, storageFailure);
        }
    }

    /**
     * An instance {@link #receive received} into a temp file: {@link #commit} makes it durable
     * and indexed; closing it without a commit removes the temp file.
     */
    public final class Received implements AutoCloseable {

        private final TempBlob temp;
        private final Attributes header;
        private final TransferSyntax syntax;
        private final StoreContext context;
        private final StoreResult failure;
        private final ModificationTime modificationTime;

        private Received(TempBlob temp, Attributes header, TransferSyntax syntax, StoreContext context,
                StoreResult failure, ModificationTime modificationTime) {
            this.temp = temp;
            this.header = header;
            this.syntax = syntax;
            this.context = context;
            this.failure = failure;
            this.modificationTime = modificationTime;
        }

        /** Whether the receive failed: {@link #commit} then returns its result. */
        public boolean failed() {
            return failure != null;
        }

        /**
         * Commits the instance (the duplicate check, the durable file, the index row) and says
         * how it went; or returns why the receive failed. Safe to call from another thread than
         * the receiving one, and concurrently with other commits.
         */
        public StoreResult commit() {
            if (failure != null) {
                return failure;
            }
            try {
                return Ingest.this.commit(header, syntax, temp, context, modificationTime);
            } catch (IOException e) {
                StoreResult result = result(StoreReason.STORAGE_FAILED, header, e.toString());
                logFailure(context, result, e);
                return result;
            } finally {
                discard(temp);
                committed.run();
            }
        }

        /** Removes the temp file unless it was committed. */
        @Override
        public void close() {
            discard(temp);
        }
    }

    /**
     * Closes {@code temp}, removing its file unless it was committed; a file that cannot be
     * removed is left for the next start-up, which clears the temp folder.
     */
    private static void discard(TempBlob temp) {
        if (temp == null) {
            return;
        }
        try {
            temp.close();
        } catch (IOException e) {
            LOG.warn("a temp file could not be removed; the next start-up will: {}", e.toString());
        }
    }

    private StoreResult commit(Attributes dataset, TransferSyntax syntax, TempBlob temp, StoreContext context,
            ModificationTime time) throws IOException {
        String sopUID = dataset.getString(Tag.SOPInstanceUID);
        String key = StorageKeys.of(dataset.getString(Tag.StudyInstanceUID), dataset.getString(Tag.SeriesInstanceUID),
                sopUID);
        ReentrantLock lock = locks[Math.floorMod(sopUID.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            // Nearly every store is a new instance, and a new instance has no file at its key:
            // the index is asked first only when there is one (a resend, or a file of a store
            // never acknowledged). An instance indexed under another key (same SOP Instance
            // UID, another study or series) is caught by the index's sop_uid constraint.
            StoredInstance existing = blobs.exists(key) ? index.find(sopUID) : null;
            if (existing != null) {
                return duplicate(dataset, syntax, temp, context, key, existing, null, time);
            }
            InstanceRecord record = record(dataset, syntax, temp, context, key);
            // A file at the key without an index row was never acknowledged (start-up recovery
            // indexes such files before the archive takes any store), so it may be overwritten.
            blobs.commit(temp, key, true);
            return insert(dataset, syntax, temp, context, record, key, time);
        } finally {
            lock.unlock();
        }
    }

    /** The index row, with the instance's DICOM JSON metadata: made only when a row is written. */
    private static InstanceRecord record(Attributes dataset, TransferSyntax syntax, TempBlob temp,
            StoreContext context, String key) throws IOException {
        return InstanceRecords.of(dataset, new InstanceRecords.StoredFile(key, syntax.uid(), temp.size(), temp.sha256()),
                Instant.now(), context.sourceAE(), context.sourceAddress(), MetadataJson.deflated(dataset));
    }

    /** Indexes the file just committed at {@code key}; removes it again if it is not to stay. */
    private StoreResult insert(Attributes dataset, TransferSyntax syntax, TempBlob temp, StoreContext context,
            InstanceRecord record, String key, ModificationTime time) throws IOException {
        InsertResult inserted;
        try {
            inserted = index.insert(record);
        } catch (RuntimeException e) {
            blobs.delete(key);
            LOG.warn("indexing {} failed; its file is removed", record.sopUid(), e);
            return result(StoreReason.INDEX_FAILED, dataset, e.toString());
        }
        return switch (inserted) {
            case InsertResult.Inserted ignored -> result(StoreReason.STORED, dataset, null);
            case InsertResult.AlreadyStored already -> duplicate(dataset, syntax, temp, context, key,
                    already.existing(), record, time);
            case InsertResult.PatientMismatch mismatch -> {
                blobs.delete(key);
                // The detail names no patient: it goes to logs at INFO (no PHI there) and to the sender.
                yield result(StoreReason.PATIENT_MISMATCH, dataset, "study " + record.studyUid()
                        + " is stored for another patient (Patient ID or Issuer of Patient ID differ)");
            }
        };
    }

    /**
     * An instance whose SOP Instance UID is indexed already, by the duplicate policy.
     * {@code placed} is the record of the new bytes when they are already committed at
     * {@code key} (the index found the duplicate), null when they are still in {@code temp}.
     * New bytes placed where they are not to stay are removed; except that identical bytes
     * at the indexed key stay, since they restore a file the archive had lost. A coerced
     * instance ({@code time} not null) is identical when only its modification time differs.
     */
    private StoreResult duplicate(Attributes dataset, TransferSyntax syntax, TempBlob temp, StoreContext context,
            String key, StoredInstance existing, InstanceRecord placed, ModificationTime time) throws IOException {
        boolean atIndexedKey = existing.fileKey().equals(key);
        if (existing.sha256().equals(temp.sha256()) || sameButForTime(existing, temp, time)) {
            if (placed != null && !atIndexedKey) {
                blobs.delete(key);
            }
            return result(StoreReason.ALREADY_STORED, dataset, null);
        }
        if (duplicatePolicy == DuplicatePolicy.REPLACE) {
            InstanceRecord record = placed;
            if (record == null) {
                record = record(dataset, syntax, temp, context, key);
                blobs.commit(temp, key, true);
            }
            index.replace(record);
            if (!atIndexedKey) {
                blobs.delete(existing.fileKey());
            }
            return result(StoreReason.DUPLICATE_REPLACED, dataset, null);
        }
        if (placed != null) {
            blobs.delete(key);
        }
        return result(duplicatePolicy == DuplicatePolicy.KEEP_FIRST ? StoreReason.DUPLICATE_KEPT_FIRST
                : StoreReason.DUPLICATE_REJECTED, dataset, null);
    }

    /**
     * Whether the stored file of {@code existing} has the bytes of {@code temp} once its bytes
     * where {@code temp} has the modification time are taken from {@code temp}: a resend coerced
     * by the same rules, whose only difference is when it was coerced. Any other difference,
     * the tag or length before that value included, changes the digest.
     */
    private boolean sameButForTime(StoredInstance existing, TempBlob temp, ModificationTime time) throws IOException {
        if (time == null || existing.size() != temp.size()) {
            return false;
        }
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = new BufferedInputStream(blobs.open(existing.fileKey()))) {
            digest.update(in.readNBytes((int) time.offset()));
            digest.update(time.value());
            in.skipNBytes(time.value().length);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return Sha256.hex(digest).equals(temp.sha256());
    }

    /**
     * The attributes every instance must have, with valid UIDs (PS3.5 9.1) and as announced,
     * before anything touches a path.
     */
    private static void validate(Attributes dataset, TransferSyntax syntax, StoreContext context)
            throws StoreException {
        requireUID(dataset, Tag.SOPClassUID, "SOP Class UID (0008,0016)");
        requireUID(dataset, Tag.SOPInstanceUID, "SOP Instance UID (0008,0018)");
        requireAnnounced(dataset, Tag.SOPClassUID, context.announcedSopClassUID(), StoreReason.SOP_CLASS_MISMATCH,
                "SOP Class UID");
        requireAnnounced(dataset, Tag.SOPInstanceUID, context.announcedSopInstanceUID(),
                StoreReason.SOP_INSTANCE_MISMATCH, "SOP Instance UID");
        requireUID(dataset, Tag.StudyInstanceUID, "Study Instance UID (0020,000D)");
        requireUID(dataset, Tag.SeriesInstanceUID, "Series Instance UID (0020,000E)");
        String problem = UIDs.problemWith(syntax.uid());
        if (problem != null) {
            throw new StoreException(StoreReason.INVALID_UID, "Transfer Syntax UID \"" + syntax.uid() + "\": " + problem);
        }
    }

    /** The detail names the disagreement first: an Error Comment keeps only 64 characters. */
    private static void requireAnnounced(Attributes dataset, int tag, String announced, StoreReason reason,
            String name) throws StoreException {
        String actual = dataset.getString(tag);
        if (announced != null && !announced.equals(actual)) {
            throw new StoreException(reason, "data set " + name + " is not the announced one: \"" + actual
                    + "\", announced \"" + announced + "\"");
        }
    }

    private static void requireStudy(Attributes dataset, String expectedStudyUID) throws StoreException {
        String studyUID = dataset.getString(Tag.StudyInstanceUID);
        if (expectedStudyUID != null && !expectedStudyUID.equals(studyUID)) {
            throw new StoreException(StoreReason.STUDY_MISMATCH,
                    "Study Instance UID " + studyUID + " is not the requested " + expectedStudyUID);
        }
    }

    private static void requireUID(Attributes dataset, int tag, String name) throws StoreException {
        String uid = dataset.getString(tag);
        if (uid == null || uid.isEmpty()) {
            throw new StoreException(StoreReason.MISSING_ATTRIBUTE, name + " is missing");
        }
        String problem = UIDs.problemWith(uid);
        if (problem != null) {
            throw new StoreException(StoreReason.INVALID_UID, name + " \"" + uid + "\": " + problem);
        }
    }

    /**
     * The File Meta the archive writes (PS3.10 7.1). It depends on the data set alone, not on
     * who sent it (the sender is in the index row), so the same instance sent twice gives the
     * same file, and the second store is a quiet success.
     */
    private static Attributes fileMeta(Attributes dataset, TransferSyntax syntax) {
        return DicomWriter.createFileMeta(dataset.getString(Tag.SOPClassUID), dataset.getString(Tag.SOPInstanceUID),
                syntax.uid());
    }

    private static StoreResult result(StoreReason reason, Attributes dataset, String detail) {
        return dataset == null
                ? new StoreResult(reason, null, null, null, null, detail != null ? detail : reason.description())
                : new StoreResult(reason, dataset.getString(Tag.SOPClassUID), dataset.getString(Tag.SOPInstanceUID),
                        dataset.getString(Tag.StudyInstanceUID), dataset.getString(Tag.SeriesInstanceUID),
                        detail != null ? detail : reason.description());
    }

    private static String source(StoreContext context) {
        return context.sourceAE() != null ? context.sourceAE() + "@" + context.sourceAddress() : context.sourceAddress();
    }
}
