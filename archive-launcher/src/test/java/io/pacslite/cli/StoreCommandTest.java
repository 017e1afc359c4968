package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.DimseServer;
import io.pacslite.dimse.net.DimseServices;
import io.pacslite.dimse.net.Timeouts;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite store} into our own archive-backed server: counts, skipped files, a failure and its reason. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreCommandTest {

    @TempDir
    Path dir;

    @Test
    void sendsFoldersSkipsNonDicomAndReportsEachFailure() throws Exception {
        Path files = dir.resolve("files");
        assertThat(CommandRunner.run("generate", files.toString(), "--instances", "6", "--size", "32").exitCode())
                .isZero();
        Files.writeString(files.resolve("notes.txt"), "not DICOM at all, and long enough to be looked at: "
                + "x".repeat(200));
        Path bad = withSopInstanceUid(firstDicomFile(files), dir.resolve("bad.dcm"), "1.2.03");

        try (Archive archive = Archive.open(dir.resolve("archive"), ArchiveConfig.DEFAULTS);
                DimseServer server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0),
                        AcceptancePolicy.defaults(), DimseServices.archive(archive), Timeouts.defaults())) {
            CommandRunner.Run run = CommandRunner.run("store", "--aec", "PACSLITE", "--associations", "2",
                    "--no-progress", "127.0.0.1", Integer.toString(server.port()), files.toString(), bad.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).containsPattern("sent 6 instances \\(.*\\) to PACSLITE@127\\.0\\.0\\.1:\\d+ in ")
                    .containsPattern("success\\s+6\\R").containsPattern("warning\\s+0\\R")
                    .containsPattern("failed\\s+1\\R").containsPattern("not DICOM\\s+1\\s+\\(skipped\\)")
                    .contains("failures:\n  " + bad + ": A900 FAILURE: ").contains("1.2.03");
            assertThat(archive.index().stats().instances()).isEqualTo(6);
        }
    }

    @Test
    void refusesAPathThatDoesNotExist() {
        CommandRunner.Run run = CommandRunner.run("store", "127.0.0.1", "104", dir.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("no such file or folder");
    }

    private static Path firstDicomFile(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> path.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
    }

    /** A copy of {@code file} whose SOP Instance UID is {@code uid}. */
    private static Path withSopInstanceUid(Path file, Path copy, String uid) throws Exception {
        DicomFile dicom;
        try (DicomReader reader = DicomReader.open(file)) {
            dicom = reader.readFile();
        }
        dicom.dataset().setString(Tag.SOPInstanceUID, VR.UI, uid);
        dicom.fileMeta().setString(Tag.MediaStorageSOPInstanceUID, VR.UI, uid);
        try (OutputStream out = Files.newOutputStream(copy)) {
            new DicomWriter(out).writeFile(null, dicom.fileMeta(), dicom.dataset());
        }
        return copy;
    }
}
