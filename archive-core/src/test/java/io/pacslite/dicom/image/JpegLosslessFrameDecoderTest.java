package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicom.transcode.JpegLosslessEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEG Lossless frames (ITU-T T.81 Annex H) that dcmtk's {@code dcmcjpeg} makes of native
 * images (corpus images and generated ones: 8, 12 and 16 bits, signed, RGB, several frames)
 * with each predictor decode to exactly the original samples; with a point transform, to what
 * {@code dcmdjpeg} decodes; pydicom's corpus file in the syntax decodes as {@code dcmdjpeg} does.
 */
final class JpegLosslessFrameDecoderTest {

    @TempDir
    Path dir;

    static Stream<Arguments> compressions() {
        List<Arguments> cases = new ArrayList<>();
        for (String image : List.of("CT_small.dcm", "MR_small.dcm", "SC_rgb_jpeg_dcmd.dcm", "mono8", "mono12",
                "signed12", "mono16", "rgb16")) {
            cases.add(Arguments.of(image, new String[] {"+e1"}));
            for (int predictor = 2; predictor <= 7; predictor++) {
                cases.add(Arguments.of(image, new String[] {"+el", "+sv", String.valueOf(predictor)}));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("compressions")
    void decodesDcmtkCompressedImagesToTheOriginalSamples(String image, String[] options) throws IOException {
        Path original = TestImages.source(image, dir);
        Path compressed = ToolkitCodecs.run("dcmcjpeg", original, dir.resolve("compressed.dcm"), options);

        assertThat(transferSyntax(compressed)).isEqualTo(options[0].equals("+e1") ? UID.JPEGLosslessSV1 : UID.JPEGLossless);
        assertThat(ToolkitCodecs.frames(compressed)).isDeepEqualTo(ToolkitCodecs.frames(original));
    }

    /** A second encoder (GDCM's, Selection Value 1) as a check that we do not only agree with dcmtk's. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CT_small.dcm", "SC_rgb_jpeg_dcmd.dcm", "mono8", "signed12", "mono16", "rgb16"})
    void decodesGdcmCompressedFramesToTheOriginalSamples(String image) throws IOException {
        Path original = TestImages.source(image, dir);
        Path compressed = ToolkitCodecs.run("gdcmconv", original, dir.resolve("compressed.dcm"), "--jpeg");

        assertThat(transferSyntax(compressed)).isEqualTo(UID.JPEGLosslessSV1);
        assertThat(ToolkitCodecs.frames(compressed)).isDeepEqualTo(ToolkitCodecs.frames(original));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pointTransformed")
    void decodesAPointTransformAsDcmtk(String image) throws IOException {
        Path compressed = ToolkitCodecs.run("dcmcjpeg", TestImages.source(image, dir), dir.resolve("compressed.dcm"),
                "+el", "+sv", "4", "+pt", "3");
        Path decompressed = ToolkitCodecs.run("dcmdjpeg", compressed, dir.resolve("decompressed.dcm"));

        assertThat(ToolkitCodecs.frames(compressed)).isDeepEqualTo(ToolkitCodecs.frames(decompressed));
    }

    static Stream<String> pointTransformed() {
        return Stream.of("CT_small.dcm", "mono8", "rgb16");
    }

    /**
     * What dcmcjpeg does not write: a scan per component, restart intervals, and precisions
     * other than 8 and 16 bits (it codes the whole of Bits Allocated).
     */
    static Stream<Arguments> framesDcmtkDoesNotWrite() {
        List<Arguments> cases = new ArrayList<>();
        for (String image : List.of("mono8", "signed12", "rgb16")) {
            cases.add(Arguments.of(image, true, 0));
            cases.add(Arguments.of(image, false, 3));
            cases.add(Arguments.of(image, true, 1));
        }
        for (String image : List.of("mono2", "mono5", "mono9", "mono15")) {
            cases.add(Arguments.of(image, false, 0));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, a scan per component {1}, restart every {2} lines")
    @MethodSource("framesDcmtkDoesNotWrite")
    void decodesScansPerComponentRestartIntervalsAndAnyPrecision(String image, boolean scanPerComponent,
            int restartLines)
            throws IOException {
        DicomFile original = TestImages.read(TestImages.source(image, dir));
        ImagePixel pixel = ImagePixel.of(original.dataset());
        int[][] expected = ToolkitCodecs.frames(TestImages.source(image, dir));
        byte[] frame = JpegLosslessEncoder.encode(expected[0], pixel.rows(), pixel.columns(), pixel.samplesPerPixel(),
                pixel.bitsStored(), scanPerComponent, restartLines);
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        fragments.add(frame);
        original.dataset().set(Tag.PixelData, VR.OB, fragments);
        original.dataset().setInts(Tag.NumberOfFrames, VR.IS, 1);

        FrameSamples decoded = ImageFrames.of(original.dataset(), TransferSyntax.of(UID.JPEGLossless),
                ImagePixel.DEFAULT_MAX_SAMPLES_PER_FRAME).frame(0);

        assertThat(decoded.samples()).isEqualTo(expected[0]);
    }

    @Test
    void refusesAMissingRestartMarker() throws IOException {
        DicomFile original = TestImages.read(TestImages.source("mono8", dir));
        int[] samples = ToolkitCodecs.frames(TestImages.source("mono8", dir))[0];
        byte[] frame = JpegLosslessEncoder.encode(samples, 33, 17, 1, 8, false, 4);
        frame[FrameMutants.indexOfMarker(frame, 0xD1) + 1] = (byte) 0xD5;
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]);
        fragments.add(frame);
        original.dataset().set(Tag.PixelData, VR.OB, fragments);
        original.dataset().setInts(Tag.NumberOfFrames, VR.IS, 1);

        assertThatThrownBy(() -> ImageFrames.of(original.dataset(), TransferSyntax.of(UID.JPEGLossless),
                ImagePixel.DEFAULT_MAX_SAMPLES_PER_FRAME).frame(0)).isInstanceOf(DicomException.class)
                .hasMessageStartingWith("JPEG Lossless frame 1: restart marker RST1 is missing at byte ");
    }

    @Test
    void decodesPydicomsSelectionValue1FileAsDcmtk() throws IOException {
        Path file = TestImages.corpus("SC_rgb_jpeg_gdcm.dcm");
        assertThat(transferSyntax(file)).isEqualTo(UID.JPEGLosslessSV1);
        Path decompressed = ToolkitCodecs.run("dcmdjpeg", file, dir.resolve("decompressed.dcm"));

        assertThat(ToolkitCodecs.frames(file)).isDeepEqualTo(ToolkitCodecs.frames(decompressed));
    }

    @Test
    void refusesAFrameWhoseSizeIsNotTheImages() throws IOException {
        DicomFile file = compressedCt();
        file.dataset().setInts(Tag.Rows, VR.US, 100);

        assertThatThrownBy(() -> ImageFrames.of(file).frame(0)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG Lossless frame 1: its SOF3 frame header declares 128 x 128 pixels, the image has 128 x 100");
    }

    @Test
    void refusesAHeaderDeclaringAHugeFrameBeforeAllocating() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.declaringHugeFrame(FrameMutants.firstFrame(file), 0xC3);

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG Lossless frame 1: its SOF3 frame header declares 60000 x 60000 pixels, the image has"
                        + " 128 x 128");
    }

    @Test
    void refusesATruncatedFrame() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file);

        assertThatThrownBy(() -> FrameMutants.decode(file, Arrays.copyOf(frame, frame.length / 2)))
                .isInstanceOf(DicomException.class)
                .hasMessage("JPEG Lossless frame 1: the entropy-coded data ends before the frame's last sample");
    }

