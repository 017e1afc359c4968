package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * Orthanc as a process on loopback, with a temporary configuration in a test's folder: AE
 * title ORTHANC, any called AE title accepted, the given DICOM modalities, and its REST API.
 * A request that gets no answer fails with Orthanc's state and log.
 */
final class OrthancProcess implements AutoCloseable {

    private static final Pattern QUOTED_ID = Pattern.compile("\"([0-9a-f-]{20,})\"");
    private static final Pattern SOP_INSTANCE_UID = Pattern.compile("\"SOPInstanceUID\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dir;
    private final Process process;
    private final int dicomPort;
    private final URI rest;

    private OrthancProcess(Path dir, Process process, int dicomPort, URI rest) {
        this.dir = dir;
        this.process = process;
        this.dicomPort = dicomPort;
        this.rest = rest;
    }

    /**
     * Starts Orthanc storing into {@code dir} and waits for its REST API.
     *
     * @param modalities the value of "DicomModalities", a JSON object ({@code {}} for none)
     */
    static OrthancProcess start(Path dir, String modalities) throws Exception {
        int dicomPort = TestPeers.freePort();
        int httpPort = TestPeers.freePort();
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
                  "DicomModalities": %4$s,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "Plugins": []
                }
                """.formatted(storage, dicomPort, httpPort, modalities));
        Process process = new ProcessBuilder(TestPeers.require(TestPeers.ORTHANC).toString(), config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile())
                .start();
        OrthancProcess orthanc = new OrthancProcess(dir, process, dicomPort,
                URI.create("http://127.0.0.1:" + httpPort + "/"));
        orthanc.awaitRestApi();
        return orthanc;
    }

    int dicomPort() {
        return dicomPort;
    }

    /** GET {@code path} of the REST API; fails the test unless 200. */
    String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(rest.resolve(path)).build(), "GET /" + path);
    }

    /** POST {@code body} to {@code path} of the REST API; fails the test unless 200. */
    String post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(rest.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                "POST /" + path);
    }

    /** The SOP Instance UIDs Orthanc holds: GET /instances, then each instance's simplified tags. */
    Set<String> sopInstanceUids() throws Exception {
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

    private String send(HttpRequest request, String what) throws Exception {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException(what + " failed (Orthanc " + (process.isAlive() ? "running" : "exited with "
                    + process.exitValue()) + "); its log:\n" + Files.readString(dir.resolve("orthanc.log")), e);
        }
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private void awaitRestApi() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
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
        close();
        fail("Orthanc did not answer on " + rest + ": " + Files.readString(dir.resolve("orthanc.log")));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
