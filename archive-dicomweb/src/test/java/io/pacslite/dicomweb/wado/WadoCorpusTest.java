package io.pacslite.dicomweb.wado;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicom.json.DicomJsonWriter;
import io.pacslite.dicom.transcode.Transcoder;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.Corpus;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STOW-RS then WADO-RS over real HTTP on pydicom's corpus: every instance the archive takes
 * comes back byte for byte, its metadata equals the toolkit's DICOM JSON of the stored file,
 * and its frames equal the frames pydicom cuts out of the file.
 */
class WadoCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANY_SYNTAX = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";

    @TempDir
    static Path dir;

    static TestServer server;
    /** Each stored instance, and the corpus file it was sent from. */
    static final Map<StoredInstance, Path> SENT = new HashMap<>();

    @BeforeAll
    static void storeTheCorpus() throws IOException {
        TestPeers.requirePydicom();
        server = TestServer.start(dir);
        List<Path> files = Corpus.readableFiles().stream().map(Corpus.Readable::path).toList();
        for (Path file : files) {
            HttpResponse<byte[]> response = server.post("/dicom-web/studies", "application/dicom",
                    Files.readAllBytes(file));
            assertThat(response.statusCode()).as(file + ": " + TestServer.text(response)).isIn(200, 202, 409);
            JsonNode referenced = JSON.readTree(response.body()).at("/00081199/Value/0/00081155/Value/0");
            if (response.statusCode() == 200) {
                SENT.put(server.archive.index().find(referenced.asText()), file);
            }
        }
        assertThat(SENT).hasSizeGreaterThan(files.size() / 2);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void compressedInstancesComeDecompressedWhenExplicitLittleEndianIsAsked() throws IOException {
        String explicit = "multipart/related; type=\"application/dicom\"; transfer-syntax=" + UID.ExplicitVRLittleEndian;
        int decompressed = 0;
        int refused = 0;
        for (Map.Entry<StoredInstance, Path> entry : SENT.entrySet()) {
            StoredInstance instance = entry.getKey();
            TransferSyntax stored = TransferSyntax.of(instance.transferSyntaxUid());
            if (!stored.encapsulated()) {
                continue;
            }
            HttpResponse<byte[]> response = server.get(path(instance), "Accept", explicit);
            if (!decompressible(instance)) {
                assertThat(response.statusCode()).as(entry.getValue().toString()).isEqualTo(406);
                refused++;
                continue;
            }
            assertThat(response.statusCode()).as(entry.getValue() + ": " + TestServer.text(response)).isEqualTo(200);
            List<TestServer.Part> parts = TestServer.parts(response);
            assertThat(parts).hasSize(1);
            assertThat(parts.get(0).contentType()).isEqualTo("application/dicom; transfer-syntax="
                    + UID.ExplicitVRLittleEndian);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (DicomReader reader = DicomReader.open(server.archive.blobs().pathOf(instance.fileKey()))) {
                Transcoder.write(reader.readFile(), UID.ExplicitVRLittleEndian, expected, true);
            }
            assertThat(parts.get(0).body()).as(entry.getValue().toString()).isEqualTo(expected.toByteArray());
            decompressed++;
        }
        assertThat(decompressed).as("decompressed corpus instances").isGreaterThan(10);
        assertThat(refused).as("instances in syntaxes not decoded yet, refused").isGreaterThan(0);
    }

    @Test
    void framesOfCompressedInstancesComeDecompressedWhenOctetStreamIsAsked() throws IOException {
        int decompressed = 0;
        for (StoredInstance instance : SENT.keySet()) {
            if (!TransferSyntax.of(instance.transferSyntaxUid()).encapsulated()) {
                continue;
            }
            String explicit = "multipart/related; type=\"application/octet-stream\"; transfer-syntax="
                    + UID.ExplicitVRLittleEndian;
            HttpResponse<byte[]> response = server.get(path(instance) + "/frames/1", "Accept", explicit);
            HttpResponse<byte[]> byDefault = server.get(path(instance) + "/frames/1", "Accept",
                    "multipart/related; type=\"application/octet-stream\"");
            if (!decompressible(instance)) {
                assertThat(response.statusCode()).as(SENT.get(instance).toString()).isEqualTo(406);
                continue;
            }
            assertThat(response.statusCode()).as(SENT.get(instance) + ": " + TestServer.text(response)).isEqualTo(200);
            TestServer.Part frame = TestServer.parts(response).get(0);
            assertThat(frame.contentType()).isEqualTo("application/octet-stream; transfer-syntax="
                    + UID.ExplicitVRLittleEndian);
            try (DicomReader reader = DicomReader.open(server.archive.blobs().pathOf(instance.fileKey()))) {
                assertThat(frame.body()).as(SENT.get(instance).toString())
                        .isEqualTo(Transcoder.checkFrames(reader.readFile(), UID.ExplicitVRLittleEndian).frame(0));
            }
            assertThat(TestServer.parts(byDefault).get(0).body()).isEqualTo(frame.body());
            decompressed++;
        }
        assertThat(decompressed).as("compressed corpus instances whose frames came decompressed").isGreaterThan(10);
    }

    /** Whether the stored instance can be decompressed here (its syntax, and its frames for this syntax's decoder). */
    private static boolean decompressible(StoredInstance instance) throws IOException {
        if (!Transcoder.supports(TransferSyntax.of(instance.transferSyntaxUid()), UID.ExplicitVRLittleEndian)) {
            return false;
        }
        try (DicomReader reader = DicomReader.open(server.archive.blobs().pathOf(instance.fileKey()))) {
            Transcoder.check(reader.readFile(), UID.ExplicitVRLittleEndian);
            return true;
        } catch (DicomException e) {
            return false;
        }
    }

    @Test
    void everyInstanceComesBackAsStoredWithTheDataSetBytesThatWereSent() throws IOException {
        for (Map.Entry<StoredInstance, Path> entry : SENT.entrySet()) {
            StoredInstance instance = entry.getKey();
            HttpResponse<byte[]> response = server.get(path(instance), "Accept", ANY_SYNTAX);

            assertThat(response.statusCode()).as(entry.getValue().toString()).isEqualTo(200);
            List<TestServer.Part> parts = TestServer.parts(response);
            assertThat(parts).hasSize(1);
            assertThat(parts.get(0).contentType())
                    .isEqualTo("application/dicom; transfer-syntax=" + instance.transferSyntaxUid());
            byte[] stored = Files.readAllBytes(server.archive.blobs().pathOf(instance.fileKey()));
            assertThat(parts.get(0).body()).as(entry.getValue().toString()).isEqualTo(stored);
            assertThat(datasetBytes(parts.get(0).body())).as(entry.getValue().toString())
                    .isEqualTo(datasetBytes(Files.readAllBytes(entry.getValue())));
        }
    }

    /** Every element, Pixel Data and whatever follows it included. */
    @Test
    void metadataEqualsTheToolkitsDicomJsonOfTheStoredFile() throws IOException {
        for (StoredInstance instance : SENT.keySet()) {
            HttpResponse<byte[]> response = server.get(path(instance) + "/metadata");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode metadata = JSON.readTree(response.body());
            assertThat(metadata).hasSize(1);
            ObjectNode actual = (ObjectNode) metadata.get(0);
            ObjectNode expected = (ObjectNode) expectedMetadata(instance);
            assertThat(actual).as(SENT.get(instance).toString()).isEqualTo(expected);
        }
    }

    @Test
    void framesEqualTheFramesPydicomCutsOut() throws Exception {
        Map<String, StoredInstance> byFile = new HashMap<>();
        for (StoredInstance instance : SENT.keySet()) {
            byFile.put(server.archive.blobs().pathOf(instance.fileKey()).toString(), instance);
        }
        List<String> command = new ArrayList<>(List.of(TestPeers.PYTHON, oracle().toString()));
        command.addAll(byFile.keySet());
        Process python = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(python.waitFor()).isZero();

        int compared = 0;
        for (String line : lines) {
            String[] fields = line.split("\t");
            if (fields[1].equals("skip")) {
                continue;
            }
            StoredInstance instance = byFile.get(fields[0]);
            HttpResponse<byte[]> response = server.get(path(instance) + "/frames/" + fields[1], "Accept",
                    "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
            assertThat(response.statusCode()).as(line + ": " + TestServer.text(response)).isEqualTo(200);
            TestServer.Part frame = TestServer.parts(response).get(0);
            assertThat(frame.contentType()).as(line).contains("; transfer-syntax=");
            assertThat(sha256(frame.body())).as(SENT.get(instance) + " frame " + fields[1]).isEqualTo(fields[2]);
            compared++;
        }
        assertThat(compared).isGreaterThan(20);
    }

    private static JsonNode expectedMetadata(StoredInstance instance) throws IOException {
        String instanceUrl = server.url + path(instance);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (DicomReader reader = DicomReader.open(server.archive.blobs().pathOf(instance.fileKey()));
                JsonGenerator generator = new JsonFactory().createGenerator(json)) {
            new DicomJsonWriter(generator, p -> instanceUrl + "/bulkdata/" + p, 1024).write(reader.readFile().dataset());
        }
        return JSON.readTree(json.toByteArray());
    }

    static String path(StoredInstance instance) {
        return "/dicom-web/studies/" + instance.studyUid() + "/series/" + instance.seriesUid() + "/instances/"
                + instance.sopUid();
    }

    private static Path oracle() throws IOException {
        Path script = dir.resolve("frames.py");
        try (InputStream in = WadoCorpusTest.class.getResourceAsStream("frames.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
