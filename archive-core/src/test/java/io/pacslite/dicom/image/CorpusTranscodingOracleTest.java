package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.Corpus;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle of issue 9 across the corpus: every native image of pydicom's corpus that our
 * native decoder reads (itself checked against pydicom by {@link ImageFramesPydicomTest}) is
 * compressed by dcmtk's and GDCM's encoders into every transfer syntax they write. Lossless
 * results must decode here to exactly the original samples; lossy ones to within one of what
 * the same toolkit's decoder makes of them.
 *
 * <p>Not every case is a verdict on us. An image a tool refuses to encode (sizes or depths its
 * codec does not take) is counted as refused. A file the toolkit cannot decode itself, or, for a
 * lossless syntax, decodes to other samples than the original, is counted as the toolkit's
 * defect (dcmcjpls's near-lossless coding of a 3 x 3 RGB image, GDCM's RLE of Pixel Data with
 * trailing padding): the toolkit's own decoder is asked only when ours fails or differs, and
 * each codec must have coded a good share of the images with few defects, so that a broken
 * tool cannot pass for a working test.
 */
final class CorpusTranscodingOracleTest {

    /** An encoder of dcmtk or GDCM and the same toolkit's decoder. */
    enum Codec {
        RLE_DCMTK(true, List.of("dcmcrle"), List.of("dcmdrle")),
        RLE_GDCM(true, List.of("gdcmconv", "--rle"), List.of("gdcmconv", "--raw")),
        JPEG_LOSSLESS_SV1_DCMTK(true, List.of("dcmcjpeg", "+e1"), List.of("dcmdjpeg")),
        JPEG_LOSSLESS_DCMTK(true, List.of("dcmcjpeg", "+el", "+sv", "6"), List.of("dcmdjpeg")),
        JPEG_LOSSLESS_GDCM(true, List.of("gdcmconv", "--jpeg"), List.of("gdcmconv", "--raw")),
        JPEG_LS_LOSSLESS_DCMTK(true, List.of("dcmcjpls", "+el"), List.of("dcmdjpls")),
        JPEG_LS_LOSSLESS_GDCM(true, List.of("gdcmconv", "--jpegls"), List.of("gdcmconv", "--raw")),
        JPEG_2000_LOSSLESS_GDCM(true, List.of("gdcmconv", "--j2k"), List.of("gdcmconv", "--raw")),
        JPEG_BASELINE_DCMTK(false, List.of("dcmcjpeg", "+eb"), List.of("dcmdjpeg", "+cn")),
        JPEG_EXTENDED_DCMTK(false, List.of("dcmcjpeg", "+ee"), List.of("dcmdjpeg", "+cn")),
        JPEG_LS_NEAR_LOSSLESS_DCMTK(false, List.of("dcmcjpls", "+en"), List.of("dcmdjpls")),
        JPEG_2000_LOSSY_GDCM(false, List.of("gdcmconv", "--j2k", "--lossy", "-q", "40"), List.of("gdcmconv", "--raw"));

        private final boolean lossless;
        private final List<String> encoder;
        private final List<String> decoder;

        Codec(boolean lossless, List<String> encoder, List<String> decoder) {
            this.lossless = lossless;
            this.encoder = encoder;
            this.decoder = decoder;
        }
    }

    /** Per codec: images coded and checked, images the encoder refused, files the toolkit could not read back. */
    private static final Map<Codec, int[]> TALLY = new ConcurrentHashMap<>();
    private static final int CHECKED = 0;
    private static final int REFUSED = 1;
    private static final int DEFECTIVE = 2;

