package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEG Extended 12-bit frames (ITU-T T.81 sequential DCT, Huffman coding) decode as dcmtk's
 * {@code dcmdjpeg} and GDCM's {@code gdcmconv --raw} decode them: pydicom's corpus files, images
 * that {@code dcmcjpeg +ee} compresses at several qualities, and frames of our own test encoder
 * with the layouts dcmcjpeg does not write (restart intervals, a scan per component, subsampled
 * components). Bad frames are refused with a reason.
 */
final class JpegDctFrameDecoderTest {

    /**
     * The largest difference allowed from dcmtk's and GDCM's samples: both use IJG's fixed-point
     * ("islow") inverse DCT, we compute T.81 A.3.3 in double precision, and the two round a
     * sample differently now and then, never by more than 1.
     */
    private static final int TOLERANCE = 1;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JPGExtended.dcm", "JPEG-lossy.dcm"})
    void decodesPydicomsTwelveBitFilesAsDcmtkAndGdcm(String name) throws IOException {
        Path file = TestImages.corpus(name);
        assertThat(TestImages.read(file).transferSyntax().uid()).isEqualTo(UID.JPEGExtended12Bit);

        int[][] ours = ToolkitCodecs.frames(file);

        assertWithinTolerance(ours, ToolkitCodecs.frames(ToolkitCodecs.run("dcmdjpeg", file, dir.resolve("dcmtk.dcm"))));
        assertWithinTolerance(ours, ToolkitCodecs.frames(ToolkitCodecs.run("gdcmconv", file, dir.resolve("gdcm.dcm"),
                "--raw")));
    }

    static Stream<Arguments> compressions() {
        List<Arguments> cases = new ArrayList<>();
        for (String image : List.of("CT_small.dcm", "MR_small.dcm", "mono12")) {
            for (String quality : List.of("25", "75", "90", "100")) {
                cases.add(Arguments.of(image, quality));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} quality {1}")
    @MethodSource("compressions")
    void decodesDcmtkCompressedImagesAsDcmtk(String image, String quality) throws IOException {
        Path compressed = ToolkitCodecs.run("dcmcjpeg", TestImages.source(image, dir), dir.resolve("compressed.dcm"),
                "+ee", "+q", quality);
        DicomFile file = TestImages.read(compressed);
        assertThat(file.transferSyntax().uid()).isEqualTo(UID.JPEGExtended12Bit);
        assertThat(file.dataset().getInt(Tag.BitsStored, 0)).isEqualTo(12);

        assertWithinTolerance(ToolkitCodecs.frames(compressed),
                ToolkitCodecs.frames(ToolkitCodecs.run("dcmdjpeg", compressed, dir.resolve("dcmtk.dcm"))));
    }

    /**
     * PS3.5 8.2.1: JPEG samples are unsigned. dcmtk's dcmdjpeg writes a signed image's 12-bit
     * samples into its 16-bit words as they are, to be read as two's complement by Bits Stored;
     * so do we.
     */
    @Test
    void readsTheSamplesOfASignedImageAsTwosComplementAsDcmtk() throws IOException {
        Path compressed = ToolkitCodecs.run("dcmcjpeg", TestImages.source("CT_small.dcm", dir),
                dir.resolve("compressed.dcm"), "+ee");
        TestPeers.require("dcmodify");
        assertThat(TestPeers.run(List.of("dcmodify", "-nb", "-m", "PixelRepresentation=1", compressed.toString()), null)
                .exitCode()).isZero();

        int[][] ours = ToolkitCodecs.frames(compressed);

        assertWithinTolerance(ours, ToolkitCodecs.frames(ToolkitCodecs.run("dcmdjpeg", compressed,
                dir.resolve("dcmtk.dcm"))));
        assertThat(Arrays.stream(ours[0]).min().orElseThrow()).isNegative();
    }

    /** What dcmcjpeg does not write, from {@link DctJpegWriter}: image, sampling, a scan per component, restart interval. */
    static Stream<Arguments> framesDcmtkDoesNotWrite() {
        return Stream.of(
                Arguments.of("mono12", new int[] {0x11}, false, 1),
                Arguments.of("mono12", new int[] {0x11}, false, 5),
                Arguments.of("mono12", new int[] {0x22}, false, 2),
                Arguments.of("rgb12", new int[] {0x11, 0x11, 0x11}, false, 3),
                Arguments.of("rgb12", new int[] {0x11, 0x11, 0x11}, true, 4));
    }

    @ParameterizedTest(name = "{0} sampled {1}, a scan per component {2}, restart every {3}")
    @MethodSource("framesDcmtkDoesNotWrite")
    void decodesRestartIntervalsAndScansPerComponentAsDcmtk(String image, int[] sampling, boolean scanPerComponent,
            int restartInterval) throws IOException {
        Path source = TestImages.source(image, dir);
        DicomFile file = TestImages.read(source);
        ImagePixel pixel = ImagePixel.of(file.dataset());
        byte[] frame = DctJpegWriter.encode(ToolkitCodecs.frames(source)[0], pixel.rows(), pixel.columns(), 12, sampling,
                4, scanPerComponent, restartInterval);
        Path compressed = encapsulate(file.dataset(), frame);

        assertWithinTolerance(ToolkitCodecs.frames(compressed),
                ToolkitCodecs.frames(ToolkitCodecs.run("dcmdjpeg", compressed, dir.resolve("dcmtk.dcm"), "+cn")));
    }

    static Stream<Arguments> subsampledFrames() {
        return Stream.of(
                Arguments.of(new int[] {0x22, 0x11, 0x11}, false, 0),
                Arguments.of(new int[] {0x21, 0x11, 0x11}, true, 2),
                Arguments.of(new int[] {0x12, 0x21, 0x11}, false, 1),
                Arguments.of(new int[] {0x11, 0x12, 0x14}, false, 0));
    }

    /**
     * T.81 A.1.1 sets the size of a subsampled component, not how it is brought back to the
     * pixels: dcmtk and GDCM interpolate (IJG's "fancy upsampling"), we repeat each sample over the
     * Hmax/Hi x Vmax/Vi pixels it stands for. So each component's samples are checked against
     * dcmtk's decoding of that component coded alone, with the same blocks, as a grey image.
     */
    @ParameterizedTest(name = "sampled {0}, a scan per component {1}, restart every {2}")
    @MethodSource("subsampledFrames")
    void decodesSubsampledComponentsAsDcmtkDecodesEachAlone(int[] sampling, boolean scanPerComponent,
            int restartInterval) throws IOException {
        Path source = TestImages.source("rgb12", dir);
        int[] original = ToolkitCodecs.frames(source)[0];
        ImagePixel pixel = ImagePixel.of(TestImages.read(source).dataset());
        int rows = pixel.rows();
        int columns = pixel.columns();
        int[] ours = ToolkitCodecs.frames(encapsulate(TestImages.read(source).dataset(), DctJpegWriter.encode(original,
                rows, columns, 12, sampling, 4, scanPerComponent, restartInterval)))[0];

        int maxAcross = Arrays.stream(sampling).map(factors -> factors >> 4).max().orElseThrow();
        int maxDown = Arrays.stream(sampling).map(factors -> factors & 0xF).max().orElseThrow();
        for (int c = 0; c < sampling.length; c++) {
            int across = sampling[c] >> 4;
            int down = sampling[c] & 0xF;
            int width = Math.ceilDiv(columns * across, maxAcross);
            int height = Math.ceilDiv(rows * down, maxDown);
            byte[] alone = DctJpegWriter.encode(DctJpegWriter.plane(original, rows, columns, sampling, c), height, width,
                    12, new int[] {0x11}, 4, false, 0);
            Path grey = encapsulate(TestImages.image("MONOCHROME2", height, width, 1, 16, 12, 0, 0, 1), alone);
            int[] dcmtk = ToolkitCodecs.frames(ToolkitCodecs.run("dcmdjpeg", grey, dir.resolve("dcmtk" + c + ".dcm")))[0];
            int[] expected = new int[rows * columns];
            int[] component = new int[rows * columns];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    expected[y * columns + x] = dcmtk[y * down / maxDown * width + x * across / maxAcross];
                    component[y * columns + x] = ours[(y * columns + x) * sampling.length + c];
                }
            }
            assertWithinTolerance(new int[][] {component}, new int[][] {expected});
        }
    }

