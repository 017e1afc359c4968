package io.pacslite.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.json.DicomJsonReader;
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
import java.util.List;
import java.util.UUID;

/**
 * Sends Part 10 files to a DICOMweb server with STOW-RS (PS3.18 10.5): {@code POST
 * <base>/studies}, {@code multipart/related; type="application/dicom"}, each file a part,
 * streamed from disk ({@link HttpRequest.BodyPublishers#ofFile}), in requests of at most
 * {@value #MAX_REQUEST_BYTES} bytes (a server limits a request's size: PACS-lite to 8 GiB by
 * default). The Store Instances Response (PS3.18 Annex I, DICOM JSON) says what was stored.
 */
final class StowClient {

    /** The most bytes of files one request carries (a single larger file goes alone). */
    static final long MAX_REQUEST_BYTES = 1L << 30;

    private static final JsonFactory JSON = new JsonFactory();

    private final URI studies;
    private final String token;

    /**
     * @param base the service's base URL ({@code https://host/dicom-web})
     * @param token a bearer token to send (RFC 6750), or null
     */
    StowClient(URI base, String token) {
        String url = base.toString();
        this.studies = URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/studies");
        this.token = token;
    }

    /** What the server made of the files: instances stored (warnings included), failed, and why. */
    record Result(int stored, int failed, List<String> failures) {
    }

    /**
     * Sends the files.
     *
     * @throws IOException if the server cannot be reached or refuses a request as a whole (an
     *     HTTP status other than 200, 202 and 409), with its status and reason
     */
    Result send(List<Path> files) throws IOException, InterruptedException {
        int stored = 0;
        int failed = 0;
        List<String> failures = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            for (List<Path> batch : batches(files)) {
                Attributes response = post(client, batch);
                stored += sizeOf(response.getSequence(Tag.ReferencedSOPSequence));
                Sequence failedItems = response.getSequence(Tag.FailedSOPSequence);
                failed += sizeOf(failedItems);
                if (failedItems != null) {
                    failedItems.forEach(item -> failures.add(item.getString(Tag.ReferencedSOPInstanceUID)
                            + ": failure reason " + item.getInt(Tag.FailureReason, 0)));
                }
            }
        }
        return new Result(stored, failed, failures);
    }

    private Attributes post(HttpClient client, List<Path> batch) throws IOException, InterruptedException {
        String boundary = "pacslite-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        for (Path file : batch) {
            parts.add(ascii("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n"));
            parts.add(HttpRequest.BodyPublishers.ofFile(file));
            parts.add(ascii("\r\n"));
        }
        parts.add(ascii("--" + boundary + "--\r\n"));
        HttpRequest.Builder request = HttpRequest.newBuilder(studies)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status != 200 && status != 202 && status != 409) {
            throw new IOException(studies + " answered " + status + ": " + new String(response.body(),
                    StandardCharsets.UTF_8).strip());
        }
        try (JsonParser parser = JSON.createParser(response.body())) {
            return new DicomJsonReader(parser).readDataset();
        }
    }

    /** The files in consecutive groups of at most {@link #MAX_REQUEST_BYTES}. */
    private static List<List<Path>> batches(List<Path> files) throws IOException {
        List<List<Path>> batches = new ArrayList<>();
        List<Path> batch = new ArrayList<>();
        long bytes = 0;
        for (Path file : files) {
            long size = Files.size(file);
            if (!batch.isEmpty() && bytes + size > MAX_REQUEST_BYTES) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(file);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static HttpRequest.BodyPublisher ascii(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.US_ASCII);
    }

    private static int sizeOf(Sequence sequence) {
        return sequence == null ? 0 : sequence.size();
    }
}
