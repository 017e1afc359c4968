package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pacslite.dimse.net.StoreRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern QUOTED_ID = Pattern.compile("\"([0-9a-f-]{20,})\"");
    private static final Pattern SOP_INSTANCE_UID = Pattern.compile("\"SOPInstanceUID\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process orthanc;
    private int dicomPort;
    private URI rest;

    @BeforeEach
    void startOrthanc() throws Exception {
        dicomPort = TestPeers.freePort();
        int httpPort = TestPeers.freePort();
        rest = URI.create("http://127.0.0.1:" + httpPort + "/");
        Path storage = Files.createDirectories(dir.resolve("orthanc"));
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name": "pacslite-test",
                  "StorageDirectory": "%1$s",
                  "IndexDirectory": "%1$s",
                  "DicomAet": "ORTHANC",
                  "DicomPort": %2$d,
                  "HttpPort": %3$d,
                  "DicomCheckCalledAet": false,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "Plugins": []
                }
                """.formatted(storage, dicomPort, httpPort));
        orthanc = new ProcessBuilder(TestPeers.require(TestPeers.ORTHANC).toString(), config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile())
                .start();
        awaitRestApi();
    }

    @AfterEach
    void stopOrthanc() throws InterruptedException {
        orthanc.destroy();
        if (!orthanc.waitFor(20, TimeUnit.SECONDS)) {
            orthanc.destroyForcibly();
        }
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
                "store", "--aec", "ORTHANC", "127.0.0.1", Integer.toString(dicomPort), files.toString())
                .redirectErrorStream(true).start();
        String output = new String(store.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(store.waitFor(60, TimeUnit.SECONDS)).as("pacslite store finished").isTrue();

        assertThat(store.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("success\\s+12\\R").containsPattern("failed\\s+0\\R");
        assertThat(orthancSopInstanceUids()).isEqualTo(sent).hasSize(12);
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

    /** GET /instances, then each instance's simplified tags. */
    private Set<String> orthancSopInstanceUids() throws Exception {
        List<String> ids = new ArrayList<>();
        Matcher idMatcher = QUOTED_ID.matcher(get("instances"));
        while (idMatcher.find()) {
            ids.add(idMatcher.group(1));
        }
        Set<String> uids = new HashSet<>();
        for (String id : ids) {
            String tags = get("instances/" + id + "/simplified-tags");
            Matcher uid = SOP_INSTANCE_UID.matcher(tags);
            assertThat(uid.find()).as("SOPInstanceUID of Orthanc instance %s", id).isTrue();
            uids.add(uid.group(1));
        }
        return uids;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /%s", path).isEqualTo(200);
        return response.body();
    }

    private void awaitRestApi() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && orthanc.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(rest.resolve("system")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("Orthanc did not answer on " + rest + ": " + Files.readString(dir.resolve("orthanc.log")));
    }
}
