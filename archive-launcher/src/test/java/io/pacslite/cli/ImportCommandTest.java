package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.index.AttachmentTable;
import io.pacslite.cli.CommandRunner.Run;
import io.pacslite.testing.CdArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite import} of a CD-like ZIP (dcmmkdir's DICOMDIR, attachments, a nested ZIP) and of broken ones. */
class ImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void importsACdZipWithItsDicomdirAndAttachments() throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CLI1", "601", 4, 2);

        Run imported = run("import", "--data-dir", data(), "--no-progress", cd.zip().toString());

        assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
        assertThat(imported.out()).containsPattern("stored\\s+6\\R").containsPattern("failed\\s+0\\R")
                .containsPattern("not DICOM\\s+4\\s+\\(kept as attachments: 4\\)")
                .contains("study " + cd.studyUID() + ": 6 instances")
                .contains("DICOMDIR " + cd.zip() + "!CD/DICOMDIR: 4 files listed, 0 missing, 0 not matching");
        try (Archive archive = Archive.open(dir.resolve("archive"), ArchiveConfig.DEFAULTS)) {
            assertThat(archive.index().stats().instances()).isEqualTo(6);
            assertThat(archive.attachments().list(cd.studyUID())).extracting(AttachmentTable.Row::mediaType)
                    .containsExactlyInAnyOrder("application/pdf", "image/jpeg", "application/octet-stream",
                            "application/octet-stream");
        }
    }

    @Test
    void namesTheMissingFileOfAFolderWhoseDicomdirListsMore() throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CLI2", "602", 3, 0);
        Files.delete(cd.folder().resolve("IMAGES").resolve("I1000001"));

        Run imported = run("import", "--data-dir", data(), "--no-progress", cd.folder().toString());

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).contains("3 files listed, 1 missing")
                .contains("missing: " + cd.folder() + "/IMAGES/I1000001");
    }

    @Test
    void exitsWithOneAndSaysWhyForATruncatedZip() throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CLI3", "603", 3, 0);
        byte[] whole = Files.readAllBytes(cd.zip());
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        Run imported = run("import", "--data-dir", data(), "--no-progress", cut.toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.out()).contains("import failed: the ZIP archive \"" + cut + "\" is truncated");
    }

    @Test
    void importsThroughTheServerThatHoldsTheArchive() throws Exception {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CLI4", "604", 3, 1);
        Path archive = dir.resolve("archive");
        try (ServeProcess server = ServeProcess.start(archive, java.util.List.of(), "--no-viewer")) {
            Run zip = run("import", "--data-dir", data(), "--url", server.httpUrl(), "--no-progress",
                    cd.zip().toString());
            Files.delete(cd.folder().resolve("IMAGES").resolve("I1000001"));
            Run folder = run("import", "--data-dir", data(), "--url", server.httpUrl(), "--no-progress",
                    cd.folder().toString());

            assertThat(zip.exitCode()).as(zip.out() + zip.err()).isZero();
            assertThat(zip.out()).contains("through the server at " + server.httpUrl())
                    .containsPattern("stored\\s+4\\R").contains("kept as attachments: 4")
                    .contains("3 files listed, 0 missing");
            assertThat(folder.exitCode()).as(folder.out() + folder.err()).isZero();
            assertThat(folder.out()).containsPattern("already stored\\s+3\\s")
                    .contains("missing: " + cd.folder() + "/IMAGES/I1000001");
        }
    }

    private String data() {
        return dir.resolve("archive").toString();
    }
}
