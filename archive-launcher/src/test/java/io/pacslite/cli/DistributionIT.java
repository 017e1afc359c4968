package io.pacslite.cli;

import static io.pacslite.cli.Launcher.aotCache;
import static io.pacslite.cli.Launcher.output;
import static io.pacslite.cli.Launcher.run;
import static io.pacslite.cli.Launcher.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pacslite.testing.ProcessOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        Process version = run(List.of(pacslite(), "--version"));

        assertThat(version.exitValue()).isZero();
        assertThat(output(version)).startsWith("PACS-lite ").doesNotContain("building");
    }

    @Test
    @Timeout(120)
    void servesUntilSigtermThenExitsZero() throws Exception {
        Process server = start(List.of(home.resolve("bin/pacslite").toString(), "serve", "--data-dir",
                dir.resolve("data").toString(), "--dicom-port", "0", "--http-port", "0", "--bind", "127.0.0.1",
                "--no-viewer"), Map.of());
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

    @Test
    @Timeout(300)
    void importsWithTheAotCacheMadeForItsJarAndJdkUnlessSwitchedOff() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25+");
        Path cache = aotCache(home.resolve("lib/pacslite.jar"));
        Process made = run(List.of(Path.of(System.getProperty("pacslite.sourceBin"), "make-aot-cache").toString(),
                home.resolve("lib/pacslite.jar").toString(), cache.toString()), Map.of(), 240);
        assertThat(made.exitValue()).as(output(made)).isZero();
        assertThat(cache).isNotEmptyFile();
        Path files = dir.resolve("in");
        assertThat(run(List.of(pacslite(), "generate", files.toString(), "--instances", "20", "--size", "64"))
                .exitValue()).isZero();

        Path classes = dir.resolve("import-classes.log");
        Process imported = run(List.of(pacslite(), "import", "--no-progress", "--data-dir",
                dir.resolve("data").toString(), files.toString()),
                Map.of("PACSLITE_JAVA_OPTS", logClassLoading(classes)), 60);

        String out = output(imported);
        assertThat(imported.exitValue()).as(out).isZero();
        assertThat(out).startsWith("imported in ").containsPattern("stored +20\n")
                .doesNotContainIgnoringCase("warning");
        assertThat(Files.readString(classes))
                .contains("io.pacslite.archive.imports.Imports source: shared objects file");

        Path off = dir.resolve("off-classes.log");
        Map<String, String> switchedOff = Map.of("PACSLITE_AOT_CACHE", "off",
                "PACSLITE_JAVA_OPTS", logClassLoading(off));
        assertThat(output(run(List.of(pacslite(), "--version"), switchedOff, 60))).startsWith("PACS-lite ");
        assertThat(Files.readString(off)).contains("io.pacslite.cli.PacsLite source: ")
                .doesNotContain("io.pacslite.cli.PacsLite source: shared objects file");
    }

    @Test
    @Timeout(120)
    void runsAsUsualWhenItsAotCacheIsDamagedOrStale() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25+");
        Path cache = aotCache(home.resolve("lib/pacslite.jar"));
        byte[] garbage = new byte[100_000];
        new Random(1).nextBytes(garbage);
        Files.write(cache, garbage);

        assertThat(output(run(List.of(pacslite(), "--version")))).matches("PACS-lite \\S+\n");

        // A cache of this jar, then the jar rebuilt: the cache is older than the jar.
        Path jar = home.resolve("lib/pacslite.jar");
        Process made = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:AOTCacheOutput=" + cache, "-jar", jar.toString(), "--version"), Map.of(), 60);
        assertThat(made.exitValue()).as(output(made)).isZero();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(cache).toMillis() + 10_000));

        Process version = run(List.of(pacslite(), "--version"));
        assertThat(version.exitValue()).isZero();
        assertThat(output(version)).matches("PACS-lite \\S+\n");
    }

    private String pacslite() {
        return home.resolve("bin/pacslite").toString();
    }

    /** The JVM option that makes it write where it loaded each class from into {@code log}. */
    private static String logClassLoading(Path log) {
        return "-Xlog:class+load=info:file=" + log;
    }
}
