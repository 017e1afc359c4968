package io.pacslite.archive.deid;

import io.pacslite.archive.Archive;
import io.pacslite.archive.access.KeyFiles;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.dicom.deid.DeidentificationSettings;
import io.pacslite.dicom.deid.Deidentified;
import io.pacslite.dicom.deid.Deidentifier;
import io.pacslite.dicom.deid.Pseudonyms;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A de-identified copy of a stored study (docs/deidentification.md): each instance read from
 * its file, de-identified ({@link Deidentifier}, PS3.15 Annex E) with UIDs replaced
 * consistently across the study, then either stored in the archive as a new study, through
 * the one ingest path ({@link Archive#store}), or written to a folder. The original study is
 * not changed. If any instance fails, the copies made so far are removed again, so a copy is
 * whole or absent.
 *
 * <p>Patients the caller does not name get pseudonyms under the archive's key
 * ({@value #KEY_FILE} in its root, made once), so a patient keeps one pseudonym and one date
 * offset across exports.
 */
public final class StudyDeidentification {

    /** The pseudonym key's file in the archive's root. */
    public static final String KEY_FILE = "deid.key";
    private static final int KEY_BYTES = 32;
    /** Values larger than this stay in the original file until the copy is written. */
    private static final int BULK_DATA_THRESHOLD = 64 * 1024;

    private final Archive archive;
    private final DeidentificationSettings settings;
    private final Pseudonyms pseudonyms;

    /** Copies made from {@code archive} with {@code settings}. */
    public StudyDeidentification(Archive archive, DeidentificationSettings settings) throws IOException {
        this.archive = archive;
        this.settings = settings;
        this.pseudonyms = new Pseudonyms(KeyFiles.readOrCreate(archive.root().resolve(KEY_FILE), KEY_BYTES));
    }

    /**
     * What a copy holds.
     *
     * @param studyInstanceUid the copy's Study Instance UID
     * @param series how many series it has
     * @param instances how many instances it has
     * @param burnedInAnnotation the SOP Instance UIDs (of the copy) of images that may show
     *     identifying text in their pixels, which de-identification does not remove
     */
    public record Report(String studyInstanceUid, int series, int instances, List<String> burnedInAnnotation) {
    }

    /**
     * Stores a de-identified copy of {@code studyUid} in the archive as a new study.
     *
     * @return empty if nothing of that study is stored
     * @throws IOException if an instance cannot be read or its copy not stored; no copy is left
     */
    public Optional<Report> copyIntoArchive(String studyUid) throws IOException {
        List<String> stored = new ArrayList<>();
        return copy(studyUid, deidentified -> {
            storeCopy(deidentified);
            stored.add(deidentified.file().dataset().getString(Tag.SOPInstanceUID));
        }, () -> {
            for (String sopUid : stored) {
                StoredInstance copy = archive.index().find(sopUid);
                if (copy != null && archive.index().delete(sopUid)) {
                    archive.blobs().delete(copy.fileKey());
                }
            }
        });
    }

    /**
     * Writes a de-identified copy of {@code studyUid} to {@code folder} (made if missing), one
     * Part 10 file per instance named by its new SOP Instance UID.
     *
     * @return empty if nothing of that study is stored
     * @throws IOException if an instance cannot be read or written; no file of the copy is left
     */
    public Optional<Report> writeTo(String studyUid, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        return copy(studyUid, deidentified -> {
            Path file = folder.resolve(deidentified.file().dataset().getString(Tag.SOPInstanceUID) + ".dcm");
            Path temp = Files.createTempFile(folder, ".deid-", ".part");
            try {
                write(deidentified, temp);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                written.add(file);
            } finally {
                Files.deleteIfExists(temp);
            }
        }, () -> {
            for (Path file : written) {
                Files.deleteIfExists(file);
            }
        });
    }

    /** Where a copied instance goes. */
    private interface Destination {
        void accept(Deidentified deidentified) throws IOException;
    }

    /** Removes what a {@link Destination} received, when the copy fails. */
    private interface Undo {
        void run() throws IOException;
    }

    private Optional<Report> copy(String studyUid, Destination destination, Undo undo) throws IOException {
        List<StoredInstance> instances = archive.index().instances(studyUid, null, null);
        if (instances.isEmpty()) {
            return Optional.empty();
        }
        Deidentifier deidentifier = new Deidentifier(settings, pseudonyms);
        Set<String> series = new HashSet<>();
        List<String> burnedIn = new ArrayList<>();
        try {
            for (StoredInstance instance : instances) {
                Deidentified deidentified = deidentifier.deidentify(read(instance));
                destination.accept(deidentified);
                series.add(deidentified.file().dataset().getString(Tag.SeriesInstanceUID));
                if (deidentified.burnedInAnnotation()) {
                    burnedIn.add(deidentified.file().dataset().getString(Tag.SOPInstanceUID));
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                undo.run();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return Optional.of(new Report(deidentifier.uids().replacementOf(studyUid), series.size(), instances.size(),
                List.copyOf(burnedIn)));
    }

    private DicomFile read(StoredInstance instance) throws IOException {
        try (DicomReader reader = DicomReader.open(archive.blobs().pathOf(instance.fileKey()))
                .bulkData(BulkDataPolicy.REFERENCE, BULK_DATA_THRESHOLD)) {
            return reader.readFile();
        }
    }

    private void storeCopy(Deidentified deidentified) throws IOException {
        Path temp = Files.createTempFile(archive.root().resolve("tmp"), "deid-", ".dcm");
        try {
            write(deidentified, temp);
            StoreResult result;
            try (InputStream in = Files.newInputStream(temp)) {
                result = archive.store(in, StoreContext.derived("deidentify"));
            }
            if (!result.isStored()) {
                throw new IOException("the de-identified copy was not stored: " + result);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void write(Deidentified deidentified, Path file) throws IOException {
        DicomFile copy = deidentified.file();
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(copy.preamble(), copy.fileMeta(), copy.dataset());
        }
    }
}
