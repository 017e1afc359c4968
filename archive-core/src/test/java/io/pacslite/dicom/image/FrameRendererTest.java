package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.Corpus;
import io.pacslite.testing.TestPeers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendered frames are within one grey level (per channel) of reference renderings that
 * {@code rendered_reference.py} makes from pydicom's decoded array with pydicom's Modality
 * LUT, VOI LUT, palette and colour conversion and the window functions of PS3.3 C.11.2.
 */
final class FrameRendererTest {

    @TempDir
    static Path dir;
    private static List<Case> cases;

    /** One rendering: a file, a frame (from 0), an optional window, and whether to invert. */
    record Case(String name, Path file, int frame, Window window, boolean invert) {
        @Override
        public String toString() {
            return name;
        }

        String spec() {
            return String.join("|", file.toString(), String.valueOf(frame),
                    window == null ? "" : String.valueOf(window.center()), window == null ? "" : String.valueOf(window.width()),
                    window == null ? "" : window.function().name(), invert ? "1" : "0");
        }
    }

    @BeforeAll
    static void makeReferences() throws IOException {
        TestPeers.requirePydicom();
        Path script = dir.resolve("rendered_reference.py");
        try (InputStream in = FrameRendererTest.class.getResourceAsStream("rendered_reference.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(TestPeers.PYTHON, script.toString(), dir.toString()));
        cases().forEach(c -> command.add(c.spec()));
        TestPeers.Result result = TestPeers.run(command, null);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    static List<Case> cases() throws IOException {
        if (cases != null) {
            return cases;
        }
        Path corpus = TestPeers.pydicomData().resolve("test_files");
        Path generated = Files.createDirectories(dir.resolve("generated"));
        cases = List.of(
                new Case("CT_small, the span of its values", corpus.resolve("CT_small.dcm"), 0, null, false),
                new Case("CT_small, LINEAR 40,400", corpus.resolve("CT_small.dcm"), 0, new Window(40, 400, VoiFunction.LINEAR), false),
                new Case("CT_small, LINEAR_EXACT 40,400 inverted", corpus.resolve("CT_small.dcm"), 0,
                        new Window(40, 400, VoiFunction.LINEAR_EXACT), true),
                new Case("CT_small, SIGMOID 100,300", corpus.resolve("CT_small.dcm"), 0,
                        new Window(100, 300, VoiFunction.SIGMOID), false),
                new Case("MR_small, its own window", corpus.resolve("MR_small.dcm"), 0, null, false),
                new Case("MR_small_RLE, its own window", corpus.resolve("MR_small_RLE.dcm"), 0, null, false),
                new Case("MR_small_bigendian, narrow window", corpus.resolve("MR_small_bigendian.dcm"), 0,
                        new Window(1000, 1, VoiFunction.LINEAR), false),
                new Case("rtdose frame 5 of 15", corpus.resolve("rtdose.dcm"), 4, null, false),
                new Case("liver_1frame, single bits", corpus.resolve("liver_1frame.dcm"), 0, null, false),
                new Case("image_dfl, deflated", corpus.resolve("image_dfl.dcm"), 0, null, false),
                new Case("ExplVR_BigEnd, RGB by plane", corpus.resolve("ExplVR_BigEnd.dcm"), 0, null, false),
                new Case("SC_rgb_rle_16bit_2frame frame 2", corpus.resolve("SC_rgb_rle_16bit_2frame.dcm"), 1, null, false),
                new Case("SC_rgb_rle inverted", corpus.resolve("SC_rgb_rle.dcm"), 0, null, true),
                new Case("SC_ybr_full_422_uncompressed", corpus.resolve("SC_ybr_full_422_uncompressed.dcm"), 0, null, false),
                new Case("SC_rgb_dcmtk_+eb+cy+np, JPEG YBR_FULL_422", corpus.resolve("SC_rgb_dcmtk_+eb+cy+np.dcm"), 0, null,
                        false),
                new Case("SC_rgb_jpeg_dcmtk, JPEG YBR_FULL", corpus.resolve("SC_rgb_jpeg_dcmtk.dcm"), 0, null, false),
                new Case("MONOCHROME1, signed and rescaled", monochrome1(generated), 1,
                        new Window(0, 2000, VoiFunction.LINEAR), false),
                new Case("Modality LUT Sequence", modalityLut(generated), 0, null, false),
                new Case("VOI LUT Sequence", voiLut(generated), 0, null, false),
                new Case("PALETTE COLOR of 8-bit entries", palette(generated, 8), 0, null, false),
                new Case("PALETTE COLOR of 16-bit entries", palette(generated, 16), 0, null, false));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersWithinOneGreyLevelOfTheReference(Case c) throws IOException {
        byte[] reference = Files.readAllBytes(dir.resolve(cases.indexOf(c) + ".bin"));

        BufferedImage image = render(c.file(), c.frame(), new RenderOptions(c.window(), c.invert()));

        int[] ours = samples(image);
        assertThat(ours).as("samples").hasSize(reference.length);
        int[] differences = IntStream.range(0, ours.length).map(i -> Math.abs(ours[i] - (reference[i] & 0xFF))).toArray();
        assertThat(IntStream.of(differences).max().orElse(0)).as("largest difference from the reference").isLessThanOrEqualTo(1);
    }

    static Stream<Named<Path>> corpusImages() {
        return Corpus.readableFiles().stream().filter(r -> r.dicom().dataset().contains(Tag.PixelData))
                .map(r -> Named.of(r.toString(), r.path()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusImages")
    void rendersEveryCorpusImageOrSaysWhyNot(Path file) throws IOException {
        try {
            BufferedImage image = render(file, 0, RenderOptions.DEFAULT);
            assertThat(image.getWidth() * image.getHeight()).isPositive();
        } catch (DicomException e) {
            // JPEG2000-embedded-sequence-delimiter.dcm: 4 bytes of its SIZ overwritten (pydicom's README)
            assertThat(e.getMessage()).matches(".*(Image Pixel Module|not decoded yet"
                    + "|JPEG 2000 frame 1: its SIZ marker segment declares \\d+ x \\d+ pixels).*");
        }
    }

    @Test
    void writesPngThatReadsBackAsRendered() throws IOException {
        BufferedImage image = render(cases().get(0).file(), 0, RenderOptions.DEFAULT);
        ByteArrayOutputStream png = new ByteArrayOutputStream();

        ImageOutput.PNG.write(image, ImageOutput.DEFAULT_JPEG_QUALITY, png);

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(samples(read)).isEqualTo(samples(image));
    }

    @Test
    void writesGreyGifThatReadsBackAsRendered() throws IOException {
        BufferedImage image = render(cases().get(0).file(), 0, RenderOptions.DEFAULT);
        ByteArrayOutputStream gif = new ByteArrayOutputStream();

        ImageOutput.GIF.write(image, ImageOutput.DEFAULT_JPEG_QUALITY, gif);

        assertThat(gif.toByteArray()).startsWith('G', 'I', 'F');
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(gif.toByteArray()));
        int[] levels = new int[image.getWidth() * image.getHeight()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = read.getRGB(i % image.getWidth(), i / image.getWidth()) & 0xFF;
        }
        assertThat(levels).isEqualTo(samples(image));
    }

    @Test
    void writesJpegOfTheFrameSize() throws IOException {
        BufferedImage image = render(TestPeers.pydicomData().resolve("test_files/SC_rgb_rle.dcm"), 0, RenderOptions.DEFAULT);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();

        ImageOutput.JPEG.write(image, 0.8f, jpeg);

        byte[] bytes = jpeg.toByteArray();
        assertThat(bytes).startsWith(0xFF, 0xD8);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(read.getWidth()).isEqualTo(100);
        assertThat(read.getHeight()).isEqualTo(100);
    }

    @Test
    void refusesAWindowOfNoWidth() {
        assertThatThrownBy(() -> new Window(40, 0.5, VoiFunction.LINEAR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        Attributes dataset = TestImages.image("MONOCHROME2", 2, 2, 1, 8, 8, 0, 0, 1);
        dataset.setDoubles(Tag.WindowCenter, VR.DS, 10);
        dataset.setDoubles(Tag.WindowWidth, VR.DS, 0);

        assertThatThrownBy(() -> Window.first(dataset)).isInstanceOf(DicomException.class).hasMessageContaining("Window Width");
    }

    private static BufferedImage render(Path file, int frame, RenderOptions options) throws IOException {
        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.REFERENCE, 1024)) {
            return FrameRenderer.render(ImageFrames.of(reader.readFile()), frame, options);
        }
    }

    /** Grey levels, or R, G, B of each pixel. */
    private static int[] samples(BufferedImage image) {
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        int pixels = image.getWidth() * image.getHeight();
        int[] samples = new int[grey ? pixels : 3 * pixels];
        for (int i = 0; i < pixels; i++) {
            int x = i % image.getWidth();
            int y = i / image.getWidth();
            if (grey) {
                samples[i] = image.getRaster().getSample(x, y, 0);
            } else {
                int rgb = image.getRGB(x, y);
                samples[3 * i] = rgb >> 16 & 0xFF;
                samples[3 * i + 1] = rgb >> 8 & 0xFF;
                samples[3 * i + 2] = rgb & 0xFF;
            }
        }
        return samples;
    }

    private static Path monochrome1(Path dir) throws IOException {
        Attributes dataset = TestImages.image("MONOCHROME1", 8, 6, 1, 16, 12, 1, 0, 2);
        dataset.setDoubles(Tag.RescaleSlope, VR.DS, 2);
        dataset.setDoubles(Tag.RescaleIntercept, VR.DS, -100);
        return TestImages.write(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dir.resolve("monochrome1.dcm"));
    }

    private static Path modalityLut(Path dir) throws IOException {
        Attributes dataset = TestImages.image("MONOCHROME2", 8, 8, 1, 16, 12, 0, 0, 1);
        Attributes item = new Attributes();
        TestImages.lookupTable(item, Tag.LUTDescriptor, Tag.LUTData, 100, 16,
                IntStream.range(0, 3000).map(i -> 3 * i + 7).toArray(), false);
        item.setString(Tag.ModalityLUTType, VR.LO, "US");
        dataset.set(Tag.ModalityLUTSequence, VR.SQ, sequenceOf(item));
        return TestImages.write(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dir.resolve("modality-lut.dcm"));
    }

    private static Path voiLut(Path dir) throws IOException {
        Attributes dataset = TestImages.image("MONOCHROME2", 9, 7, 1, 8, 8, 0, 0, 1);
        Attributes item = new Attributes();
        TestImages.lookupTable(item, Tag.LUTDescriptor, Tag.LUTData, 20, 10,
                IntStream.range(0, 200).map(i -> 5 * i).toArray(), false);
        dataset.set(Tag.VOILUTSequence, VR.SQ, sequenceOf(item));
        return TestImages.write(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dir.resolve("voi-lut.dcm"));
    }

    private static Path palette(Path dir, int bits) throws IOException {
        Attributes dataset = TestImages.image("PALETTE COLOR", 10, 12, 1, 8, 8, 0, 0, 1);
        int max = (1 << bits) - 1;
        int[][] channels = {
            IntStream.range(0, 256).map(i -> i * max / 255).toArray(),
            IntStream.range(0, 256).map(i -> (255 - i) * max / 255).toArray(),
            IntStream.range(0, 256).map(i -> (i * 37 % 256) * max / 255).toArray()};
        int[] descriptors = {Tag.RedPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableDescriptor,
            Tag.BluePaletteColorLookupTableDescriptor};
        int[] data = {Tag.RedPaletteColorLookupTableData, Tag.GreenPaletteColorLookupTableData,
            Tag.BluePaletteColorLookupTableData};
        for (int c = 0; c < 3; c++) {
            TestImages.lookupTable(dataset, descriptors[c], data[c], 0, bits, channels[c], bits == 8);
        }
        return TestImages.write(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dir.resolve("palette" + bits + ".dcm"));
    }

    private static Sequence sequenceOf(Attributes item) {
        Sequence sequence = new Sequence();
        sequence.add(item);
        return sequence;
    }
}
