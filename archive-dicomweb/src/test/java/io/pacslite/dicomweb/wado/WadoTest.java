package io.pacslite.dicomweb.wado;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.image.ImageFrames;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.multipart.MultipartReader;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.SyntheticInstances;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WADO-RS and WADO-URI on a generated study of two series stored by STOW-RS, over real HTTP. */
class WadoTest {

    private static final String STUDY = uid("60");
    private static final List<String> SERIES = List.of(uid("60", "1"), uid("60", "2"));
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TestServer server;
    final List<Attributes> sent = new ArrayList<>();

    @BeforeEach
    void storeAStudy() {
        server = TestServer.start(dir);
        List<byte[]> files = new ArrayList<>();
        for (int s = 0; s < SERIES.size(); s++) {
            for (int i = 1; i <= 3; i++) {
                Attributes instance = ct("P60", STUDY, SERIES.get(s), uid("60", "" + (s + 1), "" + i), 32, i);
                instance.setInts(Tag.SeriesNumber, io.pacslite.dicom.data.VR.IS, s + 1);
                sent.add(instance);
                files.add(SyntheticInstances.partTen(instance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            }
        }
        HttpResponse<byte[]> stored = server.post("/dicom-web/studies",
                "multipart/related; type=\"application/dicom\"; boundary=b", TestServer.multipart("b", "application/dicom", files));
        assertThat(stored.statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void retrievesTheStudyAsTheStoredFilesInSeriesAndInstanceOrder() throws IOException {
        HttpResponse<byte[]> response = server.get("/dicom-web/studies/" + STUDY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("multipart/related; type=\"application/dicom\"; boundary=");
        List<TestServer.Part> parts = TestServer.parts(response);
        List<StoredInstance> stored = server.archive.index().instances(STUDY, null, null);
        assertThat(parts).hasSize(6);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(stored.get(i).sopUid()).isEqualTo(sent.get(i).getString(Tag.SOPInstanceUID));
            assertThat(parts.get(i).body()).isEqualTo(Files.readAllBytes(server.archive.blobs().pathOf(stored.get(i).fileKey())));
            assertThat(parts.get(i).contentType()).isEqualTo("application/dicom; transfer-syntax=" + EXPLICIT_LE);
            assertThat(parts.get(i).headers()).containsEntry("content-length", Long.toString(stored.get(i).size()));
        }
        assertThat(TestServer.parts(server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(1)))).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/related; type=\"application/dicom\"; transfer-syntax=*",
        "multipart/related; type=application/dicom; transfer-syntax=\"*\"",
        "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.1",
        "multipart/related; type=\"application/dicom\"",
        "*/*",
    })
    void sendsTheStoredSyntaxWhenTheAcceptAllowsIt(String accept) {
        assertThat(server.get(instancePath(0), "Accept", accept).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2"})
    void transcodesAnInstanceIntoTheSyntaxAsked(String syntax) throws IOException {
        HttpResponse<byte[]> response = server.get(instancePath(1), "Accept",
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + syntax);

        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        TestServer.Part part = TestServer.parts(response).get(0);
        assertThat(part.contentType()).isEqualTo("application/dicom; transfer-syntax=" + syntax);
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(part.body()))) {
            DicomFile file = reader.readFile();
            assertThat(file.transferSyntax().uid()).isEqualTo(syntax);
            int[] decoded = ImageFrames.of(file).frame(0).samples();
            try (DicomReader original = new DicomReader(new ByteArrayInputStream(
                    SyntheticInstances.partTen(sent.get(1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))) {
                assertThat(decoded).isEqualTo(ImageFrames.of(original.readFile()).frame(0).samples());
            }
        }
    }

    @Test
    void sendsFramesAsLosslessJpegAndRefusesLossyJpegOfSixteenBitsWithTheReason() {
        HttpResponse<byte[]> response = server.get(instancePath(1) + "/frames/1", "Accept",
                "multipart/related; type=\"image/jpeg\"; transfer-syntax=1.2.840.10008.1.2.4.70");

        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        TestServer.Part frame = TestServer.parts(response).get(0);
        assertThat(frame.contentType()).isEqualTo("image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.70");
        assertThat(frame.body()).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC3);

        HttpResponse<byte[]> lossy = server.get(instancePath(1) + "/frames/1", "Accept",
                "multipart/related; type=\"image/jpeg\"");
        assertThat(lossy.statusCode()).isEqualTo(406);
        assertThat(TestServer.text(lossy)).contains("JPEG Baseline holds unsigned 8-bit samples");
        HttpResponse<byte[]> instance = server.get(instancePath(1), "Accept",
                "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.50");
        assertThat(instance.statusCode()).isEqualTo(406);
        assertThat(TestServer.text(instance)).contains("JPEG Baseline holds unsigned 8-bit samples");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.80",
        "application/json",
        "multipart/related; type=\"image/jpeg\"",
    })
    void answers406WithAReasonWhenTheAcceptNeedsTranscoding(String accept) {
        HttpResponse<byte[]> response = server.get(instancePath(0), "Accept", accept);

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(TestServer.text(response)).contains("transfer-syntax=1.2.840.10008.1.2.1").contains("the stored transfer syntax");
    }

    @Test
    void seriesMetadataHasEveryInstanceWithAbsoluteBulkDataUris() throws IOException {
        HttpResponse<byte[]> response = server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0)
                + "/metadata", "Accept", "application/dicom+json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/dicom+json");
        JsonNode metadata = JSON.readTree(response.body());
        assertThat(metadata).hasSize(3);
        assertThat(metadata.get(1).at("/00080018/Value/0").asText()).isEqualTo(uid("60", "1", "2"));
        assertThat(JSON.readTree(server.get("/dicom-web/studies/" + STUDY + "/metadata").body())).hasSize(6);
    }

