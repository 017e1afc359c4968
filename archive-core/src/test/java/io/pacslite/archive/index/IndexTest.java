package io.pacslite.archive.index;

import static io.pacslite.archive.index.Records.STUDY;
import static io.pacslite.archive.index.Records.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexTest {

    @TempDir
    Path dir;

    Index index;

    @BeforeEach
    void open() {
        index = Index.open(dir);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void insertedInstanceIsFoundCountedAndItsMetadataKept() {
        assertThat(index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"))).isEqualTo(new InsertResult.Inserted());

        assertThat(index.find("1.2.3.4.1.1")).isEqualTo(new StoredInstance(STUDY, "1.2.3.4.1", "1.2.3.4.1.1",
                "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", "ab/cd/1.2.3.4.1.1.dcm", 1000, "0".repeat(64)));
        assertThat(index.find("9.9")).isNull();
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 1000));
        assertThat(new String(index.metadata("1.2.3.4.1.1"), StandardCharsets.UTF_8)).isEqualTo("{\"sop\":\"1.2.3.4.1.1\"}");
        assertThat(index.metadata("9.9")).isNull();
    }

    @Test
    void laterInstancesOfASeriesSkipTheLookupsButStillCountAndRecreateADeletedSeries() throws SQLException {
        index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"));
        index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.2"));
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 2, 2000));

        index.delete("1.2.3.4.1.1");
        index.delete("1.2.3.4.1.2");
        index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.3"));
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 1000));

        // Rows removed behind the index's back leave its noted keys stale: the insert must
        // notice the missing series and look the rows up again.
        try (Connection c = index.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM instance");
            s.executeUpdate("DELETE FROM series");
            s.executeUpdate("UPDATE study SET num_series = 0, num_instances = 0");
            c.commit();
        }
        assertThat(index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.4"))).isEqualTo(new InsertResult.Inserted());
        assertThat(index.find("1.2.3.4.1.4").seriesUid()).isEqualTo("1.2.3.4.1");
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 1000));
    }

    @Test
    void instancesAndMetadataAreListedByStudySeriesAndInstance() {
        index.insert(instance("1.2.3.4.2", "MR", "1.2.3.4.2.1"));
        index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"));
        index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.2"));

        assertThat(index.instances(STUDY, null, null)).extracting(StoredInstance::sopUid)
                .containsExactlyInAnyOrder("1.2.3.4.1.1", "1.2.3.4.1.2", "1.2.3.4.2.1");
        assertThat(index.instances(STUDY, "1.2.3.4.1", null)).extracting(StoredInstance::sopUid)
                .containsExactly("1.2.3.4.1.1", "1.2.3.4.1.2");
        assertThat(index.instances(STUDY, "1.2.3.4.2", "1.2.3.4.2.1")).hasSize(1);
        assertThat(index.instances(STUDY, "1.2.3.4.1", "1.2.3.4.2.1")).isEmpty();
        assertThat(index.instances("9.9", null, null)).isEmpty();

        List<StoredMetadata> metadata = index.metadata(STUDY, "1.2.3.4.1", null);
        assertThat(metadata).extracting(m -> m.instance().sopUid()).containsExactly("1.2.3.4.1.1", "1.2.3.4.1.2");
        assertThat(new String(metadata.get(1).deflatedMetadata(), StandardCharsets.UTF_8))
                .isEqualTo("{\"sop\":\"1.2.3.4.1.2\"}");
        assertThat(metadata.get(0).receivedAt()).isNotNull();
    }

    @Test
    void sameSopInstanceTwiceIsAlreadyStoredAndChangesNothing() throws SQLException {
        index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"));
        InsertResult again = index.insert(instance("1.2.3.4.2", "MR", "1.2.3.4.1.1"));

        assertThat(again).isEqualTo(new InsertResult.AlreadyStored(index.find("1.2.3.4.1.1")));
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 1000));
        assertThat(studyRow()).isEqualTo(List.of("1", "1", "CT"));
        assertThat(changes()).containsExactly("CREATE_INSTANCE 1.2.3.4.1.1");
    }

    @Test
    void sameSopInstanceTwiceIsAlreadyStoredEvenWhenItsPatientOrStudyDiffer() {
        index.insert(instance("P1", STUDY, "1.2.3.4.1", "CT", "1.2.3.4.1.1"));

        InsertResult otherPatient = index.insert(instance("P2", STUDY, "1.2.3.4.1", "CT", "1.2.3.4.1.1"));
        InsertResult otherStudy = index.insert(instance("P1", "1.2.3.9", "1.2.3.4.1", "CT", "1.2.3.4.1.1"));

        assertThat(otherPatient).isEqualTo(new InsertResult.AlreadyStored(index.find("1.2.3.4.1.1")));
        assertThat(otherStudy).isEqualTo(new InsertResult.AlreadyStored(index.find("1.2.3.4.1.1")));
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 1000));
    }

    @Test
    void studyOfAnotherPatientIsAMismatchThatLeavesNothingBehind() {
        index.insert(instance("P1", STUDY, "1.2.3.4.1", "CT", "1.2.3.4.1.1"));

        InsertResult result = index.insert(instance("P2", STUDY, "1.2.3.4.2", "MR", "1.2.3.4.2.1"));

        assertThat(result).isEqualTo(new InsertResult.PatientMismatch("P1\\HOSP", "P2\\HOSP"));
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 1000));
        assertThat(index.find("1.2.3.4.2.1")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "P1|HOSP|Doe^Jane|19700101|P1\\HOSP",
        "P1|null|Doe^Jane|19700101|P1\\",
        "null|HOSP|Doe^Jane|19700101|\\\\Doe^Jane\\19700101",
        "''|null|Doe^Jane|null|\\\\Doe^Jane\\"})
    void patientKeyIsTheIdWithItsIssuerOrElseNameAndBirthDate(String id, String issuer, String name, String birthDate,
            String key) {
        InstanceRecord r = withPatient(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"), id, issuer, name, birthDate);
        assertThat(InstanceWriter.patientKey(r)).isEqualTo(key);
    }

    @Test
    void patientsWithoutIdAreTheSameWhenNameAndBirthDateAre() {
        index.insert(withPatient(instance("P", "2.1", "2.1.1", "CT", "2.1.1.1"), "", null, "Doe^Jane", "19700101"));
        index.insert(withPatient(instance("P", "2.2", "2.2.1", "CT", "2.2.1.1"), null, null, "Doe^Jane", "19700101"));
        index.insert(withPatient(instance("P", "2.3", "2.3.1", "CT", "2.3.1.1"), null, null, "Doe^Jane", "19800101"));

        assertThat(index.stats().patients()).isEqualTo(2);
    }

    @Test
    void longValuesFromADeviceAreCutToTheirColumn() throws SQLException {
        InstanceRecord r = instance("1.2.3.4.1", "CT", "1.2.3.4.1.1");
        index.insert(new InstanceRecord("X".repeat(100), r.issuerOfPatientId(), "N".repeat(1000), "1970010199",
                "F".repeat(20), r.studyUid(), "2024011599", "1".repeat(40), "A".repeat(70), "S".repeat(70),
                "D".repeat(300), "R".repeat(500), r.seriesUid(), "M".repeat(20), 1, "D".repeat(300), "2024011599",
                r.sopUid(), r.sopClassUid(), 1, r.transferSyntaxUid(), r.fileKey(), 1, "h".repeat(70),
                r.receivedAt(), "A".repeat(70), "a".repeat(150), null));

        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT LENGTH(p.patient_id), LENGTH(p.patient_name),"
                        + " LENGTH(st.study_description), LENGTH(se.modality) FROM patient p"
                        + " JOIN study st ON st.patient_fk = p.pk JOIN series se ON se.study_fk = st.pk");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).containsExactly(64, 400, 256, 16);
        }
        assertThat(index.metadata(r.sopUid())).isNull();
    }

    @Test
    void identifyingValuesAreNeverCut() {
        InstanceRecord r = instance("1.2.3.4.1", "CT", "1." + "2".repeat(70));
        assertThatThrownBy(() -> index.insert(r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SOP Instance UID is longer than 64");
        assertThat(index.stats().patients()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "Müller^Jürgen|MULLER^JURGEN",
        "doe^jane=ドウ^ジェーン=どう^じぇーん|DOE^JANE",
        "Ångström^Zoë|ANGSTROM^ZOE",
        "=山田^太郎|''",
        "null|null"})
    void namesAreNormalisedToTheirAlphabeticGroupUpperCaseWithoutAccents(String name, String normalized) {
        assertThat(Names.normalize(name)).isEqualTo(normalized);
    }

    @Test
    void normalisedNamesAreStoredForMatching() throws SQLException {
        index.insert(withPatient(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"), "P1", null, "Müller^Jürgen", null));
        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT patient_name, patient_name_norm FROM patient"
                        + " WHERE patient_name_norm = ?")) {
            p.setString(1, "MULLER^JURGEN");
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Müller^Jürgen");
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Yamada^Tarou=山田^太郎=やまだ^たろう|YAMADA^TAROU|山田^太郎|やまだ^たろう| YAMADA TAROU 山田 太郎 やまだ たろう",
        "García Márquez^Gabriel José|GARCIA MARQUEZ^GABRIEL JOSE|''|''| GARCIA MARQUEZ GABRIEL JOSE",
        "김희중|김희중|''|''| 김희중",
        "O'Brien-Smith^Seán|O'BRIEN-SMITH^SEAN|''|''| O'BRIEN SMITH SEAN"})
    void namesAreFoldedPerGroupAndSplitIntoWordsKeepingKanaAndHangulWhole(String name, String alphabetic,
            String ideographic, String phonetic, String words) {
        assertThat(Names.groups(name)).containsExactly(alphabetic, ideographic, phonetic);
        assertThat(Names.words(name)).isEqualTo(" " + words); // a space before every word
    }

    @Test
    void countsAndModalitiesFollowInsertsAndDeletes() throws SQLException {
        index.insert(instance("1.2.3.4.1", "MR", "1.2.3.4.1.1"));
        index.insert(instance("1.2.3.4.1", "MR", "1.2.3.4.1.2"));
        index.insert(instance("1.2.3.4.2", "CT", "1.2.3.4.2.1"));
        index.insert(instance("1.2.3.4.3", "CT", "1.2.3.4.3.1"));
        index.insert(instance("1.2.3.4.4", null, "1.2.3.4.4.1"));
        assertThat(studyRow()).isEqualTo(List.of("4", "5", "CT\\MR"));
        assertThat(seriesInstances("1.2.3.4.1")).isEqualTo(2);

        assertThat(index.delete("1.2.3.4.1.1")).isTrue();
        assertThat(studyRow()).isEqualTo(List.of("4", "4", "CT\\MR"));
        assertThat(seriesInstances("1.2.3.4.1")).isEqualTo(1);

        assertThat(index.delete("1.2.3.4.1.2")).isTrue();
        assertThat(studyRow()).isEqualTo(List.of("3", "3", "CT"));
        assertThat(seriesInstances("1.2.3.4.1")).isNull();

        assertThat(index.delete("1.2.3.4.1.2")).isFalse();
        index.delete("1.2.3.4.2.1");
        index.delete("1.2.3.4.3.1");
        assertThat(studyRow()).isEqualTo(List.of("1", "1", ""));
        index.delete("1.2.3.4.4.1");
        assertThat(index.stats()).isEqualTo(new Index.Stats(0, 0, 0, 0, 0));
        assertThat(changes()).hasSize(10).endsWith("DELETE_INSTANCE 1.2.3.4.4.1");
    }

    @Test
    void deletingTheLastStudyOfAPatientKeepsThePatientsOtherStudies() {
        index.insert(instance("P1", "1.1", "1.1.1", "CT", "1.1.1.1"));
        index.insert(instance("P1", "1.2", "1.2.1", "CT", "1.2.1.1"));
        index.delete("1.1.1.1");
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 1000));
    }

    @Test
    void replacePointsTheInstanceAtItsNewFile() {
        InstanceRecord r = instance("1.2.3.4.1", "CT", "1.2.3.4.1.1");
        index.insert(r);
        index.replace(new InstanceRecord(r.patientId(), r.issuerOfPatientId(), "Other^Name", r.patientBirthDate(),
                r.patientSex(), r.studyUid(), r.studyDate(), r.studyTime(), r.accessionNumber(), r.studyId(),
                r.studyDescription(), r.referringPhysicianName(), r.seriesUid(), "MR", r.seriesNumber(),
                r.seriesDescription(), r.ppsStartDate(), r.sopUid(), r.sopClassUid(), r.instanceNumber(),
                "1.2.840.10008.1.2.4.70", "ef/01/new.dcm", 500, "1".repeat(64), Instant.now(), "CT2", null,
                new byte[] {1, 2}));

        assertThat(index.find(r.sopUid())).isEqualTo(new StoredInstance(STUDY, "1.2.3.4.1", r.sopUid(),
                r.sopClassUid(), "1.2.840.10008.1.2.4.70", "ef/01/new.dcm", 500, "1".repeat(64)));
        assertThat(index.metadata(r.sopUid())).containsExactly(1, 2);
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 500));
        assertThat(changes()).containsExactly("CREATE_INSTANCE 1.2.3.4.1.1", "REPLACE_INSTANCE 1.2.3.4.1.1");
        assertThatThrownBy(() -> index.replace(instance("1.2.3.4.1", "CT", "9.9")))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void forEachInstanceVisitsEveryInstance() {
        for (int i = 1; i <= 25; i++) {
            index.insert(instance("1.2.3.4." + (i % 3), "CT", "1.2.3.4.9." + i));
        }
        List<String> seen = new ArrayList<>();
        index.forEachInstance(s -> seen.add(s.sopUid()));
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().contains("1.2.3.4.9.1", "1.2.3.4.9.25");
    }

    @Test
    void clearRemovesInstancesButKeepsLogs() {
        index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"));
        index.logUpload(Instant.now(), Instant.now(), "cli:import", 1, 0, 0, "ok");
        index.clear();
        assertThat(index.stats()).isEqualTo(new Index.Stats(0, 0, 0, 0, 0));
        assertThat(changes()).hasSize(1);
        assertThat(index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"))).isEqualTo(new InsertResult.Inserted());
    }

    @Test
    void uploadsAreLogged() throws SQLException {
        index.logUpload(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:05Z"), "CT1",
                10, 2, 1, "x".repeat(300));
        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT source, stored, duplicates, failed, LENGTH(outcome),"
                        + " finished_at FROM upload_log");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("CT1");
            assertThat(List.of(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5))).containsExactly(10, 2, 1, 200);
            assertThat(Sql.instant(rs.getObject(6, java.time.LocalDateTime.class)))
                    .isEqualTo(Instant.parse("2024-01-01T00:00:05Z"));
        }
    }

    @Test
    void checkpointSurvivesReopening() {
        Instant before = Instant.now();
        index.checkpoint();
        Instant durable = index.durableBefore();
        assertThat(durable).isBetween(before.minusMillis(1), Instant.now());
        index.close();

        index = Index.open(dir);
        assertThat(index.durableBefore()).isAfterOrEqualTo(durable);
    }

    @Test
    void indexIsEmptyAndNeverCheckpointedWhenNew() throws SQLException {
        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT state_value FROM archive_state WHERE name = 'durable_before'");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("0");
        }
        assertThat(index.durableBefore()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void insertedRowsSurviveReopening() {
        index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1.1"));
        index.close();
        index = Index.open(dir);
        assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1, 1000));
    }

    private static InstanceRecord withPatient(InstanceRecord r, String id, String issuer, String name, String birthDate) {
        return new InstanceRecord(id, issuer, name, birthDate, r.patientSex(), r.studyUid(), r.studyDate(), r.studyTime(),
                r.accessionNumber(), r.studyId(), r.studyDescription(), r.referringPhysicianName(), r.seriesUid(),
                r.modality(), r.seriesNumber(), r.seriesDescription(), r.ppsStartDate(), r.sopUid(), r.sopClassUid(),
                r.instanceNumber(), r.transferSyntaxUid(), r.fileKey(), r.size(), r.sha256(), r.receivedAt(),
                r.sourceAe(), r.sourceAddress(), r.metadata());
    }

    /** num_series, num_instances and modalities_in_study of the one study. */
    private List<String> studyRow() throws SQLException {
        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT num_series, num_instances, modalities_in_study FROM study WHERE study_uid = ?")) {
            p.setString(1, STUDY);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                String modalities = rs.getString(3);
                return List.of(rs.getString(1), rs.getString(2), modalities == null ? "" : modalities);
            }
        }
    }

    private Integer seriesInstances(String seriesUid) throws SQLException {
        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT num_instances FROM series WHERE series_uid = ?")) {
            p.setString(1, seriesUid);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private List<String> changes() {
        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT change_type, sop_uid FROM change_log ORDER BY seq");
                ResultSet rs = p.executeQuery()) {
            List<String> changes = new ArrayList<>();
            while (rs.next()) {
                changes.add(rs.getString(1) + " " + rs.getString(2));
            }
            return changes;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
