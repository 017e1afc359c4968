package io.pacslite.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.imports.Import;
import io.pacslite.archive.imports.ImportReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code pacslite import} into an archive that a running {@code pacslite serve} holds: each path
 * goes to the server's {@code POST /api/imports?wait=true}, a file as it is, a folder as one
 * {@code multipart/form-data} body whose parts carry the files' paths (so a CD's DICOMDIR is
 * checked against its folder), streamed from disk. The server runs the same import engine; its
 * report comes back as JSON and is printed like a local run's.
 */
final class ServerImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningServer server;

    ServerImport(RunningServer server) {
        this.server = server;
    }

    /** Imports one file or folder on the server and returns its report. */
    ImportReport send(Path path) throws IOException, InterruptedException {
        String name = path.toString().replace('\\', '/');
        HttpRequest.Builder request;
        if (Files.isDirectory(path)) {
            String boundary = "pacslite-" + UUID.randomUUID();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            request = server.request("/api/imports?wait=true")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> multipart(files, boundary)));
        } else {
            request = server.request("/api/imports?wait=true&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(path));
        }
        HttpResponse<byte[]> response = server.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 && response.statusCode() != 422) {
            throw server.refused(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return report(JSON.readTree(response.body()));
    }

    /** A multipart/form-data body of the files, each part named by its path, opened one after the other. */
    private static InputStream multipart(List<Path> files, String boundary) {
        Iterator<Path> next = files.iterator();
        Enumeration<InputStream> parts = new Enumeration<>() {
            private int step;
            private Path file;

            @Override
            public boolean hasMoreElements() {
                return step != 3;
            }

            @Override
            public InputStream nextElement() {
                if (step == 0 || step == 2) {
                    String separator = step == 2 ? "\r\n" : "";
                    if (!next.hasNext()) {
                        step = 3;
                        return bytes(separator + "--" + boundary + "--\r\n");
                    }
                    file = next.next();
                    step = 1;
                    String name = file.toString().replace('\\', '/').replace("\"", "%22");
                    return bytes(separator + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                            + "filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                }
                step = 2;
                try {
                    InputStream in = Files.newInputStream(file);
                    return in;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return new SequenceInputStream(parts); // closes each file once read
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The report in the server's JSON (docs/dicomweb.md, "Imports"). */
    static ImportReport report(JsonNode json) {
        List<ImportReport.Failure> failures = new ArrayList<>();
        json.path("failures").forEach(f -> failures.add(failure(f)));
        List<ImportReport.Study> studies = new ArrayList<>();
        json.path("studies").forEach(s -> studies.add(new ImportReport.Study(s.path("studyInstanceUID").asText(),
                s.path("instances").asLong())));
        List<ImportReport.DirectoryCheck> directories = new ArrayList<>();
        json.path("directories").forEach(d -> {
            List<String> missing = new ArrayList<>();
            d.path("missing").forEach(m -> missing.add(m.asText()));
            List<ImportReport.Failure> mismatched = new ArrayList<>();
            d.path("mismatched").forEach(m -> mismatched.add(failure(m)));
            directories.add(new ImportReport.DirectoryCheck(d.path("member").asText(), d.path("references").asInt(),
                    missing, mismatched));
        });
        List<ImportReport.Attachment> attachments = new ArrayList<>();
        json.path("attachments").forEach(a -> {
            Map<String, Long> ids = new LinkedHashMap<>();
            a.path("kept").forEach(k -> ids.put(k.path("study").asText(), k.path("id").asLong()));
            attachments.add(new ImportReport.Attachment(a.path("name").asText(), a.path("size").asLong(-1),
                    text(a.path("type")), text(a.path("sha256")), ids, text(a.path("notKept"))));
        });
        JsonNode progress = json.path("progress");
        return new ImportReport(json.path("id").asText(), "http", Import.Status.valueOf(
                json.path("status").asText("failed").toUpperCase(java.util.Locale.ROOT)),
                instant(json.path("started")), instant(json.path("finished")), progress.path("bytesReceived").asLong(),
                progress.path("expectedBytes").asLong(-1), json.path("bytes").asLong(), progress.path("members").asLong(),
                progress.path("membersDone").asLong(), json.path("stored").asLong(), json.path("alreadyStored").asLong(),
                json.path("duplicates").asLong(), json.path("failed").asLong(), json.path("notDicom").asLong(),
                json.path("skipped").asLong(), text(json.path("failure")), Collections.unmodifiableList(failures),
                json.path("failuresOmitted").asLong(), studies, directories, attachments);
    }

    private static ImportReport.Failure failure(JsonNode node) {
        return new ImportReport.Failure(node.path("member").asText(), node.path("reason").asText());
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Instant instant(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asText());
    }
}
