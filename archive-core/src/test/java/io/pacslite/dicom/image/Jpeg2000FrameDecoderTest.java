package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.TransferSyntax;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEG 2000 frames, decoded by JJ2000 ({@code jai-imageio-jpeg2000}), against GDCM (OpenJPEG
 * underneath) as the oracle: every JPEG 2000 file of pydicom's corpus decodes to what
 * {@code gdcmconv --raw} decompresses (the one lossy file with the 9-7 wavelet within 1, where
 * the two decoders round differently) and to what pydicom decodes (through Pillow and
 * OpenJPEG); native images (corpus and generated ones: 8, 12 and 16 bits, signed, RGB,
 * several frames) compressed by {@code gdcmconv --j2k} decode to exactly the original samples
 * and to what {@code gdcmconv --raw} decodes, and lossy ones ({@code --lossy -q}, {@code -r},
 * {@code --irreversible}) exactly as GDCM decodes them; bad frames are refused with the reason.
 */
final class Jpeg2000FrameDecoderTest {

    private static final List<String> NATIVE = List.of("CT_small.dcm", "MR_small.dcm", "SC_rgb_jpeg_dcmd.dcm", "mono8",
            "mono12", "signed12", "mono16", "signed16", "rgb8", "mono16x3");

    @TempDir
    Path dir;

