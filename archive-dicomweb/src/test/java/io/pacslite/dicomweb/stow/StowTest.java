package io.pacslite.dicomweb.stow;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.Coercions;
import io.pacslite.archive.store.StorageKeys;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StowTest {

    private static final String STUDY = uid("50");
    private static final String SERIES = uid("50", "1");
    private static final String MULTIPART = "multipart/related; type=\"application/dicom\"; boundary=\"the boundary\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void storesEveryPartAndReferencesEachInstanceWithItsRetrieveUrl() throws IOException {
        List<byte[]> instances = IntStream.rangeClosed(1, 3).mapToObj(StowTest::instance).toList();

        HttpResponse<byte[]> response = server.post("/dicom-web/studies", MULTIPART,
                TestServer.multipart("the boundary", "application/dicom", instances));

        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/dicom+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/00081190/Value/0").asText()).isEqualTo(server.url + "/dicom-web/studies/" + STUDY);
        JsonNode referenced = body.at("/00081199/Value");
        assertThat(referenced).hasSize(3);
        assertThat(referenced.get(2).at("/00081155/Value/0").asText()).isEqualTo(uid("50", "1", "3"));
        assertThat(referenced.get(2).at("/00081150/Value/0").asText()).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(referenced.get(2).at("/00081190/Value/0").asText()).isEqualTo(server.url + "/dicom-web/studies/"
                + STUDY + "/series/" + SERIES + "/instances/" + uid("50", "1", "3"));
        assertThat(body.has("00081198")).isFalse();
        assertThat(server.archive.index().stats().instances()).isEqualTo(3);
    }

    @Test
    void acceptsOhifsUploadLeadingCrlfUnquotedParametersAndNoFinalCrlf() {
        byte[] part = instance(1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("\r\n--b0undary\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(part);
        body.writeBytes("\r\n--b0undary--".getBytes(StandardCharsets.US_ASCII));

        HttpResponse<byte[]> response = server.post("/dicom-web/studies",
                "multipart/related; type=application/dicom; boundary=b0undary", body.toByteArray());

        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        assertThat(server.archive.index().find(uid("50", "1", "1"))).isNotNull();
    }

    @Test
    void acceptsASingleApplicationDicomBodyToTheStudyItBelongsTo() {
        HttpResponse<byte[]> response = server.post("/dicom-web/studies/" + STUDY, "application/dicom", instance(1));

        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        assertThat(server.archive.index().stats().instances()).isEqualTo(1);
    }

    @Test
    void refusesAnInstanceOfAnotherStudyThanTheUrlsWithA900AndStoresNothing() throws IOException {
        HttpResponse<byte[]> response = server.post("/dicom-web/studies/" + uid("99"), MULTIPART,
                TestServer.multipart("the boundary", "application/dicom", List.of(instance(1))));

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode failed = JSON.readTree(response.body()).at("/00081198/Value/0");
        assertThat(failed.at("/00081197/Value/0").asInt()).isEqualTo(0xA900);
        assertThat(failed.at("/00081155/Value/0").asText()).isEqualTo(uid("50", "1", "1"));
        assertThat(server.archive.index().stats().instances()).isZero();
    }

    @Test
    void answers202WhenSomePartsFailAndNamesTheirReason() throws IOException {
        byte[] body = TestServer.multipart("the boundary", "application/dicom",
                List.of(instance(1), "not DICOM at all".getBytes(StandardCharsets.US_ASCII)));

        HttpResponse<byte[]> response = server.post("/dicom-web/studies", MULTIPART, body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.at("/00081199/Value")).hasSize(1);
        assertThat(json.at("/00081198/Value/0/00081197/Value/0").asInt()).isEqualTo(0xC000);
        assertThat(server.archive.index().stats().instances()).isEqualTo(1);
    }

    @Test
    void answers202WithWarningB000WhenOtherContentArrivesUnderAStoredUid() throws IOException {
        server.post("/dicom-web/studies", "application/dicom", instance(1));
        byte[] other = SyntheticInstances.partTen(ct("P50", STUDY, SERIES, uid("50", "1", "1"), 32, 99),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        HttpResponse<byte[]> response = server.post("/dicom-web/studies", "application/dicom", other);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode referenced = JSON.readTree(response.body()).at("/00081199/Value/0");
        assertThat(referenced.at("/00081196/Value/0").asInt()).isEqualTo(0xB000);
        assertThat(referenced.at("/00081155/Value/0").asText()).isEqualTo(uid("50", "1", "1"));
        assertThat(server.post("/dicom-web/studies", "application/dicom", instance(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void countsAPartOfAnotherMediaTypeAsFailed() throws IOException {
        byte[] body = TestServer.multipart("the boundary", "image/jpeg", List.of(new byte[] {1, 2, 3}));

        HttpResponse<byte[]> response = server.post("/dicom-web/studies",
                "multipart/related; boundary=\"the boundary\"", body);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).at("/00081198/Value/0/00081197/Value/0").asInt()).isEqualTo(0xC000);
    }

    @Test
    void answersInXmlWhenTheClientAsksForIt() {
        HttpResponse<byte[]> response = server.post("/dicom-web/studies", "application/dicom", instance(1),
                "Accept", "application/dicom+xml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/dicom+xml");
        assertThat(TestServer.text(response))
                .contains("<NativeDicomModel xmlns=\"http://dicom.nema.org/PS3.19/models/NativeDICOM\">")
                .contains("<DicomAttribute tag=\"00081199\" vr=\"SQ\" keyword=\"ReferencedSOPSequence\"><Item number=\"1\">")
                .contains("<Value number=\"1\">" + uid("50", "1", "1") + "</Value>");
    }

    @Test
    void refusesMalformedMultipartWith400AndKeepsServing() {
        HttpResponse<byte[]> response = server.post("/dicom-web/studies", MULTIPART,
                "no boundary anywhere in this body".getBytes(StandardCharsets.US_ASCII));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.text(response)).contains("malformed multipart").contains("nothing was stored");
        assertThat(response.headers().firstValue("Warning")).hasValueSatisfying(w -> assertThat(w).startsWith("299 "));
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.archive.index().stats().instances()).isZero();
    }

    @Test
    void refusesAPartCutShortAndStoresNothingOfIt() {
        byte[] whole = TestServer.multipart("the boundary", "application/dicom", List.of(instance(1)));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 600);

        HttpResponse<byte[]> response = server.post("/dicom-web/studies", MULTIPART, cut);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.archive.index().stats().instances()).isZero();
        assertThat(server.archive.blobs().exists(StorageKeys.of(STUDY, SERIES, uid("50", "1", "1")))).isFalse();
    }

    /**
     * The parts before a cut one were committed in the background while later ones arrived
     * (StowParts): they are all stored, and said so; the cut part leaves nothing, not even a temp file.
     */
    @Test
    void aPartCutShortAfterManyKeepsTheEarlierOnesStoredAndSaysSo() throws IOException {
        int before = StowParts.IN_FLIGHT * 2 + 1;
        List<byte[]> parts = IntStream.rangeClosed(1, before + 1).mapToObj(StowTest::instance).toList();
        byte[] whole = TestServer.multipart("the boundary", "application/dicom", parts);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 600);

        HttpResponse<byte[]> response = server.post("/dicom-web/studies", MULTIPART, cut);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.text(response)).contains("the " + before + " instances before it were stored");
        assertThat(server.archive.index().stats().instances()).isEqualTo(before);
        for (int number = 1; number <= before; number++) {
            assertThat(server.archive.blobs().exists(StorageKeys.of(STUDY, SERIES, uid("50", "1", "" + number))))
                    .isTrue();
        }
        assertThat(server.archive.blobs().exists(StorageKeys.of(STUDY, SERIES, uid("50", "1", "" + (before + 1)))))
                .isFalse();
        try (Stream<Path> temps = Files.list(dir.resolve("tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void refusesAnElementClaimingTwoGigabytesWithAFailureReason() throws IOException {
        byte[] bomb = instance(1);
        int at = indexOf(bomb, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0});
        bomb[at + 8] = 0;
        bomb[at + 9] = 0;
        bomb[at + 10] = 0;
        bomb[at + 11] = (byte) 0x80;

        HttpResponse<byte[]> response = server.post("/dicom-web/studies", "application/dicom", bomb);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).at("/00081198/Value/0/00081197/Value/0").asInt()).isEqualTo(0xC000);
        assertThat(server.archive.index().stats().instances()).isZero();
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws IOException {
        server.close();
        server = TestServer.start(dir, DicomWebConfig.DEFAULTS.withMaxRequestBytes(1000));

        HttpResponse<byte[]> response = server.post("/dicom-web/studies", "application/dicom", instance(1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(server.archive.index().stats().instances()).isZero();
    }

    @Test
    void coercesByTheHttpRuleAndAnswersTheSameInstanceSentAgainWithSuccess() throws IOException {
        server.close();
        server = TestServer.start(dir, DicomWebConfig.DEFAULTS, ArchiveConfig.DEFAULTS.withCoercions(
                Coercions.parse(List.of("CT01 issuer=CT", "http issuer=WEB"))));

        HttpResponse<byte[]> first = server.post("/dicom-web/studies", "application/dicom", instance(1));
        HttpResponse<byte[]> again = server.post("/dicom-web/studies", "application/dicom", instance(1));

        assertThat(first.statusCode()).as(TestServer.text(first)).isEqualTo(200);
        assertThat(again.statusCode()).as(TestServer.text(again)).isEqualTo(200);
        Path stored = server.archive.blobs().pathOf(StorageKeys.of(STUDY, SERIES, uid("50", "1", "1")));
        try (DicomReader reader = DicomReader.open(stored)) {
            Attributes dataset = reader.readFile().dataset();
            assertThat(dataset.getString(Tag.IssuerOfPatientID)).isEqualTo("WEB");
            assertThat(dataset.getSequence(Tag.OriginalAttributesSequence).size()).isEqualTo(1);
        }
    }

    @Test
    void refusesOtherContentTypesWith415() {
        HttpResponse<byte[]> response = server.post("/dicom-web/studies", "application/json", "{}".getBytes());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(TestServer.text(response)).contains("application/json is not supported");
    }

    @Test
    void refusesAnInvalidStudyUidInThePath() {
        HttpResponse<byte[]> response = server.post("/dicom-web/studies/1.2.abc", "application/dicom", instance(1));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.text(response)).contains("invalid study UID");
    }

    private static byte[] instance(int number) {
        return SyntheticInstances.partTen(ct("P50", STUDY, SERIES, uid("50", "1", Integer.toString(number)), 32, number),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
