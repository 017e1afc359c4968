package io.pacslite.dicom.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Transcoder} into each target, read back by other toolkits: dcmtk's {@code dcmftest}
 * and {@code dcmdump} read every output; RLE is decoded by pydicom and by dcmtk's
 * {@code dcmdrle}, the JPEG syntaxes by {@code dcmdjpeg}; pydicom's pixel arrays of the result
 * equal the source's for the lossless targets, and for JPEG Baseline differ by a mean absolute
 * difference below {@value #LOSSY_MEAN_TOLERANCE} (quality 0.9; 4:2:2 chrominance for colour).
 */
class TranscoderTargetsTest {

    /** The largest mean absolute difference allowed between a JPEG Baseline image and its source. */
    private static final double LOSSY_MEAN_TOLERANCE = 2.5;

    @TempDir
    Path dir;

    static Stream<Arguments> losslessCases() {
        List<String> sources = List.of("MR_small.dcm", "CT_small.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm",
                "SC_rgb_small_odd.dcm", "SC_ybr_full_422_uncompressed.dcm", "SC_rgb_rle_2frame.dcm",
                "SC_rgb_rle_16bit_2frame.dcm", "rtdose_rle.dcm");
        List<String> targets = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
                UID.DeflatedExplicitVRLittleEndian, UID.RLELossless, UID.JPEGLosslessSV1);
        return sources.stream().flatMap(source -> targets.stream()
                .filter(target -> !(target.equals(UID.JPEGLosslessSV1) && source.startsWith("rtdose")))
                .filter(target -> !target.equals(syntaxOf(source)))
                .map(target -> Arguments.of(source, target)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("losslessCases")
    void writesTheSamePixelsInEachLosslessTarget(String name, String target) throws Exception {
        Path original = corpus(name);
        Path ours = transcode(original, target);

        Path decoded = decodedByDcmtk(ours, target);

        assertThat(difference(original, decoded)).as(name + " in " + target).isEqualTo(new double[] {0, 0});
        if (target.equals(UID.RLELossless)) {
            assertThat(difference(original, ours)).as("pydicom's own RLE decoder").isEqualTo(new double[] {0, 0});
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"image_dfl.dcm", "SC_rgb_rle_2frame.dcm",
        "SC_rgb_small_odd.dcm", "SC_ybr_full_422_uncompressed.dcm"})
    void writesJpegBaselineCloseToTheSourceAndMarksItLossy(String name) throws Exception {
        Path original = corpus(name);
        Path ours = transcode(original, UID.JPEGBaseline8Bit);

        Path decoded = decodedByDcmtk(ours, UID.JPEGBaseline8Bit);

        double[] difference = difference(original, decoded);
        assertThat(difference[1]).as("mean absolute difference of " + name).isLessThan(LOSSY_MEAN_TOLERANCE);
        Attributes dataset = read(ours).dataset();
        assertThat(dataset.getString(Tag.LossyImageCompression)).isEqualTo("01");
        String[] methods = dataset.getStrings(Tag.LossyImageCompressionMethod);
        assertThat(methods[methods.length - 1]).isEqualTo("ISO_10918_1");
        Fragments fragments = (Fragments) dataset.getValue(Tag.PixelData);
        long compressed = 0;
        for (int i = 1; i < fragments.size(); i++) {
            compressed += fragments.lengthOf(i);
        }
        long uncompressed = (long) dataset.getInt(Tag.NumberOfFrames, 1) * dataset.getInt(Tag.Rows, 0)
                * dataset.getInt(Tag.Columns, 0) * dataset.getInt(Tag.SamplesPerPixel, 0);
        String[] ratios = dataset.getStrings(Tag.LossyImageCompressionRatio);
        assertThat(ratios).hasSameSizeAs(methods);
        assertThat(Double.parseDouble(ratios[ratios.length - 1]))
                .isCloseTo((double) uncompressed / compressed, Percentage.withPercentage(2));
        assertThat(dataset.getString(Tag.PhotometricInterpretation))
                .isEqualTo(name.startsWith("image_dfl") ? "MONOCHROME2" : "YBR_FULL_422");
    }

    @Test
    void encapsulatesOneFragmentPerFrameAfterAnEmptyOffsetTable() throws Exception {
        DicomFile rle = read(transcode(corpus("rtdose.dcm"), UID.RLELossless));
        Fragments fragments = (Fragments) rle.dataset().getValue(Tag.PixelData);
        assertThat(fragments.size()).isEqualTo(1 + 15);
        assertThat(fragments.lengthOf(0)).isZero();
        for (int i = 1; i < fragments.size(); i++) {
            assertThat(fragments.lengthOf(i) % 2).isZero();
        }
    }

    @Test
    void refusesImagesATargetCannotHold() throws Exception {
        try (DicomReader reader = DicomReader.open(corpus("rtdose_rle.dcm"))) {
            DicomFile file = reader.readFile();
            assertThatThrownBy(() -> Transcoder.check(file, UID.JPEGLosslessSV1)).isInstanceOf(DicomException.class)
                    .hasMessage("JPEG Lossless holds samples of 2 to 16 bits (ITU-T T.81 H.1.1), this image has 32 bits"
                            + " stored");
        }
        try (DicomReader reader = DicomReader.open(corpus("liver_1frame.dcm"))) {
            DicomFile file = reader.readFile();
            assertThatThrownBy(() -> Transcoder.check(file, UID.RLELossless)).isInstanceOf(DicomException.class)
                    .hasMessage("1 bits allocated: only whole bytes are written");
        }
    }

    private Path transcode(Path original, String target) throws IOException {
        Path ours = dir.resolve("ours-" + original.getFileName());
        try (DicomReader reader = DicomReader.open(original).bulkData(BulkDataPolicy.REFERENCE, 64);
                OutputStream out = Files.newOutputStream(ours)) {
            Transcoder.write(reader.readFile(), target, out, true);
        }
        TestPeers.require("dcmftest");
        assertThat(TestPeers.run(List.of("dcmftest", ours.toString()), null).stdout()).startsWith("yes:");
        TestPeers.Result dump = TestPeers.run(List.of("dcmdump", "-q", "+E", ours.toString()), null);
        assertThat(dump.exitCode()).as(dump.stderr()).isZero();
        assertThat(read(ours).transferSyntax().uid()).isEqualTo(target);
        return ours;
    }

    /**
     * Our output decompressed by dcmtk ({@code dcmdrle}, {@code dcmdjpeg}: colour converted to RGB
     * only when lossy), or as it is when native.
     */
    private Path decodedByDcmtk(Path ours, String target) throws IOException {
        String tool = switch (target) {
            case UID.RLELossless -> "dcmdrle";
            case UID.JPEGLosslessSV1, UID.JPEGBaseline8Bit -> "dcmdjpeg";
            default -> null;
        };
        if (tool == null) {
            return ours;
        }
        Path decoded = dir.resolve("dcmtk-" + ours.getFileName());
        TestPeers.require(tool);
        String colour = target.equals(UID.JPEGLosslessSV1) ? "+cn" : "+cp";
        List<String> command = tool.equals("dcmdjpeg") ? List.of(tool, colour, ours.toString(), decoded.toString())
                : List.of(tool, ours.toString(), decoded.toString());
        TestPeers.Result result = TestPeers.run(command, null);
        assertThat(result.exitCode()).as(tool + ": " + result.stderr()).isZero();
        return decoded;
    }

    /** The largest and the mean absolute difference of pydicom's pixel arrays of the two files. */
    private double[] difference(Path expected, Path actual) throws IOException {
        TestPeers.requirePydicom();
        Path script = dir.resolve("pixel_difference.py");
        if (!Files.exists(script)) {
            try (InputStream in = TranscoderTargetsTest.class.getResourceAsStream("pixel_difference.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        TestPeers.Result result = TestPeers.run(List.of(TestPeers.PYTHON, script.toString(), expected.toString(),
                actual.toString()), null);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String[] fields = result.stdout().strip().split(" ");
        assertThat(fields[0]).as(result.stdout()).isNotEqualTo("shape");
        return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
    }

    private static String syntaxOf(String name) {
        try {
            return read(corpus(name)).transferSyntax().uid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path corpus(String name) {
        return TestPeers.pydicomData().resolve("test_files").resolve(name);
    }

    private static DicomFile read(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)) {
            return reader.readFile();
        }
    }
}
