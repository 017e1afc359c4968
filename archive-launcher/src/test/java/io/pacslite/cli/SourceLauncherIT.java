package io.pacslite.cli;

import static io.pacslite.cli.Launcher.aotCache;
import static io.pacslite.cli.Launcher.output;
import static io.pacslite.cli.Launcher.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source tree's bin/pacslite and its warm-up cache (docs/operations.md), on a copy of the
 * scripts and of the built jar: no sources and no pom.xml next to them, so it never builds.
 */
class SourceLauncherIT {

    @TempDir
    Path root;

    private Path jar;

    @BeforeEach
    void copyTheScriptsAndTheJar() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the warm-up cache needs JDK 25+");
        Path bin = Path.of(System.getProperty("pacslite.sourceBin"));
        Files.createDirectories(root.resolve("bin"));
        for (String script : List.of("pacslite", "run-jar", "find-java", "make-aot-cache")) {
            Files.copy(bin.resolve(script), root.resolve("bin").resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        jar = root.resolve("archive-launcher/target/pacslite.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(Path.of(System.getProperty("pacslite.jar")), jar);
    }

    @Test
    @Timeout(60)
    void makesNoCacheWhenSwitchedOff() throws Exception {
        Process version = run(List.of(pacslite(), "--version"), Map.of("PACSLITE_AOT_CACHE", "off"), 50);

        assertThat(version.exitValue()).isZero();
        assertThat(output(version)).matches("PACS-lite \\S+\n");
        assertThat(aotCache(jar)).doesNotExist();
    }

    @Test
    @Timeout(180)
    void runsTheCommandWhenTheTrainingFailsAndDoesNotRetryItUntilTheNextBuild() throws Exception {
        // The training's server cannot start without its configuration file; --version needs none.
        Map<String, String> noConfiguration = Map.of("PACSLITE_CONFIG", root.resolve("missing.yaml").toString());

        Process first = run(List.of(pacslite(), "--version"), noConfiguration, 150);

        String out = output(first);
        assertThat(first.exitValue()).as(out).isZero();
        assertThat(out).contains("pacslite: warming up the JVM").contains("make-aot-cache: no cache made")
                .containsPattern("\nPACS-lite \\S+\n$");
        assertThat(aotCache(jar)).doesNotExist();
        assertThat(Path.of(aotCache(jar) + ".failed")).exists();

        Process second = run(List.of(pacslite(), "--version"), noConfiguration, 50);
        assertThat(output(second)).matches("PACS-lite \\S+\n");
    }

    private String pacslite() {
        return root.resolve("bin/pacslite").toString();
    }
}
