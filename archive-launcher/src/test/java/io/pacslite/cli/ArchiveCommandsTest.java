package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.cli.CommandRunner.Run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite generate, import, stats, verify, reindex} on a real archive in a temp folder. */
class ArchiveCommandsTest {

    @TempDir
    Path dir;

    @Test
    void importsFoldersAndZipsSkipsWhatIsNotDicomAndReportsStats() throws IOException {
        Path files = dir.resolve("files");
        assertThat(run("generate", files.toString(), "--instances", "6", "--size", "16").exitCode()).isZero();
        Files.writeString(files.resolve("notes.txt"), "not an image");
        Path zip = zipOf(dir.resolve("more.zip"), generated(dir.resolve("zipped"), 2));

        Run imported = run("import", "--data-dir", data(), "--no-progress", files.toString(), zip.toString());

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).containsPattern("stored\\s+8").containsPattern("not DICOM\\s+1");
        Run stats = run("stats", "--json", "--data-dir", data());
        assertThat(stats.out()).contains("\"patients\": 1", "\"studies\": 2", "\"series\": 2", "\"instances\": 8");
    }

    @Test
    void importingTheSameFilesAgainStoresNothingNew() throws IOException {
        Path files = dir.resolve("files");
        run("generate", files.toString(), "--instances", "3", "--size", "16");
        run("import", "--data-dir", data(), "--no-progress", files.toString());

        Run again = run("import", "--data-dir", data(), "--no-progress", files.toString());

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).containsPattern("stored\\s+0").containsPattern("already stored\\s+3");
    }

    @Test
    void exitsWithOneAndNamesTheFileWhenAnInstanceFails() throws IOException {
        Path files = generated(dir.resolve("files"), 2);
        Path broken = files.resolve("broken.dcm");
        byte[] good = Files.readAllBytes(firstDicom(files));
        Files.write(broken, java.util.Arrays.copyOf(good, good.length - 50));

        Run imported = run("import", "--data-dir", data(), "--no-progress", files.toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.out()).containsPattern("failed\\s+1").contains("broken.dcm: INVALID_DICOM");
    }

    @Test
    void verifyFindsAMissingFileAndRepairRemovesItsRow() throws IOException {
        run("import", "--data-dir", data(), "--no-progress", generated(dir.resolve("files"), 3).toString());
        try (Stream<Path> stored = Files.walk(dir.resolve("archive").resolve("data"))) {
            Files.delete(stored.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow());
        }

        Run verify = run("verify", "--data-dir", data());
        Run repair = run("verify", "--repair", "--data-dir", data());
        Run after = run("verify", "--data-dir", data());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("1 rows whose file is missing");
        assertThat(repair.exitCode()).isZero();
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).contains("index and files agree");
        assertThat(run("stats", "--json", "--data-dir", data()).out()).contains("\"instances\": 2");
    }

    @Test
    void reindexRebuildsTheIndexFromTheFiles() throws IOException {
        run("import", "--data-dir", data(), "--no-progress", generated(dir.resolve("files"), 4).toString());

        Run reindex = run("reindex", "--data-dir", data());

        assertThat(reindex.exitCode()).isZero();
        assertThat(reindex.out()).contains("indexed 4 instances");
        assertThat(run("stats", "--json", "--data-dir", data()).out()).contains("\"instances\": 4");
    }

    @Test
    void failsWithTwoForAPathThatDoesNotExist() {
        Run imported = run("import", "--data-dir", data(), dir.resolve("nowhere").toString());

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("no such file or folder");
    }

    private String data() {
        return dir.resolve("archive").toString();
    }

    private Path generated(Path folder, int instances) {
        assertThat(run("generate", folder.toString(), "--instances", Integer.toString(instances), "--size", "16",
                "--seed", Integer.toString(folder.getFileName().toString().hashCode())).exitCode()).isZero();
        return folder;
    }

    private static Path firstDicom(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
    }

    private static Path zipOf(Path zip, Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (Path file : files) {
                zipped.putNextEntry(new ZipEntry(folder.relativize(file).toString()));
                zipped.write(Files.readAllBytes(file));
                zipped.closeEntry();
            }
        }
        return zip;
    }
}
