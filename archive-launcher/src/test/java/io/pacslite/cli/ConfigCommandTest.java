package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.cli.CommandRunner.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacslite config show|check}, and every command that opens the archive finding it
 * through the configuration file.
 */
class ConfigCommandTest {

    @TempDir
    Path dir;

    @Test
    void checksTheShippedFileAsValid() {
        Run check = run("config", "check", "../conf/pacslite.yaml");

        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).isEqualTo("../conf/pacslite.yaml: valid\n");
    }

    @Test
    void refusesABadFileInOneLineNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "dicom:\n  port: 70000\n");

        Run check = run("config", "check", file.toString());

        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.out()).isEmpty();
        assertThat(check.err()).isEqualTo("pacslite config check: " + file
                + ": dicom.port: 70000 is not a TCP port (0..65535)\n");
    }

    @Test
    void showsTheEffectiveConfigurationAndWhereEachValueCameFrom() throws Exception {
        Path file = Files.writeString(dir.resolve("pacslite.yaml"), "data-dir: from-file\ndicom:\n  ae-title: FILEAE\n");

        Run show = run("config", "show", "--config", file.toString(), "--data-dir", "from-flag");

        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).startsWith("# configuration file: " + file + "\n")
                .contains("data-dir: \"from-flag\"  # flag --data-dir\n")
                .contains("  ae-title: \"FILEAE\"  # " + file + "\n")
                .contains("  port: 11112  # default\n");
    }

    @Test
    void everyArchiveCommandOpensTheArchiveOfTheConfigurationFile() throws Exception {
        Path data = dir.resolve("archive");
        Path file = Files.writeString(dir.resolve("pacslite.yaml"), "data-dir: " + data + "\n"
                + "dicom:\n  move-destinations: [\"VIEWER viewer.example.org 104\"]\n");
        Path files = dir.resolve("files");
        assertThat(run("generate", files.toString(), "--instances", "3", "--size", "16").exitCode()).isZero();
        String config = file.toString();

        assertThat(run("import", "--config", config, "--no-progress", files.toString()).exitCode()).isZero();

        assertThat(run("stats", "--config", config, "--json").out()).contains("\"instances\": 3");
        assertThat(run("stats", "--json", "--data-dir", data.toString()).out()).contains("\"instances\": 3");
        assertThat(run("verify", "--config", config).exitCode()).isZero();
        assertThat(run("reindex", "--config", config).exitCode()).isZero();
        assertThat(run("ae", "add", "--config", config, "STORESCP", "127.0.0.1", "11113").exitCode()).isZero();
        assertThat(Files.readString(data.resolve(AeCommand.FILE_NAME))).contains("STORESCP 127.0.0.1 11113");
        assertThat(run("ae", "list", "--config", config).out())
                .containsPattern("STORESCP\\s+127.0.0.1 11113").containsPattern("VIEWER\\s+viewer.example.org 104");
    }

    @Test
    void everyArchiveCommandRefusesABadConfigurationInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("pacslite.yaml"), "archive:\n  fsynk: false\n");

        for (String command : new String[] {"stats", "verify", "reindex", "serve"}) {
            Run run = run(command, "--config", file.toString());
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).isEqualTo("pacslite " + command + ": " + file
                    + ": archive.fsynk: unknown key, did you mean archive.fsync?\n");
        }
    }

    @Test
    void serveRefusesAnAddressNotOfThisMachineNamingTheKey() {
        Run serve = run("serve", "--data-dir", dir.resolve("archive").toString(), "--bind", "192.0.2.1",
                "--no-viewer");

        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).isEqualTo("pacslite serve: flag --bind: bind: 192.0.2.1 is not an address of this machine\n");
        assertThat(dir.resolve("archive")).as("nothing started").doesNotExist();
    }
}
