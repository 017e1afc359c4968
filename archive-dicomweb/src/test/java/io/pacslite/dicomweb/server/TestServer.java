package io.pacslite.dicomweb.server;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.multipart.MultipartReader;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real archive (H2, files) in a temp folder behind a real {@link DicomWebServer} on a free
 * port, and a {@link HttpClient} to talk to it. For tests.
 */
public final class TestServer implements AutoCloseable {

    public final Archive archive;
    public final DicomWebServer server;
    public final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestServer(Archive archive, DicomWebServer server) {
        this.archive = archive;
        this.server = server;
        this.url = "http://127.0.0.1:" + server.port();
    }

    public static TestServer start(Path dir) {
        return start(dir, DicomWebConfig.DEFAULTS);
    }

    public static TestServer start(Path dir, DicomWebConfig config) {
        return start(dir, config, ArchiveConfig.DEFAULTS);
    }

    /** A server on an archive with {@code archiveConfig} (fsync off, as for every test server). */
    public static TestServer start(Path dir, DicomWebConfig config, ArchiveConfig archiveConfig) {
        try {
            Archive archive = Archive.open(dir, archiveConfig.withFsync(false));
            return new TestServer(archive, DicomWebServer.start(new InetSocketAddress("127.0.0.1", 0), archive, config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores {@code count} small synthetic CT instances of {@code patientId} in {@code study}
     * (one series, {@code <study>.1}; instances {@code <study>.1.1} on) through the one ingest path.
     */
    public void storeCt(String patientId, String study, int count) {
        for (int number = 1; number <= count; number++) {
            byte[] file = SyntheticInstances.partTen(SyntheticInstances.ct(patientId, study, study + ".1",
                    study + ".1." + number, 8, number), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            StoreResult result = archive.store(new ByteArrayInputStream(file), StoreContext.partTen("test"));
            if (!result.isStored()) {
                throw new IllegalStateException("the test instance was not stored: " + result);
            }
        }
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<byte[]> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** A {@code multipart/related} body: each part with {@code Content-Type: <partType>}. */
    public static byte[] multipart(String boundary, String partType, List<byte[]> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: " + partType + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(part);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** A part of a multipart response. */
    public record Part(Map<String, String> headers, byte[] body) {
        public String contentType() {
            return headers.get("content-type");
        }
    }

    /** The parts of a multipart response. */
    public static List<Part> parts(HttpResponse<byte[]> response) {
        String contentType = response.headers().firstValue("Content-Type").orElseThrow();
        try {
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(response.body()),
                    MediaType.parse(contentType).parameter("boundary"));
            List<Part> parts = new ArrayList<>();
            for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
                parts.add(new Part(part.headers(), part.body().readAllBytes()));
            }
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as text, for failure messages and JSON. */
    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        archive.close();
    }
}
