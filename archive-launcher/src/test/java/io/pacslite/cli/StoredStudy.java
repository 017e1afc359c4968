package io.pacslite.cli;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the export and send tests: before each, a study of two series (three CT
 * instances and one) stored in an archive in a temp folder, closed, and its stored files read.
 */
abstract class StoredStudy {

    static final String STUDY = uid("81");
    static final String SERIES_ONE = uid("81", "1");
    static final String SERIES_TWO = uid("81", "2");

    @TempDir
    Path dir;
    /** The archive's folder. */
    Path data;
    /** The stored files of the study, by SOP Instance UID. */
    Map<String, byte[]> stored;

    @BeforeEach
    void storeAStudy() throws IOException {
        data = dir.resolve("archive");
        storeInto(data);
        stored = storedFiles(data);
    }

    private static void storeInto(Path data) throws IOException {
        try (Archive archive = Archive.open(data, ArchiveConfig.DEFAULTS.withFsync(false))) {
            for (int i = 1; i <= 3; i++) {
                store(archive, ct("P81", STUDY, SERIES_ONE, uid("81", "1", "" + i), 32, i));
            }
            Attributes second = ct("P81", STUDY, SERIES_TWO, uid("81", "2", "1"), 32, 1);
            second.setInts(Tag.SeriesNumber, VR.IS, 2);
            store(archive, second);
        }
    }

    private static void store(Archive archive, Attributes instance) {
        archive.store(new ByteArrayInputStream(SyntheticInstances.partTen(instance,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)), StoreContext.partTen("test"));
    }

    static Map<String, byte[]> storedFiles(Path data) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Archive archive = Archive.open(data, ArchiveConfig.DEFAULTS.withFsync(false))) {
            for (StoredInstance instance : archive.index().instances(STUDY, null, null)) {
                files.put(instance.sopUid(), Files.readAllBytes(archive.blobs().pathOf(instance.fileKey())));
            }
        }
        return files;
    }
}
