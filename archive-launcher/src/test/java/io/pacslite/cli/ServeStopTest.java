package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while {@code pacslite serve} is receiving: a STOW-RS request whose body is still
 * arriving is read, stored and answered; a storescu sending many instances gets answers for
 * those stored and then an A-ABORT; the server exits 0, and the archive holds exactly what was
 * acknowledged, with every file matching its index row.
 */
@Timeout(180)
class ServeStopTest {

    private static final Pattern SUCCESS = Pattern.compile("Received Store Response \\(Success\\)");

    @TempDir
    Path dir;

    @Test
    void answersAStowRequestInFlightAtSigtermThenExitsZero() throws Exception {
        Path data = dir.resolve("archive");
        byte[] instance = Files.readAllBytes(firstFile(generate(1, 256)));
        String boundary = "stop-test-boundary";
        byte[] body = multipart(boundary, instance);

        try (ServeProcess server = ServeProcess.start(data, List.of());
                Socket http = new Socket("127.0.0.1", URI.create(server.httpUrl()).getPort())) {
            OutputStream out = http.getOutputStream();
            out.write(("POST /dicom-web/studies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/related; "
                    + "type=\"application/dicom\"; boundary=" + boundary + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int half = body.length / 2;
            out.write(body, 0, half);
            out.flush();
            awaitTempFile(data);

            server.signalStop();
            awaitRefused(Integer.parseInt(server.port()));
            out.write(body, half, body.length - half);
            out.flush();

            String response = readResponse(http.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(response).contains("00081199"); // ReferencedSOPSequence
            assertThat(server.awaitExit()).as("exit status after SIGTERM").isZero();
        }

        assertClosedWith(data, 1);
    }

    @Test
    void acknowledgesOnlyWhatItStoredWhenSigtermComesDuringAStorescuRun() throws Exception {
        Path data = dir.resolve("archive");
        Path files = generate(400, 32);
        HttpClient client = HttpClient.newHttpClient();

        Process storescu;
        try (ServeProcess server = ServeProcess.start(data, List.of())) {
            ProcessBuilder builder = new ProcessBuilder("storescu", "-v", "+sd", "+r", "127.0.0.1", server.port(),
                    files.toString()).redirectErrorStream(true);
            builder.environment().put("TCP_NODELAY", "1");
            TestPeers.require(Path.of("/usr/bin/storescu"));
            storescu = builder.start();
            awaitSomeStored(client, server.httpUrl());

            server.signalStop();
            assertThat(server.awaitExit()).as("exit status after SIGTERM").isZero();
        }
        String output = new String(storescu.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(storescu.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int acknowledged = count(SUCCESS.matcher(output));

        assertThat(acknowledged).as("instances acknowledged before the stop").isBetween(1, 399);
        assertClosedWith(data, acknowledged);
    }

    /** The archive was closed cleanly, verifies, and holds {@code instances}. */
    private static void assertClosedWith(Path data, int instances) throws Exception {
        assertThat(Files.readString(data.resolve("pacslite.lock"))).isEqualTo("closed\n");
        assertThat(CommandRunner.run("verify", "--data-dir", data.toString()).exitCode()).isZero();
        assertThat(CommandRunner.run("stats", "--json", "--data-dir", data.toString()).out())
                .contains("\"instances\": " + instances + ",");
    }

    private Path generate(int instances, int size) {
        Path files = dir.resolve("files");
        assertThat(CommandRunner.run("generate", files.toString(), "--instances", Integer.toString(instances),
                "--size", Integer.toString(size)).exitCode()).isZero();
        return files;
    }

    private static Path firstFile(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
    }

    private static byte[] multipart(String boundary, byte[] part) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(part);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** Waits until the store of a part has begun: its temp file is there. */
    private static void awaitTempFile(Path data) throws Exception {
        Path tmp = data.resolve("tmp");
        while (true) {
            if (Files.isDirectory(tmp)) {
                try (Stream<Path> files = Files.list(tmp)) {
                    if (files.findAny().isPresent()) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the stop has begun: the DIMSE port no longer takes connections. */
    private static void awaitRefused(int port) throws InterruptedException {
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (IOException refused) {
                return;
            }
        }
    }

    /** Waits until QIDO-RS finds at least one instance. */
    private static void awaitSomeStored(HttpClient client, String url) throws Exception {
        HttpRequest query = HttpRequest.newBuilder(URI.create(url + "/dicom-web/instances?limit=1")).build();
        while (client.send(query, HttpResponse.BodyHandlers.ofString()).body().equals("[]")) {
            Thread.sleep(20);
        }
    }

    /** The status line, headers and body of one HTTP/1.1 response with a Content-Length. */
    private static String readResponse(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int length = 0;
        int read;
        while ((read = in.read(buffer, length, buffer.length - length)) > 0) {
            length += read;
            String text = new String(buffer, 0, length, StandardCharsets.UTF_8);
            Matcher declared = Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
            int headerEnd = text.indexOf("\r\n\r\n");
            if (headerEnd >= 0 && declared.find()
                    && length >= headerEnd + 4 + Integer.parseInt(declared.group(1))) {
                break;
            }
        }
        return new String(Arrays.copyOf(buffer, length), StandardCharsets.UTF_8);
    }

    private static int count(Matcher matcher) {
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
