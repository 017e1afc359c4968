package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frame our decoders make equals pydicom's {@code pixel_array}, value for value: each
 * image of pydicom's corpus in a transfer syntax we decode (native, deflate, RLE Lossless, JPEG
 * Baseline: the JDK's decoder and Pillow's give the same samples there), and images we generate for the
 * layouts the corpus lacks (planar colour of 16 bits, single-bit frames that do not start on a
 * byte, signed values, palette colour), in each native transfer syntax. (pydicom 2.3 here has
 * no plugin for JPEG Lossless and JPEG-LS: {@link JpegLosslessFrameDecoderTest} and
 * {@link JpegLsFrameDecoderTest} compare those with dcmtk.)
 */
final class ImageFramesPydicomTest {

    private static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);

    /** Images whose pixel description is wrong, so that we refuse them (as pydicom does). */
    private static final Set<String> REFUSED = Set.of(
            "badVR.dcm", // Number of Frames "1A"
            "nested_priv_SQ.dcm"); // Pixel Data without Rows, Columns and the rest of the Image Pixel Module

    /** An image pydicom cannot read, as its File Meta has no Transfer Syntax UID: nothing to compare with. */
    private static final String NO_TRANSFER_SYNTAX = "meta_missing_tsyntax.dcm";

    @TempDir
    static Path dir;
    private static List<Path> images;
    private static Map<Path, PydicomPixels.Decoded> pydicom;

    @BeforeAll
    static void decodeWithPydicom() throws IOException {
        images = new ArrayList<>();
        for (Corpus.Readable readable : Corpus.readableFiles()) {
            if (readable.dicom().dataset().contains(Tag.PixelData) && decodable(readable.dicom().transferSyntax())
                    && !readable.toString().equals(NO_TRANSFER_SYNTAX)) {
                images.add(readable.path());
            }
        }
        images.addAll(generated(dir));
        pydicom = PydicomPixels.decode(images);
    }

    private static Stream<Named<Path>> images() {
        return images.stream().map(path -> Named.of(path.getFileName().toString(), path));
    }

    static Stream<Named<Path>> decodable() {
        return images().filter(image -> !REFUSED.contains(image.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodable")
    void decodesEveryFrameAsPydicom(Path file) throws IOException {
        PydicomPixels.Decoded expected = pydicom.get(file);
        assertThat(expected.skipped()).as("pydicom could not decode %s", file).isNull();
        ImageFrames frames = ImageFrames.of(read(file));
        int samples = frames.pixel().samplesPerFrame();
        assertThat(expected.values()).as("pydicom's values").hasSize(samples * frames.pixel().numberOfFrames());
        for (int f = 0; f < frames.pixel().numberOfFrames(); f++) {
            FrameSamples frame = frames.frame(f);
            long[] ours = new long[samples];
            for (int i = 0; i < samples; i++) {
                ours[i] = frame.value(i);
            }
            long[] theirs = java.util.Arrays.copyOfRange(expected.values(), f * samples, (f + 1) * samples);
            assertThat(ours).as("frame %d of %s", f + 1, file).isEqualTo(theirs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesImagesWithoutAValidPixelDescription(Path file) throws IOException {
        assertThat(pydicom.get(file).skipped()).as("pydicom's decoding").isNotNull();

        DicomFile dicom = read(file);
        assertThatThrownBy(() -> ImageFrames.of(dicom)).isInstanceOf(DicomException.class)
                .hasMessageContaining("Image Pixel Module");
    }

    static Stream<Named<Path>> refused() {
        return images().filter(image -> REFUSED.contains(image.getName()));
    }

    private static DicomFile read(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.REFERENCE, 64)) {
            return reader.readFile();
        }
    }

    /** Whether both we and pydicom (numpy, Pillow and its RLE handler, without plugins) decode the syntax. */
    private static boolean decodable(TransferSyntax transferSyntax) {
        return !transferSyntax.encapsulated() || transferSyntax.uid().equals(UID.RLELossless)
                || transferSyntax.uid().equals(UID.JPEGBaseline8Bit);
    }

    /** The generated images, each in every native transfer syntax. */
    private static List<Path> generated(Path dir) throws IOException {
        List<Attributes> datasets = List.of(
                TestImages.image("RGB", 5, 7, 3, 16, 12, 0, 1, 2),
                TestImages.image("RGB", 3, 3, 3, 8, 8, 0, 1, 3),
                TestImages.image("MONOCHROME2", 3, 5, 1, 1, 1, 0, 0, 3),
                TestImages.image("MONOCHROME1", 6, 4, 1, 16, 16, 1, 0, 2),
                TestImages.image("MONOCHROME2", 4, 4, 1, 32, 32, 1, 0, 2),
                TestImages.image("PALETTE COLOR", 3, 9, 1, 8, 8, 0, 0, 1));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            for (TransferSyntax transferSyntax : NATIVE) {
                files.add(TestImages.write(datasets.get(i), transferSyntax,
                        dir.resolve("generated" + i + "-" + transferSyntax.uid() + ".dcm")));
            }
        }
        return files;
    }
}
