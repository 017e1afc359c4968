package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.testing.ProcessOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution the build makes ({@code target/pacslite-<version>.tar.gz}, docs/install.md),
 * unpacked and run as an admin would: no source tree, no build, only a Java runtime.
 */
class DistributionIT {

    private static final Pattern SERVING = Pattern.compile("PACS-lite serving .* HTTP (http://\\S+)/");

    @TempDir
    Path dir;

    private Path home;

    @BeforeEach
    void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("pacslite.distribution"));
        assertThat(tarball).isRegularFile();
        assertThat(run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString())).exitValue()).isZero();
        try (var unpacked = Files.list(dir)) {
            home = unpacked.findFirst().orElseThrow();
        }
        assertThat(home.getFileName().toString()).startsWith("pacslite-");
    }

    @Test
    @Timeout(60)
    void holdsTheLauncherTheJarTheConfigurationAndTheDocs() {
        assertThat(home.resolve("bin/pacslite")).isExecutable();
        assertThat(home.resolve("bin/fetch-ohif")).isExecutable();
        assertThat(home.resolve("lib/pacslite.jar")).isRegularFile();
        assertThat(home.resolve("lib/ohif.properties")).isRegularFile();
        assertThat(home.resolve("conf")).isDirectory();
        assertThat(home.resolve("docs/install.md")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
    }

    @Test
    @Timeout(60)
    void printsItsVersionWithoutBuilding() throws Exception {
        Process version = run(List.of(home.resolve("bin/pacslite").toString(), "--version"));

        assertThat(version.exitValue()).isZero();
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("PACS-lite ").doesNotContain("building");
    }

    @Test
    @Timeout(120)
    void servesUntilSigtermThenExitsZero() throws Exception {
        Process server = start(List.of(home.resolve("bin/pacslite").toString(), "serve", "--data-dir",
                dir.resolve("data").toString(), "--dicom-port", "0", "--http-port", "0", "--bind", "127.0.0.1",
                "--no-viewer"));
        try {
            Matcher serving = SERVING.matcher(ProcessOutput.awaitLine(server, SERVING));
            assertThat(serving.find()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(serving.group(1) + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("ok\n");

            server.destroy();

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
            assertThat(server.exitValue()).isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    /** Starts a command with this test's Java as JAVA_HOME, output and errors merged. */
    private static Process start(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static Process run(List<String> command) throws Exception {
        Process process = start(command);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        return process;
    }
}