    @Test
    void refusesASegmentLengthThatLies() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file).clone();
        int dht = FrameMutants.indexOfMarker(frame, 0xC4);
        frame[dht + 2] = (byte) 0xFF;

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessageStartingWith("JPEG Lossless frame 1: the DHT segment's length 65");
    }

    @Test
    void refusesAFrameOfAnotherCodingProcess() throws IOException {
        DicomFile file = compressedCt();
        byte[] jpegLs = FrameMutants.firstFrame(TestImages.read(ToolkitCodecs.run("dcmcjpls", TestImages.corpus("CT_small.dcm"),
                dir.resolve("ct-ls.dcm"))));

        assertThatThrownBy(() -> FrameMutants.decode(file, jpegLs)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG Lossless frame 1: it is coded by SOF55 (JPEG-LS), not by SOF3");
    }

    @Test
    void everyMutatedFrameDecodesOrIsRefusedWithAReason() throws IOException {
        FrameMutants.assertEachDecodesOrIsRefused(compressedCt(), 1000, "JPEG Lossless frame 1: ");
    }

    private DicomFile compressedCt() throws IOException {
        return TestImages.read(ToolkitCodecs.run("dcmcjpeg", TestImages.corpus("CT_small.dcm"), dir.resolve("ct.dcm"), "+e1"));
    }

    private static String transferSyntax(Path file) throws IOException {
        return TestImages.read(file).transferSyntax().uid();
    }
}
