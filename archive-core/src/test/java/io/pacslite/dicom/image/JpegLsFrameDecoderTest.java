package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
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

/**
 * JPEG-LS frames (ITU-T T.87) that dcmtk's {@code dcmcjpls} makes of native images (corpus
 * images and generated ones: 8, 12 and 16 bits, signed, RGB, several frames), lossless in each
 * interleave mode and near-lossless with several NEAR, decode to the original samples (within
 * NEAR) and exactly to what {@code dcmdjpls} decodes; pydicom's corpus file in the syntax
 * decodes as {@code dcmdjpls} does; bad frames are refused with the reason.
 */
final class JpegLsFrameDecoderTest {

    private static final List<String> GREY = List.of("CT_small.dcm", "MR_small.dcm", "mono8", "mono12", "signed12",
            "mono16", "signed16");
    private static final List<String> COLOUR = List.of("SC_rgb_jpeg_dcmd.dcm", "rgb8", "rgb16");
    private static final List<String> INTERLEAVE_MODES = List.of("+in", "+il", "+is");

    @TempDir
    Path dir;

    /** Grey images (one scan whatever the interleave option), colour ones in each interleave mode. */
    static Stream<Arguments> lossless() {
        List<Arguments> cases = new ArrayList<>();
        GREY.forEach(image -> cases.add(Arguments.of(image, "+il")));
        for (String image : COLOUR) {
            INTERLEAVE_MODES.forEach(interleave -> cases.add(Arguments.of(image, interleave)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossless")
    void decodesLosslessFramesToTheOriginalSamples(String image, String interleave) throws IOException {
        Path original = TestImages.source(image, dir);
        Path compressed = ToolkitCodecs.run("dcmcjpls", original, dir.resolve("compressed.dcm"), "+el", interleave);

        assertThat(TestImages.read(compressed).transferSyntax().uid()).isEqualTo(UID.JPEGLSLossless);
        assertThat(ToolkitCodecs.frames(compressed)).isDeepEqualTo(ToolkitCodecs.frames(original));
    }

    @Test
    void decodesFramesWithPresetCodingParameters() throws IOException {
        Path original = TestImages.source("CT_small.dcm", dir);
        Path compressed = ToolkitCodecs.run("dcmcjpls", original, dir.resolve("compressed.dcm"), "+el", "+t1", "5", "+t2", "40",
                "+t3", "300", "+rs", "20");

        assertThat(FrameMutants.indexOfMarker(FrameMutants.firstFrame(TestImages.read(compressed)), 0xF8))
                .as("an LSE segment").isPositive();
        assertThat(ToolkitCodecs.frames(compressed)).isDeepEqualTo(ToolkitCodecs.frames(original));
    }

    /**
     * Unsigned images (dcmcjpls 3.6.7 refuses signed ones near-lossless; it codes them in Bits
     * Stored, so 9, 12 and 15 bits here, where it codes lossless ones in 16) with NEAR 1 and 3, and
     * whether dcmdjpls 3.6.7 reads its own frame back: it does not for 16-bit RGB in separate
     * scans, which we decode within NEAR of the original all the same. Random 8-bit grey samples
     * with NEAR 1 are left out: dcmcjpls codes them into frames that neither dcmdjpls nor GDCM
     * reads (nor we).
     */
    static Stream<Arguments> nearLossless() {
        List<Arguments> cases = new ArrayList<>();
        for (String image : List.of("mono8", "mono9", "mono12", "mono15", "mono16", "SC_rgb_jpeg_dcmd.dcm", "rgb8",
                "rgb16")) {
            for (int near : new int[] {1, 3}) {
                for (String interleave : COLOUR.contains(image) ? INTERLEAVE_MODES : List.of("+il")) {
                    if (!(image.equals("mono8") && near == 1)) {
                        cases.add(Arguments.of(image, near, interleave, !(image.equals("rgb16") && interleave.equals("+in"))));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} NEAR {1} {2}")
    @MethodSource("nearLossless")
    void decodesNearLosslessFramesWithinNearOfTheOriginalAndAsDcmtk(String image, int near, String interleave,
            boolean dcmtkReadsIt) throws IOException {
        Path original = TestImages.source(image, dir);
        Path compressed = ToolkitCodecs.run("dcmcjpls", original, dir.resolve("compressed.dcm"), "+en", "+md",
                String.valueOf(near), interleave);

        assertThat(TestImages.read(compressed).transferSyntax().uid()).isEqualTo(UID.JPEGLSNearLossless);
        int[][] ours = ToolkitCodecs.frames(compressed);
        int[][] originals = ToolkitCodecs.frames(original);
        for (int f = 0; f < ours.length; f++) {
            for (int i = 0; i < ours[f].length; i++) {
                assertThat(Math.abs(ours[f][i] - originals[f][i])).as("frame %d sample %d", f, i).isLessThanOrEqualTo(near);
            }
        }
        if (dcmtkReadsIt) {
            Path decompressed = ToolkitCodecs.run("dcmdjpls", compressed, dir.resolve("decompressed.dcm"));
            assertThat(ours).isDeepEqualTo(ToolkitCodecs.frames(decompressed));
        }
    }

    static Stream<Arguments> gdcm() {
        return Stream.of("CT_small.dcm", "SC_rgb_jpeg_dcmd.dcm", "mono8", "mono12", "signed16", "rgb16")
                .flatMap(image -> Stream.of(Arguments.of(image, 0), Arguments.of(image, 2)));
    }

    /** A second encoder (GDCM's, CharLS underneath) as a check that we do not only agree with dcmtk's. */
    @ParameterizedTest(name = "{0} NEAR {1}")
    @MethodSource("gdcm")
    void decodesGdcmCompressedFramesWithinNearOfTheOriginal(String image, int near) throws IOException {
        Path original = TestImages.source(image, dir);
        Path compressed = ToolkitCodecs.run("gdcmconv", original, dir.resolve("compressed.dcm"),
                near == 0 ? new String[] {"--jpegls"} : new String[] {"--jpegls", "--lossy", "-e", String.valueOf(near)});

        assertThat(TestImages.read(compressed).transferSyntax().uid())
                .isEqualTo(near == 0 ? UID.JPEGLSLossless : UID.JPEGLSNearLossless);
        int[][] ours = ToolkitCodecs.frames(compressed);
        int[][] originals = ToolkitCodecs.frames(original);
        for (int f = 0; f < ours.length; f++) {
            for (int i = 0; i < ours[f].length; i++) {
                assertThat(Math.abs(ours[f][i] - originals[f][i])).as("frame %d sample %d", f, i).isLessThanOrEqualTo(near);
            }
        }
    }

    @Test
    void decodesPydicomsJpegLsFileAsDcmtk() throws IOException {
        Path file = TestImages.corpus("MR_small_jpeg_ls_lossless.dcm");
        Path decompressed = ToolkitCodecs.run("dcmdjpls", file, dir.resolve("decompressed.dcm"));

        assertThat(ToolkitCodecs.frames(file)).isDeepEqualTo(ToolkitCodecs.frames(decompressed));
    }

    @Test
    void refusesAFrameWhoseSizeIsNotTheImages() throws IOException {
        DicomFile file = compressedCt();
        file.dataset().setInts(Tag.Columns, VR.US, 127);

        assertThatThrownBy(() -> ImageFrames.of(file).frame(0)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG-LS frame 1: its SOF55 frame header declares 128 x 128 pixels, the image has 127 x 128");
    }

    @Test
    void refusesAHeaderDeclaringAHugeFrameBeforeAllocating() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.declaringHugeFrame(FrameMutants.firstFrame(file), 0xF7);

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG-LS frame 1: its SOF55 frame header declares 60000 x 60000 pixels, the image has 128 x 128");
    }

    @Test
    void refusesATruncatedFrame() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file);

        assertThatThrownBy(() -> FrameMutants.decode(file, Arrays.copyOf(frame, frame.length / 2)))
                .isInstanceOf(DicomException.class)
                .hasMessage("JPEG-LS frame 1: the entropy-coded data ends before the frame's last sample");
    }

    @Test
    void refusesASegmentLengthThatLies() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file).clone();
        frame[FrameMutants.indexOfMarker(frame, 0xF7) + 2] = 0x7F;

        assertThatThrownBy(() -> FrameMutants.decode(file, frame)).isInstanceOf(DicomException.class)
                .hasMessageStartingWith("JPEG-LS frame 1: the SOF55 segment's length 325");
    }

    @Test
    void refusesAMappingTable() throws IOException {
        DicomFile file = compressedCt();
        byte[] frame = FrameMutants.firstFrame(file);
        byte[] withTable = new byte[frame.length + 8];
        System.arraycopy(frame, 0, withTable, 0, 2);
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xF8, 0, 6, 2, 1, 1, 0}, 0, withTable, 2, 8);
        System.arraycopy(frame, 2, withTable, 10, frame.length - 2);

        assertThatThrownBy(() -> FrameMutants.decode(file, withTable)).isInstanceOf(DicomException.class)
                .hasMessage("JPEG-LS frame 1: its LSE segment of type 2 (mapping table or oversize dimensions, ITU-T T.87"
                        + " C.2.4.1) is not decoded");
    }

    @Test
    void everyMutatedFrameDecodesOrIsRefusedWithAReason() throws IOException {
        FrameMutants.assertEachDecodesOrIsRefused(compressedCt(), 1000, "JPEG-LS frame 1: ");
    }

    private DicomFile compressedCt() throws IOException {
        return TestImages.read(ToolkitCodecs.run("dcmcjpls",
                TestImages.corpus("CT_small.dcm"), dir.resolve("ct.dcm"), "+el"));
    }
}