    @TempDir
    static Path dir;

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Path image : nativeImages()) {
            for (Codec codec : Codec.values()) {
                cases.add(Arguments.of(Named.of(image.getFileName().toString(), image), codec));
            }
        }
        return cases;
    }

    /** The corpus images in a native syntax, of 1 or 3 samples of 8 or 16 bits, that decode here. */
    static List<Path> nativeImages() {
        List<Path> images = new ArrayList<>();
        for (Corpus.Readable readable : Corpus.readableFiles()) {
            Attributes dataset = readable.dicom().dataset();
            TransferSyntax syntax = readable.dicom().transferSyntax();
            int bits = dataset.getInt(Tag.BitsAllocated, 0);
            if (dataset.contains(Tag.PixelData) && !syntax.encapsulated() && !syntax.deflated()
                    && (bits == 8 || bits == 16) && decodes(readable.path())) {
                images.add(readable.path());
            }
        }
        return images;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void decodesWhatTheToolkitsEncode(Path image, Codec codec) throws IOException {
        TestPeers.require(codec.encoder.get(0));
        Path name = dir.resolve(image.getFileName() + "." + codec);
        Path encoded = Path.of(name + ".dcm");
        if (!run(codec.encoder, image, encoded)) {
            tally(codec, REFUSED);
            return;
        }
        int[][] original = ToolkitCodecs.frames(image);
        int[][] ours = null;
        IOException failure = null;
        try {
            ours = ToolkitCodecs.frames(encoded);
        } catch (IOException e) {
            failure = e;
        }
        if (codec.lossless && ours != null && Arrays.deepEquals(ours, original)) {
            tally(codec, CHECKED);
            return;
        }
        Path decoded = Path.of(name + ".decoded.dcm");
        if (!run(codec.decoder, encoded, decoded)
                || codec.lossless && !Arrays.deepEquals(ToolkitCodecs.frames(decoded), original)) {
            tally(codec, DEFECTIVE);
            return;
        }
        tally(codec, CHECKED);
        if (failure != null) {
            throw failure;
        }
        int[][] reference = codec.lossless ? original : ToolkitCodecs.frames(decoded);
        assertThat(ours.length).as("frames").isEqualTo(reference.length);
        for (int f = 0; f < ours.length; f++) {
            assertThat(largestDifference(ours[f], reference[f])).as("frame %d: largest difference from %s", f + 1,
                    codec.lossless ? "the original" : codec.decoder.get(0)).isLessThanOrEqualTo(codec.lossless ? 0 : 1);
        }
    }

    /**
     * Each codec coded at least a quarter of the images (dcmcjpls codes no signed image
     * near-lossless), and its toolkit read back all but a few:
     * a tool that refuses or spoils everything is a broken test, not a pass.
     */
    @AfterAll
    static void eachCodecCodedMostImages() {
        for (Codec codec : Codec.values()) {
            int[] tally = TALLY.getOrDefault(codec, new int[3]);
            int total = tally[CHECKED] + tally[REFUSED] + tally[DEFECTIVE];
            if (total > 0) {
                System.out.printf("%s: %d images checked, %d refused by the encoder, %d not read back by its toolkit%n",
                        codec, tally[CHECKED], tally[REFUSED], tally[DEFECTIVE]);
                assertThat(tally[CHECKED]).as("%s: images checked of %d (refused %d, defective %d)", codec, total,
                        tally[REFUSED], tally[DEFECTIVE]).isGreaterThanOrEqualTo(Math.max(5, total / 4));
                assertThat(tally[DEFECTIVE]).as("%s: files its toolkit could not read back", codec)
                        .isLessThanOrEqualTo(Math.max(2, total / 10));
            }
        }
    }

    private static void tally(Codec codec, int outcome) {
        TALLY.computeIfAbsent(codec, c -> new int[3])[outcome]++;
    }

    /** Runs {@code program input output}; whether it succeeded and wrote the output. */
    private static boolean run(List<String> program, Path input, Path output) throws IOException {
        List<String> command = new ArrayList<>(program);
        command.add(input.toString());
        command.add(output.toString());
        return TestPeers.run(command, null).exitCode() == 0 && Files.exists(output);
    }

    private static boolean decodes(Path image) {
        try {
            ToolkitCodecs.frames(image);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int largestDifference(int[] a, int[] b) {
        assertThat(a.length).isEqualTo(b.length);
        return IntStream.range(0, a.length).map(i -> Math.abs(a[i] - b[i])).max().orElse(0);
    }
}
