package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.backup.Manifest;
import io.pacslite.cli.CommandRunner.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite backup} and {@code restore} on real archives, offline and while {@code pacslite serve} runs. */
class BackupCommandTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void restoresABackupIntoANewRootThatVerifiesAndAnswersQueriesAlike() throws Exception {
        Path archive = dir.resolve("archive");
        importInstances(archive, "files", 6);
        assertThat(run("ae", "add", "--data-dir", archive.toString(), "VIEWER", "127.0.0.1", "4242").exitCode())
                .isZero();

        Run backup = run("backup", dir.resolve("backup").toString(), "--data-dir", archive.toString());
        Run restore = run("restore", dir.resolve("backup").toString(), "--data-dir", dir.resolve("restored").toString());
        Run verify = run("verify", "--data-dir", dir.resolve("restored").toString());

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("backed up the index and 6 files", "hard-linked");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("checked against the manifest");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(stats(dir.resolve("restored"))).isEqualTo(stats(archive)).contains("\"instances\": 6");
        assertThat(dir.resolve("restored").resolve(AeCommand.FILE_NAME)).hasSameTextualContentAs(
                archive.resolve(AeCommand.FILE_NAME));
        assertThat(qido(dir.resolve("restored"), "/dicom-web/instances")).isEqualTo(qido(archive, "/dicom-web/instances"))
                .contains("00080018");
    }

    @Test
    @Timeout(180)
    void backsUpWhileTheServerRunsAndStoresGoOn() throws Exception {
        Path archive = dir.resolve("archive");
        List<Path> before = files(generate("before", 5));
        List<Path> during = files(generate("during", 40));
        HttpClient http = HttpClient.newHttpClient();
        Run backup;
        AtomicInteger storedDuring = new AtomicInteger();
        try (ServeProcess server = ServeProcess.start(archive, List.of())) {
            for (Path file : before) {
                assertThat(stow(http, server, file)).isEqualTo(200);
            }
            AtomicBoolean backupDone = new AtomicBoolean();
            CountDownLatch storing = new CountDownLatch(1);
            Thread storer = Thread.ofVirtual().start(() -> {
                for (Path file : during) {
                    if (backupDone.get() || stowOrFail(http, server, file) != 200) {
                        break;
                    }
                    storedDuring.incrementAndGet();
                    storing.countDown();
                }
            });
            storing.await();
            backup = run("backup", dir.resolve("backup").toString(), "--data-dir", archive.toString(),
                    "--url", server.httpUrl(), "--copy");
            backupDone.set(true);
            storer.join();
            assertThat(server.stop()).isZero();
        }

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("taking the index snapshot from the server", "copied");
        assertThat(storedDuring.get()).as("stores during the backup").isPositive();
        Run restore = run("restore", dir.resolve("backup").toString(), "--data-dir", dir.resolve("restored").toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(run("verify", "--data-dir", dir.resolve("restored").toString()).exitCode()).isZero();
        long restored = instances(dir.resolve("restored"));
        assertThat(restored).isBetween((long) before.size() + 1, (long) before.size() + storedDuring.get());
        assertThat(instances(archive)).isEqualTo(before.size() + storedDuring.get());
    }

    @Test
    @Timeout(120)
    void saysWhichAddressItTriedWhenTheArchiveIsInUseAndNoServerAnswersThere() throws Exception {
        Path archive = dir.resolve("archive");
        Run backup;
        try (ServeProcess server = ServeProcess.start(archive, List.of(), "--no-viewer")) {
            backup = run("backup", dir.resolve("backup").toString(), "--data-dir", archive.toString(),
                    "--url", "http://127.0.0.1:1");
            assertThat(server.stop()).isZero();
        }

        assertThat(backup.exitCode()).isEqualTo(1);
        assertThat(backup.err()).contains("in use by another process", "no server answers at http://127.0.0.1:1",
                "--url");
        assertThat(dir.resolve("backup").resolve(Manifest.FILE_NAME)).doesNotExist();
    }

    @Test
    void restoreRefusesATargetThatIsNotEmpty() throws IOException {
        Path archive = dir.resolve("archive");
        importInstances(archive, "files", 2);
        run("backup", dir.resolve("backup").toString(), "--data-dir", archive.toString());
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("notes.txt"), "keep me");

        Run restore = run("restore", dir.resolve("backup").toString(), "--data-dir", target.toString());

        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).contains("refused", target + " is not empty");
        assertThat(target.resolve("notes.txt")).hasContent("keep me");
        assertThat(target.resolve("index")).doesNotExist();
    }

    @Test
    void backupRefusesADestinationThatIsNotEmpty() throws IOException {
        Path archive = dir.resolve("archive");
        importInstances(archive, "files", 1);
        Path destination = Files.createDirectories(dir.resolve("backup"));
        Files.writeString(destination.resolve("older.txt"), "an older backup");

        Run backup = run("backup", destination.toString(), "--data-dir", archive.toString());

        assertThat(backup.exitCode()).isEqualTo(1);
        assertThat(backup.err()).contains(destination + " is not empty");
    }

    @Test
    void restoreRefusesABackupWithAChangedFileAndNamesIt() throws IOException {
        Path archive = dir.resolve("archive");
        importInstances(archive, "files", 3);
        Path backup = dir.resolve("backup");
        assertThat(run("backup", backup.toString(), "--data-dir", archive.toString(), "--copy").exitCode()).isZero();
        Path damaged = files(backup.resolve("data")).get(1);
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(damaged, bytes);

        Run restore = run("restore", backup.toString(), "--data-dir", dir.resolve("restored").toString());

        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).contains("the backup is damaged", "SHA-256",
                backup.relativize(damaged).toString().replace('\\', '/'));
        assertThat(dir.resolve("restored")).doesNotExist();
        assertThat(run("verify", "--data-dir", archive.toString()).exitCode()).as("the archive is untouched").isZero();
    }

    @Test
    void restoreRefusesAFolderWithoutAManifest() throws IOException {
        Run restore = run("restore", Files.createDirectories(dir.resolve("empty")).toString(),
                "--data-dir", dir.resolve("restored").toString());

        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).contains("no manifest.tsv", "not a complete PACS-lite backup");
    }

    private void importInstances(Path archive, String folder, int instances) {
        Run imported = run("import", "--data-dir", archive.toString(), "--no-progress",
                generate(folder, instances).toString());
        assertThat(imported.exitCode()).as(imported.out()).isZero();
    }

    /** A folder of generated CT instances, their UIDs seeded by the folder's name. */
    private Path generate(String folder, int instances) {
        Path files = dir.resolve(folder);
        assertThat(run("generate", files.toString(), "--instances", Integer.toString(instances), "--size", "16",
                "--seed", Integer.toString(folder.hashCode())).exitCode()).isZero();
        return files;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static int stow(HttpClient http, ServeProcess server, Path file) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/dicom-web/studies"))
                .header("Content-Type", "application/dicom").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int stowOrFail(HttpClient http, ServeProcess server, Path file) {
        try {
            return stow(http, server, file);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stats(Path archive) {
        return run("stats", "--json", "--data-dir", archive.toString()).out();
    }

    private static long instances(Path archive) {
        return Long.parseLong(stats(archive).replaceAll("(?s).*\"instances\": (\\d+).*", "$1"));
    }

    /** A QIDO-RS answer of {@code pacslite serve} on {@code archive}, its own URL (in RetrieveURLs) replaced by "SERVER". */
    private static String qido(Path archive, String path) throws Exception {
        try (ServeProcess server = ServeProcess.start(archive, List.of(), "--no-viewer")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.httpUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(server.stop()).isZero();
            return answer.body().replace(server.httpUrl(), "SERVER");
        }
    }
}
