package io.pacslite.archive.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.deid.DeidentificationSettings;
import io.pacslite.dicom.deid.Option;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.PhiInstances;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A study's de-identified copy written to a folder, checked by independent implementations:
 * dicom3tools' dciodvfy finds no error in the copy (of a CT and of an MR study) that the
 * original did not have, and
 * pydicom finds no identifying text, no private element and the de-identification marks.
 */
class StudyDeidentificationTest {

    private static final String STUDY = SyntheticInstances.uid("5");
    private static final String SERIES = SyntheticInstances.uid("5", "1");
    private static final String MR_STUDY = SyntheticInstances.uid("7");

    @TempDir
    Path root;
    @TempDir
    Path out;
    private Archive archive;
    /** The first original of each study, by modality. */
    private final Map<String, Path> originals = new HashMap<>();

    @BeforeEach
    void storeStudy() throws IOException {
        archive = Archive.open(root.resolve("archive"), ArchiveConfig.DEFAULTS);
        for (int n = 1; n <= 2; n++) {
            Attributes instance = PhiInstances.ct(STUDY, SERIES, SyntheticInstances.uid("5", "1", String.valueOf(n)), n,
                    n == 1 ? null : SyntheticInstances.uid("5", "1", "1"));
            byte[] file = SyntheticInstances.partTen(instance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            assertThat(archive.store(new ByteArrayInputStream(file), StoreContext.partTen("test")).isStored()).isTrue();
            originals.putIfAbsent("CT", Files.write(root.resolve("original-" + n + ".dcm"), file));
        }
        Attributes mr = PhiInstances.mr(MR_STUDY, SyntheticInstances.uid("7", "1"), SyntheticInstances.uid("7", "1", "1"),
                1, null);
        byte[] file = SyntheticInstances.partTen(mr, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(archive.store(new ByteArrayInputStream(file), StoreContext.partTen("test")).isStored()).isTrue();
        originals.put("MR", Files.write(root.resolve("original-mr.dcm"), file));
    }

    @AfterEach
    void close() throws IOException {
        archive.close();
    }

    @Test
    void writesOneFilePerInstanceWithConsistentUids() throws IOException {
        StudyDeidentification.Report report = new StudyDeidentification(archive, DeidentificationSettings.BASIC)
                .writeTo(STUDY, out).orElseThrow();

        List<Path> files = copies();
        assertThat(files).hasSize(2);
        assertThat(report.instances()).isEqualTo(2);
        assertThat(report.series()).isEqualTo(1);
        assertThat(report.burnedInAnnotation()).isEmpty();
        List<Attributes> copies = new ArrayList<>();
        for (Path file : files) {
            try (DicomReader reader = DicomReader.open(file)) {
                copies.add(reader.readFile().dataset());
            }
            assertThat(file.getFileName().toString()).isEqualTo(copies.getLast().getString(Tag.SOPInstanceUID) + ".dcm");
        }
        assertThat(copies).extracting(copy -> copy.getString(Tag.StudyInstanceUID))
                .containsOnly(report.studyInstanceUid());
        Attributes referring = copies.stream().filter(copy -> copy.contains(Tag.ReferencedImageSequence)).findFirst()
                .orElseThrow();
        Attributes referred = copies.stream().filter(copy -> copy != referring).findFirst().orElseThrow();
        assertThat(referring.getSequence(Tag.ReferencedImageSequence).get(0).getString(Tag.ReferencedSOPInstanceUID))
                .isEqualTo(referred.getString(Tag.SOPInstanceUID));
        assertThat(archive.index().stats().studies()).isEqualTo(2);
    }

    @Test
    void answersNothingForAStudyThatIsNotStored() throws IOException {
        assertThat(new StudyDeidentification(archive, DeidentificationSettings.BASIC)
                .writeTo(SyntheticInstances.uid("404"), out)).isEmpty();
        assertThat(copies()).isEmpty();
    }

    @Test
    void leavesNoPartOfACopyWhenAnInstanceCannotBeRead() throws IOException {
        List<StoredInstance> stored = archive.index().instances(STUDY, null, null);
        Files.delete(archive.blobs().pathOf(stored.getLast().fileKey()));
        StudyDeidentification copier = new StudyDeidentification(archive, DeidentificationSettings.BASIC);

        assertThatThrownBy(() -> copier.copyIntoArchive(STUDY)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> copier.writeTo(STUDY, out)).isInstanceOf(NoSuchFileException.class);

        assertThat(archive.index().stats().studies()).as("the originals alone").isEqualTo(2);
        assertThat(archive.index().stats().instances()).isEqualTo(3);
        assertThat(copies()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CT", "MR"})
    void copyHasNoValidationErrorTheOriginalLacks(String modality) throws IOException {
        TestPeers.require("dciodvfy");
        new StudyDeidentification(archive, new DeidentificationSettings(Set.of(Option.RETAIN_PATIENT_CHARACTERISTICS,
                Option.RETAIN_MODIFIED_DATES, Option.CLEAN_DESCRIPTORS), null, null, Set.of()))
                .writeTo(modality.equals("CT") ? STUDY : MR_STUDY, out);

        List<String> originalErrors = errors(originals.get(modality));
        for (Path copy : copies()) {
            assertThat(errors(copy)).as("dciodvfy errors of the copy %s beyond the original's %s", copy, originalErrors)
                    .isSubsetOf(originalErrors);
        }
    }

    @Test
    void pydicomFindsNoIdentifyingTextAndTheMarks() throws Exception {
        TestPeers.requirePydicom();
        new StudyDeidentification(archive, DeidentificationSettings.BASIC).writeTo(STUDY, out);
        Path script = Path.of(getClass().getResource("check_deidentified.py").toURI());

        List<String> command = new ArrayList<>(List.of(TestPeers.PYTHON, script.toString()));
        copies().forEach(copy -> command.add(copy.toString()));
        command.addAll(List.of("--", "Jane", "Doe", PhiInstances.BIRTH_DATE, "PID-4711", "OTHER-0815", "Elsewhere",
                "Springfield", "CT-ROOM-2", "SN-123456", "House", "Tech^Tom", "20240131"));
        TestPeers.Result result = TestPeers.run(command, null);

        assertThat(result.stdout() + result.stderr()).contains("checked 2 files");
        assertThat(result.exitCode()).isZero();
    }

    private List<Path> copies() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.sorted().toList();
        }
    }

    /** dciodvfy's error lines for {@code file}, without the file-specific prefix. */
    private static List<String> errors(Path file) throws IOException {
        TestPeers.Result result = TestPeers.run(List.of("dciodvfy", file.toString()), null);
        return Arrays.stream((result.stdout() + result.stderr()).split("\n"))
                .filter(line -> line.startsWith("Error"))
                .toList();
    }
}