    /** pydicom's JPEG 2000 files and how far from GDCM's decoding ours may be. */
    static Stream<Arguments> corpus() {
        return Stream.of(Arguments.of("JPEG2000.dcm", 1), Arguments.of("693_J2KI.dcm", 0),
                Arguments.of("MR_small_jp2klossless.dcm", 0), Arguments.of("GDCMJ2K_TextGBR.dcm", 0),
                Arguments.of("J2K_pixelrep_mismatch.dcm", 0), Arguments.of("SC_rgb_gdcm_KY.dcm", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decodesPydicomsJpeg2000FilesAsGdcm(String name, int tolerance) throws IOException {
        Path file = TestImages.corpus(name);
        Path decompressed = ToolkitCodecs.run("gdcmconv", file, dir.resolve("raw.dcm"), "--raw");

        assertWithin(ToolkitCodecs.frames(file), ToolkitCodecs.frames(decompressed), tolerance);
    }

    /**
     * pydicom (Pillow, OpenJPEG) as a second oracle; GDCMJ2K_TextGBR.dcm is left out, as its frame
     * is a JP2 file that Pillow refuses.
     */
    @Test
    void decodesPydicomsJpeg2000FilesAsPydicom() throws IOException {
        List<Path> files = Stream.of("JPEG2000.dcm", "693_J2KI.dcm", "MR_small_jp2klossless.dcm",
                "J2K_pixelrep_mismatch.dcm", "SC_rgb_gdcm_KY.dcm").map(TestImages::corpus).toList();
        Map<Path, PydicomPixels.Decoded> pydicom = PydicomPixels.decode(files);
        for (Path file : files) {
            long[] expected = pydicom.get(file).values();
            assertThat(expected).as("%s: %s", file, pydicom.get(file).skipped()).isNotNull();
            int[] ours = ToolkitCodecs.frames(file)[0];
            assertThat(ours).hasSameSizeAs(expected);
            int tolerance = file.endsWith("JPEG2000.dcm") ? 1 : 0;
            for (int i = 0; i < ours.length; i++) {
                assertThat(Math.abs(ours[i] - expected[i])).as("%s sample %d", file, i).isLessThanOrEqualTo(tolerance);
            }
        }
    }

    /**
     * PS3.5 8.2.4: the codestream's sign wins for the decoded values, which are then in Pixel
     * Representation's form: the unsigned 13-bit components of a Pixel Representation 1 image
     * come out as 13-bit two's complement values (pydicom's -2000 to 1896).
     */
    @Test
    void decodesUnsignedComponentsOfASignedImageAsSignedStoredValues() throws IOException {
        int[] samples = ToolkitCodecs.frames(TestImages.corpus("J2K_pixelrep_mismatch.dcm"))[0];

        assertThat(Arrays.stream(samples).min().orElseThrow()).isEqualTo(-2000);
        assertThat(Arrays.stream(samples).max().orElseThrow()).isEqualTo(1896);
    }

    @Test
    void decodesYbrRctFramesToRgb() throws IOException {
        DicomFile file = TestImages.read(TestImages.corpus("GDCMJ2K_TextGBR.dcm"));
        ImageFrames frames = ImageFrames.of(file);

        FrameSamples frame = frames.frame(0);
        BufferedImage rendered = FrameRenderer.render(frames, 0, RenderOptions.DEFAULT);

        assertThat(frames.pixel().photometricInterpretation()).isEqualTo(PhotometricInterpretation.YBR_RCT);
        assertThat(frame.pixel().photometricInterpretation()).isEqualTo(PhotometricInterpretation.RGB);
        for (int i = 0; i < frame.pixel().pixelsPerFrame(); i++) {
            int[] s = frame.samples();
            assertThat(rendered.getRGB(i % 400, i / 400) & 0xFFFFFF).as("pixel %d", i)
                    .isEqualTo(s[3 * i] << 16 | s[3 * i + 1] << 8 | s[3 * i + 2]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeImages")
    void decodesGdcmLosslessFramesToTheOriginalSamples(String image) throws IOException {
        Path original = source(image);
        Path compressed = ToolkitCodecs.run("gdcmconv", original, dir.resolve("compressed.dcm"), "--j2k");
        Path decompressed = ToolkitCodecs.run("gdcmconv", compressed, dir.resolve("raw.dcm"), "--raw");

        assertThat(TestImages.read(compressed).transferSyntax().uid()).isEqualTo(UID.JPEG2000Lossless);
        int[][] ours = ToolkitCodecs.frames(compressed);
        assertThat(ours).isDeepEqualTo(ToolkitCodecs.frames(original));
        assertThat(ours).isDeepEqualTo(ToolkitCodecs.frames(decompressed));
    }

    static Stream<String> nativeImages() {
        return NATIVE.stream();
    }

    /**
     * Lossy codestreams: ours decode exactly as GDCM's OpenJPEG does, once GDCM's values are
     * clamped to Bits Stored (GDCM codes 12-bit images in 16-bit codestreams and its decompressed
     * file says Bits Stored 16, keeping a lossy overshoot past 12 bits that we clamp).
     */
    static Stream<Arguments> lossy() {
        List<Arguments> cases = new ArrayList<>();
        for (String image : List.of("CT_small.dcm", "SC_rgb_jpeg_dcmd.dcm", "mono8", "signed12", "rgb8")) {
            cases.add(Arguments.of(image, List.of("--j2k", "--lossy", "-q", "30")));
            cases.add(Arguments.of(image, List.of("--j2k", "--lossy", "-r", "10")));
            cases.add(Arguments.of(image, List.of("--j2k", "--irreversible")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossy")
    void decodesGdcmLossyFramesAsGdcm(String image, List<String> options) throws IOException {
        Path original = source(image);
        Path compressed = ToolkitCodecs.run("gdcmconv", original, dir.resolve("compressed.dcm"),
                options.toArray(String[]::new));
        Path decompressed = ToolkitCodecs.run("gdcmconv", compressed, dir.resolve("raw.dcm"), "--raw");

        DicomFile file = TestImages.read(compressed);
        assertThat(file.transferSyntax().uid()).isIn(UID.JPEG2000, UID.JPEG2000Lossless);
        assertWithin(ToolkitCodecs.frames(compressed), clampedToBitsStored(ToolkitCodecs.frames(decompressed),
                ImagePixel.of(file.dataset())), 0);
    }

    @Test
    void decodesFramesInParallel() throws Exception {
        Path compressed = ToolkitCodecs.run("gdcmconv", TestImages.corpus("CT_small.dcm"), dir.resolve("ct.dcm"), "--j2k");
        int[][] expected = ToolkitCodecs.frames(compressed);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[][]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> ToolkitCodecs.frames(compressed)));
            }
            for (Future<int[][]> result : results) {
                assertThat(result.get()).isDeepEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The first frame's header is checked when the frames are found, before any frame is asked for. */
    @Test
    void refusesASizThatDeclaresAHugeImageWhenTheFramesAreFound() throws IOException {
        DicomFile file = TestImages.read(TestImages.corpus("JPEG2000-embedded-sequence-delimiter.dcm"));

        assertThatThrownBy(() -> ImageFrames.of(file)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG 2000 frame 1: its SIZ marker segment declares 3722445056 x 1024 pixels, the image has"
                        + " 256 x 1024");
    }

    @Test
    void refusesAFrameWhoseSizeIsNotTheImages() throws IOException {
        DicomFile file = compressedCt();
        file.dataset().setInts(Tag.Columns, VR.US, 127);

        assertThatThrownBy(() -> ImageFrames.of(file).frame(0)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG 2000 frame 1: its SIZ marker segment declares 128 x 128 pixels, the image has 127 x 128");
    }

    @Test
    void refusesAHeaderDeclaringAHugeFrameBeforeAllocating() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file).clone();
        setUint32(frame, 8, 60000);
        setUint32(frame, 12, 60000);

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG 2000 frame 1: its SIZ marker segment declares 60000 x 60000 pixels, the image has"
                        + " 128 x 128");
    }

    @Test
    void refusesMoreTilesThanTheStandardAllows() throws IOException {
        Attributes image = TestImages.image("MONOCHROME2", 300, 300, 1, 8, 8, 0, 0, 1);
        Path original = TestImages.write(image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dir.resolve("big.dcm"));
        DicomFile file = TestImages.read(ToolkitCodecs.run("gdcmconv", original, dir.resolve("big-j2k.dcm"), "--j2k"));
        byte[] frame = FrameMutants.firstFrame(file).clone();
        setUint32(frame, 24, 1);
        setUint32(frame, 28, 1);

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG 2000 frame 1: its SIZ marker segment declares 90000 tiles, more than the 65535"
                        + " ISO/IEC 15444-1 allows");
    }

    @Test
    void refusesComponentsThatAreNotTheSamplesOfAPixel() throws IOException {
        DicomFile file = TestImages.read(ToolkitCodecs.run("gdcmconv", source("rgb8"), dir.resolve("rgb.dcm"), "--j2k"));
        file.dataset().setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        file.dataset().setInts(Tag.SamplesPerPixel, VR.US, 1);

        assertThatThrownBy(() -> ImageFrames.of(file).frame(0)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG 2000 frame 1: it has 3 components, the image 1 samples per pixel");
    }

    @Test
    void refusesComponentsDeeperThanBitsAllocated() throws IOException {
        DicomFile file = compressedCt();
        file.dataset().setInts(Tag.BitsAllocated, VR.US, 8);
        file.dataset().setInts(Tag.BitsStored, VR.US, 8);
        file.dataset().setInts(Tag.HighBit, VR.US, 7);

        assertThatThrownBy(() -> ImageFrames.of(file).frame(0)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG 2000 frame 1: its component 0 has 16 bits, more than Bits Allocated 8");
    }

    @Test
    void refusesThirtyTwoBitsAllocated() throws IOException {
        DicomFile file = compressedCt();
        file.dataset().setInts(Tag.BitsAllocated, VR.US, 32);

        assertThatThrownBy(() -> ImageFrames.of(file)).isInstanceOf(DicomException.class)
                .hasMessageContaining("not in Bits Allocated 32");
    }

    /** Cut before its EOC marker, inside its tile-part, inside its main header. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 1000, 13540})
    void refusesATruncatedFrame(int cut) throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file);

        assertThat(frame).hasSize(13640);
        assertThatThrownBy(() -> FrameMutants.decode(file, Arrays.copyOf(frame, frame.length - cut)))
                .isInstanceOf(DicomException.class).hasMessageStartingWith("JPEG 2000 frame 1: ")
                .hasMessageContaining(cut == 13540 ? "ends in its main header" : "truncated");
    }

    @Test
    void refusesAFrameThatJj2000CannotDecode() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file).clone();
        int cod = FrameMutants.indexOfMarker(frame, 0x52);
        frame[cod + 9] = 40;

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessageStartingWith("JPEG 2000 frame 1: JJ2000 cannot decode it: ");
    }

    @Test
    void refusesBytesThatAreNotJpeg2000() throws IOException {
        DicomFile file = compressedCt();

        assertThatThrownBy(() -> FrameMutants.decode(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(DicomException.class).hasMessage("JPEG 2000 frame 1: it does not start with the SOC and SIZ"
                        + " markers of a JPEG 2000 codestream (ISO/IEC 15444-1 A.3)");
    }

    @Test
    void everyMutatedFrameDecodesOrIsRefusedWithAReason() throws IOException {
        FrameMutants.assertEachDecodesOrIsRefused(compressedCt(), 1000, "JPEG 2000 frame 1: ");
    }

    @Test
    void everyMutatedColourFrameDecodesOrIsRefusedWithAReason() throws IOException {
        Path compressed = ToolkitCodecs.run("gdcmconv", source("rgb8"), dir.resolve("rgb.dcm"), "--j2k");
        FrameMutants.assertEachDecodesOrIsRefused(TestImages.read(compressed), 500, "JPEG 2000 frame 1: ");
    }

    /**
     * With jai-imageio's JPEG 2000 plugin (and jai-imageio-core's plugins) on the class path,
     * JPEG frames are still read by the JDK's reader, and rendered frames are written by the JDK's
     * PNG and JPEG writers.
     */
    @Test
    void theJdksImageIoPluginsStillReadAndWriteJpegAndPng() throws IOException {
        assertThat(JdkJpegReader.isJdks(JdkJpegReader.provider())).isTrue();
        ImageReader reader = JdkJpegReader.create();
        assertThat(reader.getOriginatingProvider().getClass().getModule().getName()).isEqualTo("java.desktop");
        reader.dispose();
        for (String format : List.of("jpeg", "png")) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            assertThat(readers.next().getOriginatingProvider().getClass().getModule().getName()).as(format)
                    .isEqualTo("java.desktop");
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
            assertThat(writers.next().getOriginatingProvider().getClass().getModule().getName()).as(format)
                    .isEqualTo("java.desktop");
        }
    }

    /**
     * A native image: {@link TestImages#source}'s, but RGB of 40 x 48 pixels (gdcmconv 3.0.21
     * does not compress its 13 x 11 one, nor RGB of more than 8 bits) and three frames of 16 bits
     * (it refuses several signed frames).
     */
    private Path source(String image) throws IOException {
        Attributes dataset = switch (image) {
            case "rgb8" -> TestImages.image("RGB", 40, 48, 3, 8, 8, 0, 0, 1);
            case "mono16x3" -> TestImages.image("MONOCHROME2", 33, 40, 1, 16, 16, 0, 0, 3);
            default -> null;
        };
        return dataset == null ? TestImages.source(image, dir)
                : TestImages.write(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dir.resolve(image + ".dcm"));
    }

    /** Values clamped to what Bits Stored and Pixel Representation hold. */
    private static int[][] clampedToBitsStored(int[][] frames, ImagePixel pixel) {
        int min = pixel.isSigned() ? -(1 << (pixel.bitsStored() - 1)) : 0;
        int max = (int) pixel.maxStoredValue();
        return Arrays.stream(frames).map(frame -> Arrays.stream(frame).map(v -> Math.max(min, Math.min(max, v))).toArray())
                .toArray(int[][]::new);
    }

    private DicomFile compressedCt() throws IOException {
        return TestImages.read(ToolkitCodecs.run("gdcmconv", TestImages.corpus("CT_small.dcm"), dir.resolve("ct.dcm"),
                "--j2k"));
    }

    private static void assertWithin(int[][] ours, int[][] expected, int tolerance) {
        assertThat(ours.length).isEqualTo(expected.length);
        for (int f = 0; f < ours.length; f++) {
            assertThat(ours[f]).hasSameSizeAs(expected[f]);
            for (int i = 0; i < ours[f].length; i++) {
                assertThat(Math.abs(ours[f][i] - expected[f][i])).as("frame %d sample %d", f, i)
                        .isLessThanOrEqualTo(tolerance);
            }
        }
    }

    private static void setUint32(byte[] bytes, int at, long value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }
}
