package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dimse.net.StoreRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacslite store} as a real process into Orthanc, started here on loopback with a
 * temporary configuration; Orthanc's REST API must list exactly the SOP Instance UIDs sent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreCommandOrthancTest {

    @TempDir
    Path dir;
    private OrthancProcess orthanc;

    @BeforeEach
    void startOrthanc() throws Exception {
        orthanc = OrthancProcess.start(dir, "{}");
    }

    @AfterEach
    void stopOrthanc() throws InterruptedException {
        orthanc.close();
    }

    @Test
    void storedInstancesAreTheOnesOrthancLists() throws Exception {
        Path files = dir.resolve("files");
        assertThat(CommandRunner.run("generate", files.toString(), "--instances", "8", "--size", "32").exitCode())
                .isZero();
        for (String name : List.of("CT_small.dcm", "MR_small_bigendian.dcm", "JPEG2000.dcm", "image_dfl.dcm")) {
            Files.copy(TestPeers.CORPUS.resolve(name), files.resolve(name));
        }
        Set<String> sent = sopInstanceUids(files);

        Process store = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PacsLite.class.getName(),
                "store", "--aec", "ORTHANC", "127.0.0.1", Integer.toString(orthanc.dicomPort()), files.toString())
                .redirectErrorStream(true).start();
        String output = new String(store.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(store.waitFor(60, TimeUnit.SECONDS)).as("pacslite store finished").isTrue();

        assertThat(store.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("success\\s+12\\R").containsPattern("failed\\s+0\\R");
        assertThat(orthanc.sopInstanceUids()).isEqualTo(sent).hasSize(12);
    }

    private static Set<String> sopInstanceUids(Path folder) throws IOException {
        Set<String> uids = new HashSet<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                uids.add(StoreRequest.of(file).sopInstanceUid());
            }
        }
        return uids;
    }
}
