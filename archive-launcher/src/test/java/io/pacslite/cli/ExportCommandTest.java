package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.testing.FileSets;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code pacslite export} from an archive on disk and from the server that holds it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExportCommandTest extends StoredStudy {

    /** The members of a ZIP file by their names. */
    private static Map<String, byte[]> members(Path zip) throws IOException {
        Map<String, byte[]> members = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                members.put(entry.getName(), in.readAllBytes());
            }
        }
        return members;
    }

    /** Each member is the stored file of the SOP Instance its name ends with, byte for byte. */
    private void assertStoredFiles(Map<String, byte[]> members) {
        assertThat(members).hasSize(stored.size());
        members.forEach((name, bytes) -> assertThat(bytes).as(name)
                .isEqualTo(stored.get(name.substring(name.lastIndexOf('/') + 1).replace(".dcm", ""))));
    }

    @Test
    void writesTheStoredFilesIntoAZipAndRecordsTheExport() throws Exception {
        Path zip = dir.resolve("out/study.zip");

        CommandRunner.Run run = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY, "--zip",
                zip.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("exported 4 instances of study " + STUDY + " to " + zip);
        assertStoredFiles(members(zip));
        try (Stream<Path> left = Files.list(zip.getParent())) {
            assertThat(left).containsExactly(zip);
        }
        try (Archive archive = Archive.open(data, ArchiveConfig.DEFAULTS)) {
            List<AuditEvent> events = new ArrayList<>();
            archive.index().auditEvents().search(AuditQuery.ALL, row -> events.add(row.event()));
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditEvent.Action.EXPORT);
                assertThat(event.studyUid()).isEqualTo(STUDY);
                assertThat(event.who()).startsWith("pacslite export");
            });
        }
    }

    @Test
    void writesAFolderWithADicomdirThatDcmdumpAndPydicomRead() throws Exception {
        Path folder = dir.resolve("cd");

        CommandRunner.Run run = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY, "--out",
                folder.toString(), "--dicomdir");

        assertThat(run.exitCode()).as(run.err()).isZero();
        TestPeers.require("dcmdump");
        TestPeers.Result dump = TestPeers.run(List.of("dcmdump",
                folder.resolve("DICOMDIR").toString()), null);
        assertThat(dump.exitCode()).as(dump.stderr()).isZero();
        assertThat(dump.stdout()).contains("\"Directory Record\" PATIENT").contains("\"Directory Record\" IMAGE")
                .contains("[DICOM\\PAT00001\\STU00001\\SER00002\\IMG00001]");
        List<FileSets.Found> found = FileSets.pydicomInstances(folder.resolve("DICOMDIR"));
        assertThat(found).extracting(FileSets.Found::recordSopUid).containsExactlyInAnyOrderElementsOf(stored.keySet());
        assertThat(Files.readAllBytes(folder.resolve("DICOM/PAT00001/STU00001/SER00002/IMG00001")))
                .isEqualTo(stored.get(SyntheticInstances.uid("81", "2", "1")));
    }

    /**
     * {@code --anonymize}: a ZIP and a File-set of the de-identified copy (new UIDs, no patient
     * name or ID, the marks of PS3.15 E.1), read by dcmdump; the stored study is unchanged.
     */
    @Test
    void writesADeidentifiedCopyAsAZipOrAFileSet() throws Exception {
        Path zip = dir.resolve("teaching.zip");
        Path folder = dir.resolve("teaching-cd");

        CommandRunner.Run asZip = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY,
                "--zip", zip.toString(), "--anonymize", "basic,retain-patient-characteristics");
        CommandRunner.Run asFileSet = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY,
                "--out", folder.toString(), "--dicomdir", "--anonymize", "basic");
        CommandRunner.Run badProfile = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY,
                "--zip", dir.resolve("x.zip").toString(), "--anonymize", "strict");
        CommandRunner.Run withSeries = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY,
                "--series", SERIES_ONE, "--zip", dir.resolve("y.zip").toString(), "--anonymize", "basic");

        assertThat(asZip.exitCode()).as(asZip.err()).isZero();
        Map<String, byte[]> copies = members(zip);
        assertThat(copies).hasSize(stored.size());
        for (Map.Entry<String, byte[]> copy : copies.entrySet()) {
            String text = new String(copy.getValue(), StandardCharsets.ISO_8859_1);
            assertThat(text).as(copy.getKey()).doesNotContain("Doe^Jane").doesNotContain(STUDY)
                    .contains("Basic Application Confidentiality Profile");
            assertThat(copy.getKey()).startsWith("2.25.");
        }
        assertThat(asFileSet.exitCode()).as(asFileSet.err()).isZero();
        TestPeers.Result dump = TestPeers.run(List.of("dcmdump", "+sd", "+r", "-s", "+P", "PatientIdentityRemoved",
                folder.toString()), null);
        assertThat(dump.stdout().lines().filter(line -> line.contains("[YES]"))).hasSize(stored.size());
        assertThat(folder.resolve("DICOMDIR")).isRegularFile();
        assertThat(FileSets.pydicomInstances(folder.resolve("DICOMDIR"))).hasSize(stored.size());
        assertThat(badProfile.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(badProfile.err()).contains("the profile is basic");
        assertThat(withSeries.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        Map<String, byte[]> after = storedFiles(data);
        assertThat(after.keySet()).as("the archive holds no copy").isEqualTo(stored.keySet());
        after.forEach((sop, bytes) -> assertThat(bytes).as(sop).isEqualTo(stored.get(sop)));
    }

    @Test
    void downloadsFromTheServerThatHoldsTheArchive() throws Exception {
        Path zip = dir.resolve("series.zip");
        Path folder = dir.resolve("folder");
        try (ServeProcess server = ServeProcess.start(data, List.of())) {
            CommandRunner.Run series = CommandRunner.run("export", "--data-dir", data.toString(), "--url",
                    server.httpUrl(), "--study", STUDY, "--series", SERIES_TWO, "--zip", zip.toString());
            CommandRunner.Run study = CommandRunner.run("export", "--data-dir", data.toString(), "--url",
                    server.httpUrl(), "--study", STUDY, "--out", folder.toString(), "--dicomdir");
            CommandRunner.Run missing = CommandRunner.run("export", "--data-dir", data.toString(), "--url",
                    server.httpUrl(), "--study", SyntheticInstances.uid("89"), "--zip", dir.resolve("no.zip").toString());

            assertThat(series.exitCode()).as(series.err()).isZero();
            assertThat(series.out()).contains("downloading the study from the server at " + server.httpUrl())
                    .contains("exported 1 instances");
            assertThat(members(zip).values()).singleElement()
                    .isEqualTo(stored.get(SyntheticInstances.uid("81", "2", "1")));
            assertThat(study.exitCode()).as(study.err()).isZero();
            assertThat(study.out()).contains("exported 4 instances");
            assertThat(FileSets.pydicomInstances(folder.resolve("DICOMDIR"))).hasSize(4);
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).contains("answered 404").contains("no such study");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("archive", "series.zip", "folder");
        }
    }

    @Test
    void refusesBadOptionsAndLeavesNothingBehind() throws IOException {
        Path taken = Files.createFile(dir.resolve("taken.zip"));

        CommandRunner.Run exists = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY,
                "--zip", taken.toString());
        CommandRunner.Run badUid = CommandRunner.run("export", "--data-dir", data.toString(), "--study", "1.02",
                "--zip", dir.resolve("a.zip").toString());
        CommandRunner.Run unknown = CommandRunner.run("export", "--data-dir", data.toString(), "--study",
                SyntheticInstances.uid("89"), "--out", dir.resolve("b").toString());
        CommandRunner.Run notWritten = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY,
                "--ts", "1.2.840.10008.1.2.4.91", "--zip", dir.resolve("c.zip").toString());
        CommandRunner.Run both = CommandRunner.run("export", "--data-dir", data.toString(), "--study", STUDY,
                "--zip", dir.resolve("d.zip").toString(), "--out", dir.resolve("d").toString());

        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err()).contains(taken + " exists");
        assertThat(badUid.exitCode()).isEqualTo(2);
        assertThat(badUid.err()).contains("--study 1.02 is not a UID");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no such study");
        assertThat(notWritten.exitCode()).isEqualTo(1);
        assertThat(notWritten.err()).contains("cannot be exported in 1.2.840.10008.1.2.4.91");
        assertThat(both.exitCode()).isEqualTo(2);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("archive", "taken.zip");
        }
    }
}