    /**
     * Frames in 8 allocated bits go to the JDK's ImageIO, which gives exactly dcmtk's samples;
     * our decoder reads them too, within 1 of ImageIO in every component when none is subsampled,
     * and in the full-resolution component when some are (IJG interpolates, we repeat).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SC_rgb_dcmtk_+eb+cr.dcm, 3", "SC_rgb_dcmtk_+eb+cy+s4.dcm, 3", "SC_rgb_jpeg_dcmtk.dcm, 3",
        "SC_rgb_small_odd_jpeg.dcm, 3", "SC_rgb_dcmtk_+eb+cy+s2.dcm, 1", "SC_rgb_dcmtk_+eb+cy+n1.dcm, 1"})
    void decodesEightBitFramesWithinOneOfImageIo(String name, int componentsCompared) throws IOException {
        DicomFile file = TestImages.read(TestImages.corpus(name));
        ImagePixel pixel = ImagePixel.of(file.dataset());
        EncapsulatedFrames frames = new EncapsulatedFrames((Fragments) file.dataset().getValue(Tag.PixelData),
                pixel.numberOfFrames());

        int[] ours = JpegDctFrameDecoder.of(pixel, frames).decode(0).samples();
        int[] imageIo = ImageFrames.of(file).frame(0).samples();

        for (int c = 0; c < componentsCompared; c++) {
            int component = c;
            assertWithinTolerance(new int[][] {IntStream.range(0, pixel.pixelsPerFrame()).map(i -> ours[i * 3 + component])
                .toArray()}, new int[][] {IntStream.range(0, pixel.pixelsPerFrame()).map(i -> imageIo[i * 3 + component])
                .toArray()});
        }
    }

    @Test
    void refusesAMissingRestartMarker() throws IOException {
        Path source = TestImages.source("mono12", dir);
        byte[] frame = DctJpegWriter.encode(ToolkitCodecs.frames(source)[0], 20, 31, 12, new int[] {0x11}, 4, false, 2);
        DicomFile file = TestImages.read(encapsulate(TestImages.read(source).dataset(), frame));
        frame[FrameMutants.indexOfMarker(frame, 0xD1) + 1] = (byte) 0xD4;

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessageStartingWith("JPEG frame 1: restart marker RST1 is missing at byte ");
    }

    @Test
    void refusesProgressiveFramesNamingTheProcess() throws IOException {
        byte[] progressive = FrameMutants.firstFrame(TestImages.read(ToolkitCodecs.run("dcmcjpeg",
                TestImages.corpus("CT_small.dcm"), dir.resolve("progressive.dcm"), "+ep")));

        assertThatThrownBy(() -> FrameMutants.decode(compressedCt(), progressive)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG frame 1: it is coded by SOF2 (progressive DCT), not by SOF0 or SOF1");
    }

    @Test
    void refusesArithmeticCodingNamingTheProcess() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file).clone();
        frame[FrameMutants.indexOfMarker(frame, 0xC1) + 1] = (byte) 0xC9;

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG frame 1: it is coded by SOF9 (extended sequential DCT, arithmetic coding), not by SOF0"
                        + " or SOF1");
    }

    /** GDCM compresses 12-bit samples as 16-bit DCT frames, which T.81 does not have and dcmtk refuses too. */
    @Test
    void refusesGdcmsSixteenBitDctFrames() throws IOException {
        Path compressed = ToolkitCodecs.run("gdcmconv", TestImages.source("mono12", dir), dir.resolve("gdcm.dcm"), "--jpeg",
                "--lossy", "-q", "90");

        assertThatThrownBy(() -> ToolkitCodecs.frames(compressed)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG frame 1: its frame has samples of 16 bits; the DCT processes code 8 or 12"
                        + " (ITU-T T.81 B.2.2)");
    }

