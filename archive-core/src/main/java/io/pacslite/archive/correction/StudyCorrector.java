package io.pacslite.archive.correction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.InstanceRecord;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.FileIndexer;
import io.pacslite.archive.store.FileSystemBlobStore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corrects the patient and study attributes of every instance of a study (docs/dicomweb.md,
 * "Corrections"). Each stored file is rewritten ({@link CorrectedFile}: new values, old ones
 * in the Original Attributes Sequence), its original kept in the {@link History}, and the new
 * file committed through the store (fsynced, renamed into place); then the index is updated in
 * one transaction. If anything fails on the way, the originals are put back: the study is
 * either corrected or as it was. One correction runs at a time.
 */
public final class StudyCorrector {

    private static final Logger LOG = LoggerFactory.getLogger(StudyCorrector.class);
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSZ")
            .withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    private final FileSystemBlobStore blobs;
    private final Index index;
    private final History history;
    private final ReentrantLock correcting = new ReentrantLock();

    public StudyCorrector(FileSystemBlobStore blobs, Index index, History history) {
        this.blobs = blobs;
        this.index = index;
        this.history = history;
    }

    /**
     * What a correction did.
     *
     * @param rewritten how many files were rewritten (those that had every new value already were not)
     * @param before the values before that differed, as the first rewritten file had them
     * @param after the new values
     * @param originals where the original files are kept; null if no file changed
     */
    public record Result(String studyUid, int instances, int rewritten, Map<CorrectableAttribute, String> before,
            Map<CorrectableAttribute, String> after, Path originals) {

        /**
         * The values before and after as JSON, for the audit trail:
         * {@code {"PatientID":{"before":..,"after":..}}}; an attribute that had its new value already
         * has it before too.
         */
        public String detail() {
            StringWriter text = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                for (Map.Entry<CorrectableAttribute, String> change : after.entrySet()) {
                    json.writeObjectFieldStart(change.getKey().name());
                    json.writeStringField("before", before.getOrDefault(change.getKey(), change.getValue()));
                    json.writeStringField("after", change.getValue());
                    json.writeEndObject();
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does not fail
            }
            return text.toString();
        }
    }

    /**
     * Applies {@code correction} to every instance of {@code studyUid}.
     *
     * @throws CorrectionException NO_SUCH_STUDY; FILE_MISSING (nothing changed); PATIENT_CONFLICT,
     *     INVALID_VALUE or FAILED (what was written is put back)
     */
    public Result correct(String studyUid, Correction correction) throws CorrectionException {
        correcting.lock();
        try {
            List<StoredInstance> instances = index.instances(studyUid, null, null);
            if (instances.isEmpty()) {
                throw new CorrectionException(CorrectionReason.NO_SUCH_STUDY, "no instance of study " + studyUid
                        + " is stored");
            }
            for (StoredInstance instance : instances) {
                if (!blobs.exists(instance.fileKey())) {
                    throw new CorrectionException(CorrectionReason.FILE_MISSING, "the file of instance "
                            + instance.sopUid() + " is missing; nothing was changed (run pacslite verify)");
                }
            }
            return rewrite(studyUid, instances, correction, Instant.now());
        } finally {
            correcting.unlock();
        }
    }

    private Result rewrite(String studyUid, List<StoredInstance> instances, Correction correction, Instant now)
            throws CorrectionException {
        List<String> replaced = new ArrayList<>();
        Map<CorrectableAttribute, String> before = new EnumMap<>(CorrectableAttribute.class);
        Path originals = null;
        boolean indexed = false;
        try {
            List<InstanceRecord> records = new ArrayList<>();
            FileIndexer indexer = new FileIndexer(blobs);
            for (StoredInstance instance : instances) {
                CorrectedFile corrected = CorrectedFile.write(blobs, instance, correction, DT.format(now));
                if (corrected != null) {
                    try (var temp = corrected.temp()) {
                        if (originals == null) {
                            originals = history.newFolder(now, studyUid);
                            before.putAll(corrected.before());
                        }
                        history.keep(originals, instance.fileKey());
                        blobs.commit(temp, instance.fileKey(), true);
                        replaced.add(instance.fileKey());
                    }
                }
                records.add(indexer.read(instance.fileKey(), "correction"));
            }
            String conflict = index.correct(studyUid, records);
            if (conflict != null) {
                throw new CorrectionException(CorrectionReason.PATIENT_CONFLICT, conflict);
            }
            indexed = true;
            Result result = new Result(studyUid, instances.size(), replaced.size(), before, correction.values(),
                    originals);
            if (originals != null) {
                // The index's new state must be on disk before the pending mark goes (Index#checkpoint).
                index.checkpoint();
                history.finish(originals, "{\"study\":\"" + studyUid + "\",\"changes\":" + result.detail() + "}\n");
            }
            return result;
        } catch (CorrectionException e) {
            undo(studyUid, originals, replaced, indexed);
            throw e;
        } catch (IOException | RuntimeException e) {
            undo(studyUid, originals, replaced, indexed);
            throw new CorrectionException(CorrectionReason.FAILED, "the correction failed and was undone: " + e, e);
        }
    }

    /**
     * Puts back the originals of the files already replaced and, if the index was updated,
     * indexes the study from its files again; then marks the correction rolled back. What
     * cannot be undone now is logged, and the next start-up tries again ({@link #rollBackUnfinished}).
     */
    private void undo(String studyUid, Path originals, List<String> replaced, boolean indexed) {
        if (originals == null) {
            return;
        }
        try {
            for (String key : replaced) {
                history.restore(originals, key);
            }
            if (indexed) {
                reindex(studyUid);
            }
            history.finish(originals, rolledBack(studyUid));
        } catch (IOException | RuntimeException e) {
            LOG.error("could not undo the correction of study {} now; the next start-up puts its originals back"
                    + " from {}", studyUid, originals, e);
        }
    }

    /**
     * At start-up: for each correction a crash interrupted (its history folder still marked
     * pending), puts the kept originals back and indexes the study from its files again, so that
     * it is as it was before the correction, which was never acknowledged.
     *
     * @return how many corrections were rolled back
     */
    public int rollBackUnfinished() throws IOException {
        List<History.Unfinished> unfinished = history.unfinished();
        for (History.Unfinished correction : unfinished) {
            for (String key : correction.keys()) {
                history.restore(correction.folder(), key);
            }
            reindex(correction.studyUid());
            history.finish(correction.folder(), rolledBack(correction.studyUid()));
            LOG.warn("a correction of study {} was interrupted; its {} original files are back ({})",
                    correction.studyUid(), correction.keys().size(), correction.folder());
        }
        return unfinished.size();
    }

    /** Indexes the patient, study and instances of {@code studyUid} from its files again. */
    private void reindex(String studyUid) throws IOException {
        FileIndexer indexer = new FileIndexer(blobs);
        List<InstanceRecord> records = new ArrayList<>();
        for (StoredInstance instance : index.instances(studyUid, null, null)) {
            records.add(indexer.read(instance.fileKey(), "correction undone"));
        }
        String conflict = records.isEmpty() ? null : index.correct(studyUid, records);
        if (conflict != null) {
            LOG.error("the index of study {} could not be brought back in line with its files: {}", studyUid,
                    conflict);
        }
    }

    private static String rolledBack(String studyUid) {
        return "{\"study\":\"" + studyUid + "\",\"rolledBack\":true}\n";
    }
}
