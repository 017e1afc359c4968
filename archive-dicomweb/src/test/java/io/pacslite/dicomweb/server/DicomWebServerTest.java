package io.pacslite.dicomweb.server;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomWebServerTest {

    @TempDir
    Path dir;

    TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthSaysOkWhenIndexAndStorageAnswer() {
        server = TestServer.start(dir);

        HttpResponse<byte[]> response = server.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.text(response)).isEqualTo("ok\n");
    }

    @Test
    void backupAnswersAZipOfTheIndexAndLeavesNoTempFile() throws IOException {
        server = TestServer.start(dir);
        server.post("/dicom-web/studies", "application/dicom", instance(1));

        HttpResponse<byte[]> response = server.send(server.request("/api/backup")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("pacslite.mv.db");
        }
        try (Stream<Path> temps = Files.list(dir.resolve("tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void metricsCountRequestsPerEndpointAndInstances() {
        server = TestServer.start(dir);
        server.post("/dicom-web/studies", "application/dicom", instance(1));
        server.get("/dicom-web/studies/9.9/metadata");

        String metrics = TestServer.text(server.get("/metrics"));

        assertThat(metrics)
                .contains("pacslite_archive_instances 1\n")
                .contains("pacslite_http_instances_stored_total 1\n")
                .contains("pacslite_http_requests_total{endpoint=\"stow\",status=\"200\"} 1\n")
                .contains("pacslite_http_requests_total{endpoint=\"wado.metadata.study\",status=\"404\"} 1\n")
                .contains("pacslite_http_request_duration_seconds_count{endpoint=\"stow\"} 1\n")
                .containsPattern("pacslite_http_sent_bytes_total [1-9][0-9]*\n");
    }

    @Test
    void sendsNoCorsHeadersUnlessConfigured() {
        server = TestServer.start(dir);

        HttpResponse<byte[]> response = server.get("/health", "Origin", "http://viewer.example");

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void allowsConfiguredOriginsAndAnswersTheirPreflight() {
        server = TestServer.start(dir, DicomWebConfig.DEFAULTS.withCorsAllowedOrigins(List.of("http://viewer.example")));

        assertThat(server.get("/health", "Origin", "http://viewer.example").headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue("http://viewer.example");
        assertThat(server.get("/health", "Origin", "http://evil.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<byte[]> preflight = server.send(server.request("/dicom-web/studies", "Origin", "http://viewer.example",
                "Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
    }

    @Test
    void closeLetsARunningUploadFinishThenStopsListening() throws Exception {
        server = TestServer.start(dir);
        byte[] instance = instance(2);
        try (Socket client = new Socket("127.0.0.1", server.server.port())) {
            OutputStream upload = client.getOutputStream();
            upload.write(("POST /dicom-web/studies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/dicom\r\n"
                    + "Content-Length: " + instance.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            upload.write(instance, 0, instance.length / 2);
            upload.flush();
            while (isEmpty(dir.resolve("tmp"))) {
                Thread.sleep(5); // until the store has begun: the request is running
            }

            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> server.server.close());
            upload.write(instance, instance.length / 2, instance.length - instance.length / 2);
            upload.flush();

            String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200 ");
            closed.get();
        }
        assertThat(server.archive.index().find(uid("70", "1", "2"))).isNotNull();
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.server.port()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void takesAQueryWithTheCharactersClientsLeaveUnescapedInPersonNames() throws Exception {
        server = TestServer.start(dir);
        server.post("/dicom-web/studies", "application/dicom", instance(3));
        try (Socket client = new Socket("127.0.0.1", server.server.port())) {
            // A raw caret, as curl and hand-written EMR links send it (RFC 3986 wants %5E).
            client.getOutputStream().write(("GET /dicom-web/studies?PatientName=Doe^Jane*&includefield=00100010"
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 200 ").contains("Doe^Jane^P70");
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    private static byte[] instance(int number) {
        return SyntheticInstances.partTen(ct("P70", uid("70"), uid("70", "1"), uid("70", "1", "" + number), 64, number),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
}