    @Test
    void refusesAHeaderDeclaringAHugeFrameBeforeAllocating() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.declaringHugeFrame(FrameMutants.firstFrame(file), 0xC1);

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG frame 1: its SOF1 frame header declares 60000 x 60000 pixels, the image has 128 x 128");
    }

    @Test
    void refusesATruncatedFrame() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file);

        assertThatThrownBy(() -> FrameMutants.decode(file, Arrays.copyOf(frame, frame.length / 2)))
                .isInstanceOf(DicomException.class)
                .hasMessage("JPEG frame 1: the entropy-coded data ends before the frame's last sample");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0xDB, 0xC4})
    void refusesATableSegmentLengthThatLies(int marker) throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file).clone();
        int segment = FrameMutants.indexOfMarker(frame, marker);
        frame[segment + 2] = (byte) 0xFF;

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessageStartingWith("JPEG frame 1: the " + (marker == 0xDB ? "DQT" : "DHT") + " segment's length 65");
    }

    @Test
    void refusesACodeThatIsNotInTheHuffmanTable() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file).clone();
        int data = FrameMutants.indexOfMarker(frame, 0xDA) + 2 + 8;
        for (int i = data; i < data + 8; i += 2) {
            frame[i] = (byte) 0xFF;
            frame[i + 1] = 0;
        }

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG frame 1: the entropy-coded data holds a code that is not in its Huffman table");
    }

    @Test
    void everyMutatedFrameDecodesOrIsRefusedWithAReason() throws IOException {
        FrameMutants.assertEachDecodesOrIsRefused(compressedCt(), 1000, "JPEG frame 1: ");
    }

    private DicomFile compressedCt() throws IOException {
        return TestImages.read(ToolkitCodecs.run("dcmcjpeg", TestImages.corpus("CT_small.dcm"), dir.resolve("ct.dcm"),
                "+ee"));
    }

    /** {@code dataset} with {@code frame} as its JPEG Extended Pixel Data, written to a new file. */
    private Path encapsulate(Attributes dataset, byte[] frame) throws IOException {
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        fragments.add(frame);
        dataset.set(Tag.PixelData, VR.OB, fragments);
        return TestImages.write(dataset, TransferSyntax.of(UID.JPEGExtended12Bit), Files.createTempFile(dir, "jpeg", ".dcm"));
    }

    private static void assertWithinTolerance(int[][] ours, int[][] theirs) {
        assertThat(ours.length).isEqualTo(theirs.length);
        for (int frame = 0; frame < ours.length; frame++) {
            assertThat(ours[frame].length).isEqualTo(theirs[frame].length);
            int largest = 0;
            for (int i = 0; i < ours[frame].length; i++) {
                largest = Math.max(largest, Math.abs(ours[frame][i] - theirs[frame][i]));
            }
            assertThat(largest).as("largest difference in frame %d", frame + 1).isLessThanOrEqualTo(TOLERANCE);
        }
    }
}
