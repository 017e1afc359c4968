package io.pacslite.dicomweb.wado;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.image.FrameRenderer;
import io.pacslite.dicom.image.ImageFrames;
import io.pacslite.dicom.image.RenderOptions;
import io.pacslite.dicom.image.VoiFunction;
import io.pacslite.dicom.image.Window;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.SyntheticInstances;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered and thumbnail resources (PS3.18 10.4, 8.3.5.1) and rendered WADO-URI, over real
 * HTTP on a stored study of two series of 32x32 CT images and one Encapsulated PDF. Rendered
 * pixels are compared with the core's renderer, which its own tests check against pydicom.
 */
class RenderedTest {

    private static final String STUDY = uid("70");
    private static final List<String> SERIES = List.of(uid("70", "1"), uid("70", "2"));
    private static final String PDF_SOP = uid("70", "3", "1");
    private static final byte[] PDF = "%PDF-1.4\n% a report\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void startWithAStudy() {
        server = TestServer.start(dir);
        storeTheStudy();
    }

    private void storeTheStudy() {
        List<byte[]> files = new ArrayList<>();
        for (int s = 0; s < SERIES.size(); s++) {
            for (int i = 1; i <= 3; i++) {
                Attributes instance = ct("P70", STUDY, SERIES.get(s), uid("70", "" + (s + 1), "" + i), 32, i);
                instance.setInts(Tag.SeriesNumber, VR.IS, s + 1);
                files.add(SyntheticInstances.partTen(instance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            }
        }
        files.add(SyntheticInstances.partTen(pdf(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThat(server.post("/dicom-web/studies", "multipart/related; type=\"application/dicom\"; boundary=b",
                TestServer.multipart("b", "application/dicom", files)).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void rendersAnInstanceAsPngWithTheWindowAskedFor() throws Exception {
        HttpResponse<byte[]> response = server.get(instance(1, 2) + "/rendered?accept=image/png&window=1000,1500,linear");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(pixels(image(response))).isEqualTo(pixels(expected(uid("70", "1", "2"),
                new RenderOptions(new Window(1000, 1500, VoiFunction.LINEAR), false))));
    }

    @Test
    void rendersJpegByDefaultGifOnRequestAndInvertsOnRequest() throws Exception {
        HttpResponse<byte[]> jpeg = server.get(instance(1, 1) + "/rendered");
        HttpResponse<byte[]> plain = server.get(instance(1, 1) + "/rendered", "Accept", "image/png");
        HttpResponse<byte[]> inverted = server.get(instance(1, 1) + "/rendered?invert=true", "Accept", "image/png");

        HttpResponse<byte[]> gif = server.get(instance(1, 1) + "/rendered?accept=image/gif");
        assertThat(gif.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(image(gif).getWidth()).isEqualTo(32);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(image(jpeg).getWidth()).isEqualTo(32);
        int[] normal = pixels(image(plain));
        int[] flipped = pixels(image(inverted));
        for (int i = 0; i < normal.length; i++) {
            assertThat(flipped[i]).isEqualTo(255 - normal[i]);
        }
    }

    @Test
    void drawsTheOverlayPlanesOnRequest() throws Exception {
        String sop = uid("70", "1", "9");
        Attributes instance = ct("P70", STUDY, SERIES.get(0), sop, 32, 9);
        instance.setInts(Tag.OverlayRows, VR.US, 32);
        instance.setInts(Tag.OverlayColumns, VR.US, 32);
        instance.setInts(Tag.OverlayOrigin, VR.SS, 1, 1);
        instance.setString(Tag.OverlayType, VR.CS, "G");
        instance.setInts(Tag.OverlayBitsAllocated, VR.US, 1);
        byte[] bits = new byte[32 * 32 / 8];
        for (int row = 0; row < 32; row++) {
            bits[row * 4 + row / 8] = (byte) (1 << (row % 8)); // a diagonal line
        }
        instance.set(Tag.OverlayData, VR.OW, bits);
        assertThat(server.post("/dicom-web/studies", "application/dicom",
                SyntheticInstances.partTen(instance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).statusCode()).isEqualTo(200);
        String path = "/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0) + "/instances/" + sop + "/rendered";

        int[] plain = pixels(image(server.get(path + "?accept=image/png")));
        int[] drawn = pixels(image(server.get(path + "?accept=image/png&overlays=true")));

        assertThat(drawn).isEqualTo(pixels(expected(sop, new RenderOptions(null, false, true))));
        for (int i = 0; i < 32; i++) {
            assertThat(drawn[i * 32 + i]).as("diagonal pixel %d", i).isEqualTo(255);
        }
        assertThat(drawn).isNotEqualTo(plain);
    }

    @Test
    void passesAVideoStreamThroughAsTheMediaTypeOfItsTransferSyntax() throws Exception {
        String sop = uid("70", "4", "1");
        Attributes video = ct("P70", STUDY, uid("70", "4"), sop, 32, 1);
        video.setInts(Tag.NumberOfFrames, VR.IS, 30);
        // Not a real H.264 stream: the archive passes it through without decoding it.
        byte[] first = "first fragment of the stream".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "and the rest of it".getBytes(StandardCharsets.US_ASCII);
        Fragments stream = new Fragments();
        stream.add(new byte[0]);
        stream.add(first);
        stream.add(second);
        video.set(Tag.PixelData, VR.OB, stream);
        assertThat(server.post("/dicom-web/studies", "application/dicom",
                SyntheticInstances.partTen(video, TransferSyntax.of(UID.MPEG4HP41))).statusCode()).isEqualTo(200);
        String path = "/dicom-web/studies/" + STUDY + "/series/" + uid("70", "4") + "/instances/" + sop + "/rendered";

        HttpResponse<byte[]> mp4 = server.get(path, "Accept", "video/mp4");
        HttpResponse<byte[]> jpeg = server.get(path, "Accept", "image/jpeg");
        HttpResponse<byte[]> study = server.get("/dicom-web/studies/" + STUDY + "/rendered", "Accept", "image/png");

        assertThat(mp4.statusCode()).isEqualTo(200);
        assertThat(mp4.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(new String(mp4.body(), StandardCharsets.US_ASCII))
                .isEqualTo("first fragment of the streamand the rest of it");
        assertThat(jpeg.statusCode()).isEqualTo(406);
        assertThat(TestServer.text(jpeg)).contains("video/mp4");
        assertThat(study.statusCode()).as("the study's images, the video left out").isEqualTo(200);
    }

    @Test
    void scalesToTheViewportAndCutsAndFlipsItsSourceRegion() throws Exception {
        String path = instance(2, 1) + "/rendered?accept=image/png&viewport=";
        BufferedImage whole = image(server.get(path + "32,32"));

        assertThat(size(image(server.get(path + "64,16")))).containsExactly(16, 16);
        assertThat(size(image(server.get(path + "64,64,0,0,16,32")))).containsExactly(32, 64);
        BufferedImage mirrored = image(server.get(path + "32,32,0,0,-32,32"));
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(mirrored.getRaster().getSample(x, y, 0)).isEqualTo(whole.getRaster().getSample(31 - x, y, 0));
            }
        }
    }

    @Test
    void writesPatientTextAtTheTopAndTechniqueTextAtTheBottom() throws Exception {
        String path = instance(1, 1) + "/rendered?accept=image/png&viewport=256,256";
        int[] plain = pixels(image(server.get(path)));
        int[] patient = pixels(image(server.get(path + "&annotation=patient")));
        int[] technique = pixels(image(server.get(path + "&annotation=technique")));
        int[] both = pixels(image(server.get(path + "&annotation=patient,technique")));

        // 256 x 256 grey pixels: rows 0 to 127 are the top half.
        int half = 128 * 256;
        assertThat(Arrays.copyOfRange(patient, 0, half)).isNotEqualTo(Arrays.copyOfRange(plain, 0, half));
        assertThat(Arrays.copyOfRange(patient, half, plain.length)).isEqualTo(Arrays.copyOfRange(plain, half, plain.length));
        assertThat(Arrays.copyOfRange(technique, 0, half)).isEqualTo(Arrays.copyOfRange(plain, 0, half));
        assertThat(Arrays.copyOfRange(technique, half, plain.length))
                .isNotEqualTo(Arrays.copyOfRange(plain, half, plain.length));
        assertThat(Arrays.copyOfRange(both, 0, half)).isEqualTo(Arrays.copyOfRange(patient, 0, half));
        assertThat(Arrays.copyOfRange(both, half, plain.length)).isEqualTo(Arrays.copyOfRange(technique, half, plain.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"window=abc", "window=40", "window=40,0", "window=40,400,cubic", "viewport=0,10",
        "viewport=10", "viewport=10,10,40,0,5,5", "quality=0", "quality=x", "annotation=everything"})
    void refusesParametersItCannotReadWith400(String parameter) {
        HttpResponse<byte[]> response = server.get(instance(1, 1) + "/rendered?" + parameter);

        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(400);
    }

    @Test
    void answersWhatItCannotRenderWithItsStatus() {
        assertThat(server.get(instance(1, 1) + "/rendered", "Accept", "text/html").statusCode()).isEqualTo(406);
        assertThat(server.get(instance(1, 1) + "/frames/2/rendered").statusCode()).isEqualTo(404);
        assertThat(server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0) + "/instances/"
                + uid("70", "9", "9") + "/rendered").statusCode()).isEqualTo(404);
        assertThat(server.get("/dicom-web/studies/" + STUDY + "/series/" + uid("70", "3") + "/instances/" + PDF_SOP
                + "/rendered", "Accept", "image/jpeg").statusCode()).isEqualTo(406);
    }

    @Test
    void rendersFramesOneAsAnImageAndSeveralAsMultipart() throws Exception {
        HttpResponse<byte[]> one = server.get(instance(1, 3) + "/frames/1/rendered", "Accept", "image/png");
        HttpResponse<byte[]> two = server.get(instance(1, 3) + "/frames/1,1/rendered", "Accept", "image/png");

        assertThat(one.headers().firstValue("Content-Type")).hasValue("image/png");
        List<TestServer.Part> parts = TestServer.parts(two);
        assertThat(parts).hasSize(2);
        assertThat(parts).allSatisfy(part -> assertThat(part.body()).isEqualTo(one.body()));
    }

    @Test
    void rendersEachImageOfASeriesAndOfAStudyAndLeavesOutTheReport() {
        HttpResponse<byte[]> series = server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(1) + "/rendered");
        HttpResponse<byte[]> study = server.get("/dicom-web/studies/" + STUDY + "/rendered", "Accept",
                "multipart/related; type=\"image/png\"");

        assertThat(series.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("multipart/related; type=\"image/jpeg\"");
        assertThat(TestServer.parts(series)).hasSize(3);
        assertThat(TestServer.parts(study)).hasSize(6).allSatisfy(part -> assertThat(part.contentType())
                .isEqualTo("image/png"));
    }

    @Test
    void rendersAnEncapsulatedPdfAsTheDocument() {
        HttpResponse<byte[]> response = server.get("/dicom-web/studies/" + STUDY + "/series/" + uid("70", "3")
                + "/instances/" + PDF_SOP + "/rendered");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.body()).isEqualTo(PDF);
    }

    @Test
    void makesThumbnailsOfTheMiddleInstanceAndKeepsThemInABoundedCache() throws Exception {
        HttpResponse<byte[]> series = server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0)
                + "/thumbnail", "Accept", "image/png");
        HttpResponse<byte[]> study = server.get("/dicom-web/studies/" + STUDY + "/thumbnail", "Accept", "image/png");
        HttpResponse<byte[]> small = server.get(instance(1, 2) + "/thumbnail?viewport=16,16", "Accept", "image/png");

        assertThat(series.statusCode()).isEqualTo(200);
        assertThat(size(image(series))).containsExactly(128, 128);
        assertThat(study.body()).isEqualTo(series.body()); // the first series' middle instance either way
        assertThat(pixels(image(small))).isEqualTo(pixels(scaled(expected(uid("70", "1", "2"), RenderOptions.DEFAULT))));
        Path cache = dir.resolve("cache").resolve("thumbnails");
        assertThat(files(cache)).hasSize(2);

        deleteAll(cache);
        HttpResponse<byte[]> again = server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(0)
                + "/thumbnail", "Accept", "image/png");
        assertThat(again.body()).isEqualTo(series.body());
        assertThat(files(cache)).hasSize(1);
    }

    @Test
    void makesTheThumbnailOfA500InstanceSeriesFromItsMiddleInstanceOnce() throws Exception {
        String series = uid("70", "5");
        List<byte[]> files = new ArrayList<>();
        for (int number = 1; number <= 500; number++) {
            Attributes instance = ct("P70", STUDY, series, uid("70", "5", "" + number), 16, number);
            instance.setInts(Tag.SeriesNumber, VR.IS, 5);
            files.add(SyntheticInstances.partTen(instance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        }
        assertThat(server.post("/dicom-web/studies", "multipart/related; type=\"application/dicom\"; boundary=b",
                TestServer.multipart("b", "application/dicom", files)).statusCode()).isEqualTo(200);
        String path = "/dicom-web/studies/" + STUDY + "/series/" + series + "/thumbnail?viewport=16,16";

        HttpResponse<byte[]> first = server.get(path, "Accept", "image/png");
        HttpResponse<byte[]> second = server.get(path, "Accept", "image/png");

        // Instances 1 to 500 in Instance Number order: the middle one is the 251st.
        assertThat(pixels(image(first))).isEqualTo(pixels(scaled(expected(uid("70", "5", "251"), RenderOptions.DEFAULT))));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(files(dir.resolve("cache").resolve("thumbnails"))).hasSize(1);
    }

    @Test
    void makesThumbnailsOfTheConfiguredSizeAndKeepsNoneInACacheOfNoRoom() throws Exception {
        server.close();
        server = TestServer.start(dir.resolve("configured"), DicomWebConfig.DEFAULTS.withThumbnails(48, 0));
        storeTheStudy();

        HttpResponse<byte[]> thumbnail = server.get("/dicom-web/studies/" + STUDY + "/thumbnail", "Accept", "image/png");

        assertThat(size(image(thumbnail))).containsExactly(48, 48);
        Path cache = dir.resolve("configured").resolve("cache").resolve("thumbnails");
        assertThat(Files.exists(cache) ? files(cache) : List.of()).isEmpty();
    }

    @Test
    void evictsTheLeastRecentlyUsedThumbnailsOverItsBound() throws Exception {
        ThumbnailCache cache = new ThumbnailCache(dir.resolve("bounded"), 10_000);
        for (int i = 0; i < 20; i++) {
            cache.put("key" + i, new byte[1_000]);
        }

        long total = 0;
        for (Path file : cache.files()) {
            total += Files.size(file);
        }
        assertThat(total).isLessThanOrEqualTo(10_000);
        assertThat(cache.get("key19")).isPresent();
    }

    @Test
    void wadoUriRendersJpegByDefaultAndPngWithTheWindowAndSizeAsked() throws Exception {
        String object = "/wado?requestType=WADO&studyUID=" + STUDY + "&seriesUID=" + SERIES.get(0) + "&objectUID="
                + uid("70", "1", "2");

        HttpResponse<byte[]> jpeg = server.get(object);
        HttpResponse<byte[]> png = server.get(object + "&contentType=image%2Fpng&windowCenter=1000&windowWidth=1500&rows=16");
        HttpResponse<byte[]> gif = server.get(object + "&contentType=image%2Fgif");

        assertThat(gif.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(size(image(png))).containsExactly(16, 16);
        assertThat(server.get(object + "&windowCenter=1000").statusCode()).isEqualTo(400);
        assertThat(server.get(object + "&frameNumber=2").statusCode()).isEqualTo(400);
        assertThat(server.get(object + "&contentType=text%2Fplain").statusCode()).isEqualTo(406);
    }

    private static String instance(int series, int number) {
        return "/dicom-web/studies/" + STUDY + "/series/" + SERIES.get(series - 1) + "/instances/"
                + uid("70", "" + series, "" + number);
    }

    private static Attributes pdf() {
        Attributes pdf = new Attributes();
        pdf.setString(Tag.SOPClassUID, VR.UI, UID.EncapsulatedPDFStorage);
        pdf.setString(Tag.SOPInstanceUID, VR.UI, PDF_SOP);
        pdf.setString(Tag.StudyInstanceUID, VR.UI, STUDY);
        pdf.setString(Tag.SeriesInstanceUID, VR.UI, uid("70", "3"));
        pdf.setString(Tag.PatientID, VR.LO, "P70");
        pdf.setString(Tag.PatientName, VR.PN, "Doe^Jane^P70");
        pdf.setString(Tag.Modality, VR.CS, "DOC");
        pdf.setInts(Tag.SeriesNumber, VR.IS, 3);
        pdf.setString(Tag.MIMETypeOfEncapsulatedDocument, VR.LO, "application/pdf");
        pdf.set(Tag.EncapsulatedDocument, VR.OB, PDF);
        return pdf;
    }

    /** The core renderer's image of a stored instance. */
    private BufferedImage expected(String sop, RenderOptions options) throws IOException {
        StoredInstance stored = server.archive.index().find(sop);
        try (DicomReader reader = DicomReader.open(server.archive.blobs().pathOf(stored.fileKey()))
                .bulkData(BulkDataPolicy.REFERENCE, 64)) {
            return FrameRenderer.render(ImageFrames.of(reader.readFile()), 0, options);
        }
    }

    private static BufferedImage scaled(BufferedImage image) {
        return Viewport.square(16).apply(image);
    }

    private static BufferedImage image(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    private static int[] size(BufferedImage image) {
        return new int[] {image.getWidth(), image.getHeight()};
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteAll(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
