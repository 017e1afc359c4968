package io.pacslite.dicom.transcode;

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
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Transcoder} against dcmtk: pydicom's RLE, JPEG Baseline, JPEG Lossless and JPEG-LS
 * files decompressed by us and by dcmtk's {@code dcmdrle}, {@code dcmdjpeg +cn} (no colour
 * conversion) or {@code dcmdjpls} have the same
 * Pixel Data, byte for byte, and the same pixel description; our output reads back in dcmtk.
 * JPEG Extended 12-bit files have samples within 1 of dcmtk's.
 * JPEG 2000 files against GDCM's {@code gdcmconv --raw} likewise.
 */
class TranscoderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"MR_small_RLE.dcm", "SC_rgb_rle.dcm", "SC_rgb_rle_16bit_2frame.dcm",
        "SC_rgb_rle_32bit_2frame.dcm", "rtdose_rle.dcm", "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm",
        "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_jpeg_no_color_transform.dcm", "SC_rgb_jpeg_gdcm.dcm",
        "MR_small_jpeg_ls_lossless.dcm"})
    void writesThePixelDataDcmtkWrites(String name) throws Exception {
        DicomFile[] decompressed = decompressByUsAndDcmtk(name);

        assertThat(decompressed[0].dataset().getBytes(Tag.PixelData)).as(name)
                .isEqualTo(decompressed[1].dataset().getBytes(Tag.PixelData));
    }

    /**
     * JPEG Extended 12-bit: dcmtk's inverse DCT is IJG's fixed-point one, ours the exact formula
     * of ITU-T T.81 A.3.3, so a sample may differ by 1 (see JpegDctFrameDecoderTest).
     */
    @ParameterizedTest
    @ValueSource(strings = {"JPGExtended.dcm", "JPEG-lossy.dcm"})
    void writesTwelveBitJpegPixelDataWithinOneOfDcmtks(String name) throws Exception {
        DicomFile[] decompressed = decompressByUsAndDcmtk(name);

        byte[] ours = decompressed[0].dataset().getBytes(Tag.PixelData);
        byte[] dcmtk = decompressed[1].dataset().getBytes(Tag.PixelData);
        assertThat(ours).hasSameSizeAs(dcmtk);
        int largest = 0;
        for (int i = 0; i + 1 < ours.length; i += 2) {
            int difference = (ours[i] & 0xFF | (ours[i + 1] & 0xFF) << 8) - (dcmtk[i] & 0xFF | (dcmtk[i + 1] & 0xFF) << 8);
            largest = Math.max(largest, Math.abs(difference));
        }
        assertThat(largest).as(name).isLessThanOrEqualTo(1);
    }

    /**
     * Pydicom's file {@code name} decompressed by us and by dcmtk to Explicit VR Little Endian,
     * with the same pixel description; ours reads back in dcmtk.
     */
    private DicomFile[] decompressByUsAndDcmtk(String name) throws Exception {
        Path original = TestPeers.pydicomData().resolve("test_files").resolve(name);
        Path ours = dir.resolve("ours.dcm");
        try (DicomReader reader = DicomReader.open(original).bulkData(BulkDataPolicy.REFERENCE, 64);
                OutputStream out = Files.newOutputStream(ours)) {
            Transcoder.write(reader.readFile(), UID.ExplicitVRLittleEndian, out, true);
        }
        Path reference = dir.resolve("dcmtk.dcm");
        List<String> command = dcmtkDecompression(name, original, reference);
        TestPeers.require(command.get(0));
        assertThat(TestPeers.run(command, null).exitCode()).isZero();

        DicomFile decompressed = read(ours);
        DicomFile expected = read(reference);
        assertThat(decompressed.transferSyntax().uid()).isEqualTo(UID.ExplicitVRLittleEndian);
        for (int tag : new int[] {Tag.PhotometricInterpretation, Tag.Rows, Tag.Columns, Tag.BitsAllocated,
            Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation, Tag.SamplesPerPixel, Tag.NumberOfFrames}) {
            assertThat(decompressed.dataset().getString(tag)).as(name + " " + Integer.toHexString(tag))
                    .isEqualTo(expected.dataset().getString(tag));
        }
        assertThat(TestPeers.run(List.of("dcmdump", "-q", ours.toString()), null).exitCode()).isZero();
        return new DicomFile[] {decompressed, expected};
    }

    /**
     * JPEG 2000 against GDCM's {@code gdcmconv --raw}: pydicom's files (lossless; YBR_RCT, which
     * both write as RGB; unsigned components with Pixel Representation 1; RGB) and CT_small
     * compressed by {@code gdcmconv --j2k}. (693_J2KI.dcm is left out: GDCM sets Bits Stored to
     * its codestream's 16 bits and keeps the sign extension above High Bit, where we keep Bits
     * Stored 14 and write zeros there; the samples are the same, {@code Jpeg2000FrameDecoderTest}.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"MR_small_jp2klossless.dcm", "GDCMJ2K_TextGBR.dcm", "J2K_pixelrep_mismatch.dcm",
        "SC_rgb_gdcm_KY.dcm", "CT_small.dcm"})
    void writesThePixelDataGdcmWritesForJpeg2000(String name) throws Exception {
        TestPeers.require("gdcmconv");
        Path original = TestPeers.pydicomData().resolve("test_files").resolve(name);
        if (name.equals("CT_small.dcm")) {
            Path compressed = dir.resolve("ct-j2k.dcm");
            assertThat(TestPeers.run(List.of("gdcmconv", "--j2k", original.toString(), compressed.toString()), null)
                    .exitCode()).isZero();
            original = compressed;
        }
        Path ours = dir.resolve("ours.dcm");
        try (DicomReader reader = DicomReader.open(original).bulkData(BulkDataPolicy.REFERENCE, 64);
                OutputStream out = Files.newOutputStream(ours)) {
            Transcoder.write(reader.readFile(), UID.ExplicitVRLittleEndian, out, true);
        }
        Path reference = dir.resolve("gdcm.dcm");
        assertThat(TestPeers.run(List.of("gdcmconv", "--raw", original.toString(), reference.toString()), null)
                .exitCode()).isZero();

        DicomFile decompressed = read(ours);
        DicomFile expected = read(reference);
        assertThat(read(original).transferSyntax().uid()).isIn(UID.JPEG2000Lossless, UID.JPEG2000);
        for (int tag : new int[] {Tag.PhotometricInterpretation, Tag.Rows, Tag.Columns, Tag.BitsAllocated,
            Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation, Tag.SamplesPerPixel, Tag.PlanarConfiguration}) {
            assertThat(decompressed.dataset().getString(tag)).as(name + " " + Integer.toHexString(tag))
                    .isEqualTo(expected.dataset().getString(tag));
        }
        assertThat(decompressed.dataset().getBytes(Tag.PixelData)).as(name)
                .isEqualTo(expected.dataset().getBytes(Tag.PixelData));
    }

    /** Refused before anything is written: its first frame's SIZ declares another size (4 bytes overwritten). */
    @Test
    void refusesAJpeg2000ImageWhoseCodestreamHeaderLiesBeforeWriting() throws Exception {
        Path original = TestPeers.pydicomData().resolve("test_files").resolve("JPEG2000-embedded-sequence-delimiter.dcm");

        assertThatThrownBy(() -> Transcoder.check(read(original), UID.ExplicitVRLittleEndian)).isInstanceOf(DicomException.class)
                .hasMessageStartingWith("JPEG 2000 frame 1: its SIZ marker segment declares 3722445056 x 1024 pixels");
    }

    @Test
    void marksALossyJpegImageAsLossyAndWritesImplicitVrToo() throws Exception {
        Path original = TestPeers.pydicomData().resolve("test_files").resolve("SC_rgb_jpeg_dcmtk.dcm");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomReader reader = DicomReader.open(original)) {
            Transcoder.write(reader.readFile(), UID.ImplicitVRLittleEndian, out, false);
        }
        Attributes dataset;
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(out.toByteArray()))) {
            dataset = reader.readDataset(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        }
        assertThat(dataset.getString(Tag.LossyImageCompression)).isEqualTo("01");
        assertThat(dataset.getString(Tag.LossyImageCompressionMethod)).isEqualTo("ISO_10918_1");
        assertThat(dataset.getBytes(Tag.PixelData)).hasSize(100 * 100 * 3);
    }

    @Test
    void refusesWhatItCannotWrite() throws Exception {
        Path native16 = TestPeers.pydicomData().resolve("test_files").resolve("CT_small.dcm");
        try (DicomReader reader = DicomReader.open(native16)) {
            DicomFile file = reader.readFile();
            assertThatThrownBy(() -> Transcoder.write(file, file.transferSyntax().uid(), OutputStream.nullOutputStream(),
                    true)).isInstanceOf(DicomException.class).hasMessageContaining("cannot be written");
            assertThatThrownBy(() -> Transcoder.check(file, UID.JPEGBaseline8Bit)).isInstanceOf(DicomException.class)
                    .hasMessage("JPEG Baseline holds unsigned 8-bit samples (PS3.5 8.2.1), this image has 16 bits"
                            + " stored in 16, signed");
        }
        assertThat(Transcoder.supports(TransferSyntax.of(UID.RLELossless), UID.ExplicitVRBigEndian)).isFalse();
        assertThat(Transcoder.supports(TransferSyntax.of(UID.JPEG2000MCLossless), UID.ExplicitVRLittleEndian))
                .isFalse();
    }

    /** dcmtk's decompressor for the file: dcmdrle, dcmdjpls, or dcmdjpeg without colour conversion. */
    private static List<String> dcmtkDecompression(String name, Path original, Path reference) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("rle")) {
            return List.of("dcmdrle", original.toString(), reference.toString());
        }
        if (lower.contains("jpeg_ls")) {
            return List.of("dcmdjpls", original.toString(), reference.toString());
        }
        return List.of("dcmdjpeg", "+cn", original.toString(), reference.toString());
    }

    private static DicomFile read(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)) {
            return reader.readFile();
        }
    }
}