    @Test
    void metadataIsGzippedForClientsThatAcceptItAndRevalidatesByEtag() throws IOException {
        String path = "/dicom-web/studies/" + STUDY + "/metadata";
        HttpResponse<byte[]> plain = server.get(path);
        HttpResponse<byte[]> gzipped = server.get(path, "Accept-Encoding", "gzip, deflate");

        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes()).isEqualTo(plain.body());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(plain.headers().firstValue("Last-Modified")).isPresent();
        HttpResponse<byte[]> again = server.get(path, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void framesAreTheUncompressedPixelsLabelledWithTheirSyntax() {
        HttpResponse<byte[]> response = server.get(instancePath(1) + "/frames/1", "Accept",
                "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");

        assertThat(response.statusCode()).isEqualTo(200);
        TestServer.Part frame = TestServer.parts(response).get(0);
        assertThat(frame.contentType()).isEqualTo("application/octet-stream; transfer-syntax=" + EXPLICIT_LE);
        assertThat(frame.body()).isEqualTo(sent.get(1).getBytes(Tag.PixelData));
        assertThat(server.get(instancePath(1) + "/frames/2").statusCode()).isEqualTo(404);
        assertThat(server.get(instancePath(1) + "/frames/x").statusCode()).isEqualTo(400);
    }

    /**
     * A viewer's way: frame after frame on one keep-alive connection, the next request sent as
     * soon as the last answer's last byte came (the frames are written and the exchange ended
     * on the IO thread, which must re-arm the connection each time); a frame list gives one
     * part per number.
     */
    @Test
    void framesFollowOneAnotherOnOneKeepAliveConnection() throws IOException {
        URI base = URI.create(server.url);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < sent.size(); i++) {
                    String frames = round == 2 ? "1,1" : "1";
                    byte[] pixels = sent.get(i).getBytes(Tag.PixelData);
                    assertThat(frameParts(socket, in, instancePath(i) + "/frames/" + frames, 0))
                            .hasSize(frames.split(",").length).allSatisfy(part -> assertThat(part).isEqualTo(pixels));
                }
            }
        }
    }

    /**
     * Frames larger than the socket's buffers, to a client that waits before reading: the IO
     * thread writes what the socket takes and goes on when it can take more.
     */
    @Test
    void largeFramesReachAClientThatReadsLate() throws IOException {
        Attributes large = ct("P60", STUDY, SERIES.get(0), uid("60", "1", "9"), 512, 9);
        assertThat(server.post("/dicom-web/studies", "multipart/related; type=\"application/dicom\"; boundary=b",
                TestServer.multipart("b", "application/dicom",
                        List.of(SyntheticInstances.partTen(large, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))).statusCode())
                .isEqualTo(200);
        String path = "/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0) + "/instances/" + uid("60", "1", "9");
        URI base = URI.create(server.url);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String frames = String.join(",", Collections.nCopies(24, "1")); // 12 MiB
            for (int round = 0; round < 2; round++) {
                assertThat(frameParts(socket, in, path + "/frames/" + frames, 300)).hasSize(24)
                        .allSatisfy(part -> assertThat(part).isEqualTo(large.getBytes(Tag.PixelData)));
            }
        }
    }

    /** Sends a GET for frames on the socket, waits {@code pauseMillis}, reads the answer: its parts' bodies. */
    private static List<byte[]> frameParts(Socket socket, InputStream in, String path, long pauseMillis)
            throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: pacslite\r\n"
                + "Accept: multipart/related; type=\"application/octet-stream\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String status = line(in);
        Map<String, String> headers = new HashMap<>();
        for (String header; !(header = line(in)).isEmpty(); ) {
            headers.put(header.substring(0, header.indexOf(':')).toLowerCase(), header.substring(header.indexOf(':') + 1).trim());
        }
        assertThat(status).startsWith("HTTP/1.1 200");
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body),
                MediaType.parse(headers.get("content-type")).parameter("boundary"));
        List<byte[]> parts = new ArrayList<>();
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            parts.add(part.body().readAllBytes());
        }
        return parts;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("the connection closed");
            }
            line.append(c == '\r' ? "" : (char) c);
        }
        return line.toString();
    }

    @Test
    void bulkDataFromTheMetadataHonoursARange() throws IOException {
        JsonNode metadata = JSON.readTree(server.get(instancePath(2) + "/metadata").body());
        String uri = metadata.get(0).at("/7FE00010/BulkDataURI").asText();
        byte[] pixels = sent.get(2).getBytes(Tag.PixelData);
        if (uri.isEmpty()) {
            // The core's stored metadata has no Pixel Data (docs/dicomweb.md): use its path.
            uri = server.url + instancePath(2) + "/bulkdata/7FE00010";
        }
        String path = uri.substring(server.url.length());

        HttpResponse<byte[]> whole = server.get(path, "Accept", "multipart/related; type=\"application/octet-stream\"");
        assertThat(TestServer.parts(whole).get(0).body()).isEqualTo(pixels);
        HttpResponse<byte[]> range = server.get(path, "Accept", "application/octet-stream", "Range", "bytes=10-19");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + pixels.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(pixels, 10, 20));
        assertThat(server.get(path, "Accept", "application/octet-stream", "Range", "bytes=99999-").statusCode())
                .isEqualTo(416);
        assertThat(server.get(instancePath(2) + "/bulkdata/00100010/0/7FE00010").statusCode()).isEqualTo(404);
    }

    @Test
    void wadoUriSendsTheStoredFile() throws IOException {
        StoredInstance stored = server.archive.index().find(uid("60", "2", "3"));
        HttpResponse<byte[]> response = server.get("/wado?requestType=WADO&studyUID=" + STUDY + "&seriesUID="
                + SERIES.get(1) + "&objectUID=" + stored.sopUid() + "&contentType=application%2Fdicom");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/dicom");
        assertThat(response.body()).isEqualTo(Files.readAllBytes(server.archive.blobs().pathOf(stored.fileKey())));
        assertThat(server.get("/wado?studyUID=" + STUDY).statusCode()).isEqualTo(400);
        assertThat(server.get("/wado?requestType=WADO&studyUID=" + STUDY + "&seriesUID=" + SERIES.get(1)
                + "&objectUID=1.2.3&contentType=application%2Fdicom").statusCode()).isEqualTo(404);
        assertThat(server.get("/wado?requestType=WADO&studyUID=" + STUDY + "&seriesUID=" + SERIES.get(1)
                + "&objectUID=" + stored.sopUid() + "&contentType=text%2Fhtml").statusCode()).isEqualTo(406);
    }

    @Test
    void deletesASeriesFilesAndRowsAndLeavesTheOther() {
        List<StoredInstance> doomed = server.archive.index().instances(STUDY, SERIES.get(0), null);

        HttpResponse<byte[]> response = server.delete("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(server.archive.index().instances(STUDY, null, null)).hasSize(3);
        for (StoredInstance instance : doomed) {
            assertThat(server.archive.blobs().exists(instance.fileKey())).isFalse();
        }
        assertThat(server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0) + "/metadata").statusCode())
                .isEqualTo(404);
        assertThat(server.delete("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0)).statusCode()).isEqualTo(404);
        assertThat(server.delete("/dicom-web/studies/" + STUDY).statusCode()).isEqualTo(204);
        assertThat(server.archive.index().stats().instances()).isZero();
    }

    @Test
    void answers503NamingTheRepairWhenAStoredFileIsMissing() throws IOException {
        StoredInstance instance = server.archive.index().find(uid("60", "1", "1"));
        Files.delete(server.archive.blobs().pathOf(instance.fileKey()));

        HttpResponse<byte[]> response = server.get(instancePath(0));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(TestServer.text(response)).contains("pacslite verify");
        assertThat(server.get(instancePath(1)).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/dicom-web/studies/9.9.9",
        "/dicom-web/studies/9.9.9/metadata",
        "/dicom-web/studies/9.9.9/series/9.9/instances/9.9.9.9/frames/1",
        "/no/such/resource",
    })
    void answers404ForWhatIsNotStored(String path) {
        HttpResponse<byte[]> response = server.get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestServer.text(response)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/dicom-web/studies/..%2F..%2F..%2Fetc%2Fpasswd",
        "/dicom-web/studies/..%2F..%2F..%2Fetc/metadata",
        "/dicom-web/studies/1.2.3/series/..%2F../instances/1.2",
        "/dicom-web/studies/1.2.3/series/1.2/instances/1.2/bulkdata/..%2F..%2F..%2Fpasswd",
    })
    void refusesPathsThatAreNotUidsWith4xx(String path) {
        HttpResponse<byte[]> response = server.get(path);

        assertThat(response.statusCode()).isBetween(400, 404);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    private String instancePath(int index) {
        Attributes instance = sent.get(index);
        return "/dicom-web/studies/" + STUDY + "/series/" + instance.getString(Tag.SeriesInstanceUID) + "/instances/"
                + instance.getString(Tag.SOPInstanceUID);
    }
}
