package io.pacslite.archive.correction;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.index.StoredMetadata;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Study corrections on a real archive: the files (read back by dcmdump), the index, the history, the undo. */
class StudyCorrectorTest {

    private static final String STUDY = uid("5");
    private static final String OTHER_STUDY = uid("6");

    @TempDir
    Path root;

    private Archive archive;

    @BeforeEach
    void open() throws IOException {
        archive = Archive.open(root, ArchiveConfig.DEFAULTS);
        store("P1", STUDY, 1);
        store("P1", STUDY, 2);
    }

    @AfterEach
    void close() throws IOException {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void movesTheStudyToAnotherPatientInEveryFileKeepingTheOldValuesAndTheOriginals() throws Exception {
        List<byte[]> originals = files(STUDY);

        StudyCorrector.Result result = archive.corrector().correct(STUDY, Correction.of(Map.of("PatientID", "P2",
                "PatientName", "Roe^Ann", "AccessionNumber", "A9")));

        assertThat(result.rewritten()).isEqualTo(2);
        assertThat(result.before()).containsEntry(CorrectableAttribute.PatientID, "P1")
                .containsEntry(CorrectableAttribute.PatientName, "Doe^Jane^P1");
        assertThat(result.detail()).isEqualTo("{\"PatientID\":{\"before\":\"P1\",\"after\":\"P2\"},"
                + "\"PatientName\":{\"before\":\"Doe^Jane^P1\",\"after\":\"Roe^Ann\"},"
                + "\"AccessionNumber\":{\"before\":\"AP1\",\"after\":\"A9\"}}");
        TestPeers.require("dcmdump");
        for (StoredInstance instance : archive.index().instances(STUDY, null, null)) {
            TestPeers.Result dump = TestPeers.run(List.of("dcmdump", "+P", "0010,0020", "+P", "0010,0010",
                    "+P", "0400,0565", "+P", "0400,0563", archive.blobs().pathOf(instance.fileKey()).toString()), null);
            assertThat(dump.stdout()).contains("(0010,0020) LO [P2]", "(0010,0020) LO [P1]",
                    "(0010,0010) PN [Roe^Ann]", "(0010,0010) PN [Doe^Jane^P1]", "(0400,0565) CS [CORRECT]",
                    "(0400,0563) LO [PACS-lite]");
            Attributes metadata = StoredMetadata.dataset(archive.index().metadata(instance.sopUid()));
            assertThat(metadata.getString(Tag.PatientID)).isEqualTo("P2");
            assertThat(metadata.getString(Tag.AccessionNumber)).isEqualTo("A9");
        }
        assertThat(archive.index().stats().patients()).isEqualTo(1);
        List<byte[]> kept = new ArrayList<>();
        for (StoredInstance instance : archive.index().instances(STUDY, null, null)) {
            kept.add(Files.readAllBytes(result.originals().resolve(instance.fileKey())));
        }
        assertThat(kept).containsExactlyElementsOf(originals);
        assertThat(result.originals().resolve("correction.json")).exists();
        assertThat(result.originals().toString()).contains("history");
    }

    @Test
    void aStudyWithAMissingFileIsLeftUntouched() throws Exception {
        List<StoredInstance> instances = archive.index().instances(STUDY, null, null);
        Files.delete(archive.blobs().pathOf(instances.get(1).fileKey()));
        byte[] first = Files.readAllBytes(archive.blobs().pathOf(instances.get(0).fileKey()));

        assertThatThrownBy(() -> archive.corrector().correct(STUDY, Correction.of(Map.of("PatientID", "P2"))))
                .isInstanceOf(CorrectionException.class).hasMessageContaining(instances.get(1).sopUid())
                .extracting(e -> ((CorrectionException) e).reason()).isEqualTo(CorrectionReason.FILE_MISSING);

        assertThat(Files.readAllBytes(archive.blobs().pathOf(instances.get(0).fileKey()))).isEqualTo(first);
        assertThat(StoredMetadata.dataset(archive.index().metadata(instances.get(0).sopUid()))
                .getString(Tag.PatientID)).isEqualTo("P1");
        assertThat(root.resolve("history")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeReadHalfwayUndoesTheFilesAlreadyRewritten() throws Exception {
        List<StoredInstance> instances = archive.index().instances(STUDY, null, null);
        Path second = archive.blobs().pathOf(instances.get(1).fileKey());
        Files.write(second, Arrays.copyOf(Files.readAllBytes(second), 200));
        List<byte[]> before = files(STUDY);

        assertThatThrownBy(() -> archive.corrector().correct(STUDY, Correction.of(Map.of("PatientID", "P2"))))
                .extracting(e -> ((CorrectionException) e).reason()).isEqualTo(CorrectionReason.FAILED);

        assertThat(files(STUDY)).containsExactlyElementsOf(before);
        assertThat(StoredMetadata.dataset(archive.index().metadata(instances.get(0).sopUid()))
                .getString(Tag.PatientID)).isEqualTo("P1");
        try (Stream<Path> records = Files.find(root.resolve("history"), 3,
                (path, attributes) -> path.endsWith(History.RECORD))) {
            assertThat(records).singleElement().satisfies(record ->
                    assertThat(Files.readString(record)).contains("\"rolledBack\":true"));
        }
    }

    @Test
    void aNewNameOnAPatientWithOtherStudiesIsRefusedAndEveryFileIsPutBack() throws Exception {
        store("P1", OTHER_STUDY, 1);
        List<byte[]> before = files(STUDY);

        assertThatThrownBy(() -> archive.corrector().correct(STUDY, Correction.of(Map.of("PatientName", "Roe^Ann"))))
                .extracting(e -> ((CorrectionException) e).reason()).isEqualTo(CorrectionReason.PATIENT_CONFLICT);

        assertThat(files(STUDY)).containsExactlyElementsOf(before);
        assertThat(archive.index().instances(STUDY, null, null)).allSatisfy(instance ->
                assertThat(StoredMetadata.dataset(archive.index().metadata(instance.sopUid()))
                        .getString(Tag.PatientName)).isEqualTo("Doe^Jane^P1"));
    }

    @Test
    void aCorrectionACrashInterruptedIsUndoneAtStartUp() throws Exception {
        List<byte[]> originals = files(STUDY);
        StudyCorrector.Result result = archive.corrector().correct(STUDY, Correction.of(Map.of("PatientID", "P2")));
        // As a crash after the files and the index were written, before the correction was marked done:
        Files.writeString(result.originals().resolve(History.PENDING), STUDY);
        Files.delete(result.originals().resolve(History.RECORD));
        archive.close();

        archive = Archive.open(root, ArchiveConfig.DEFAULTS);

        assertThat(files(STUDY)).containsExactlyElementsOf(originals);
        assertThat(archive.index().instances(STUDY, null, null)).allSatisfy(instance ->
                assertThat(StoredMetadata.dataset(archive.index().metadata(instance.sopUid()))
                        .getString(Tag.PatientID)).isEqualTo("P1"));
        assertThat(archive.index().stats().patients()).isEqualTo(1);
        assertThat(result.originals().resolve(History.PENDING)).doesNotExist();
        assertThat(Files.readString(result.originals().resolve(History.RECORD))).contains("\"rolledBack\":true");
    }

    @Test
    void correctingAgainWithTheSameValuesRewritesNothing() throws Exception {
        Correction correction = Correction.of(Map.of("StudyDescription", "CT Abdomen"));
        archive.corrector().correct(STUDY, correction);
        List<byte[]> corrected = files(STUDY);

        StudyCorrector.Result again = archive.corrector().correct(STUDY, correction);
        assertThat(again.rewritten()).isZero();
        assertThat(again.detail()).isEqualTo("{\"StudyDescription\":{\"before\":\"CT Abdomen\",\"after\":\"CT Abdomen\"}}");
        assertThat(files(STUDY)).containsExactlyElementsOf(corrected);
    }

    @Test
    void refusesKeywordsThatCannotBeCorrectedAndValuesTheirVrForbids() {
        Map<String, String> uid = new LinkedHashMap<>(Map.of("StudyInstanceUID", "1.2"));
        assertThatThrownBy(() -> Correction.of(uid)).hasMessageContaining("StudyInstanceUID cannot be corrected")
                .extracting(e -> ((CorrectionException) e).reason()).isEqualTo(CorrectionReason.NOT_CORRECTABLE);
        assertThatThrownBy(() -> Correction.of(Map.of("PatientBirthDate", "1970-01-01")))
                .hasMessageContaining("YYYYMMDD");
        assertThatThrownBy(() -> Correction.of(Map.of("PatientSex", "female")))
                .extracting(e -> ((CorrectionException) e).reason()).isEqualTo(CorrectionReason.INVALID_VALUE);
        assertThatThrownBy(() -> Correction.of(Map.of("AccessionNumber", "A".repeat(17))))
                .hasMessageContaining("longer than 16");
    }

    @Test
    void originalsOlderThanTheHistoryDaysGoAtStartUp() throws Exception {
        archive.corrector().correct(STUDY, Correction.of(Map.of("StudyDescription", "CT Abdomen")));
        Path old = Files.createDirectories(root.resolve("history").resolve("2000-01-01").resolve("x"));
        archive.close();
        archive = Archive.open(root, ArchiveConfig.DEFAULTS);

        assertThat(old.getParent()).doesNotExist();
        try (Stream<Path> days = Files.list(root.resolve("history"))) {
            assertThat(days).singleElement().satisfies(day ->
                    assertThat(day.getFileName().toString()).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                            .toString()));
        }
    }

    @Test
    void theAuditChainHoldsWithADetailOnANewRow() throws Exception {
        archive.audit().record(new AuditEvent(Instant.now(), "cli", null, null, AuditEvent.Action.QUERY, STUDY, null,
                null, List.of(), "ok"));
        archive.audit().record(new AuditEvent(Instant.now(), "cli", null, null, AuditEvent.Action.CORRECT, STUDY,
                null, null, List.of(), "ok", "{\"PatientID\":{\"before\":\"P1\",\"after\":\"P2\"}}"));
        archive.audit().flush();

        assertThat(archive.audit().verify().intact()).isTrue();
        List<AuditEvent> events = new ArrayList<>();
        archive.index().auditEvents().search(io.pacslite.archive.audit.AuditQuery.ALL, row -> events.add(row.event()));
        assertThat(events).extracting(AuditEvent::detail).containsExactly(null,
                "{\"PatientID\":{\"before\":\"P1\",\"after\":\"P2\"}}");
    }

    private void store(String patient, String study, int number) {
        byte[] file = SyntheticInstances.partTen(ct(patient, study, study + ".1", study + ".1." + number, 8, number),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(archive.store(new ByteArrayInputStream(file), StoreContext.partTen("test")).isStored()).isTrue();
    }

    private List<byte[]> files(String study) throws IOException {
        List<byte[]> files = new ArrayList<>();
        for (StoredInstance instance : archive.index().instances(study, null, null)) {
            files.add(Files.readAllBytes(archive.blobs().pathOf(instance.fileKey())));
        }
        return files;
    }
}
