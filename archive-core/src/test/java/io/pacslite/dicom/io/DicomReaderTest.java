package io.pacslite.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's options: stop predicate, bulk data policies, value length limit, raw data sets. */
class DicomReaderTest {

    private static final byte[] PIXELS = new byte[64 * 64 * 2];

    @Test
    void stopsBeforePixelDataAndLeavesTheRestOfTheStreamUnread() throws IOException {
        byte[] file = partTen(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file)).stopBeforePixelData()) {
            DicomFile dicom = reader.readFile();
            assertThat(reader.stoppedEarly()).isTrue();
            assertThat(dicom.dataset().contains(Tag.PixelData)).isFalse();
            assertThat(dicom.dataset().getString(Tag.PatientID)).isEqualTo("P-1");
            InputStream rest = reader.remainingStream();
            assertThat(rest.readAllBytes()).hasSize(12 + PIXELS.length);
        }
    }

    @Test
    void readsTheRestAfterAStop() throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(partTen(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)))
                .stopBeforePixelData()) {
            DicomFile dicom = reader.readFile();
            reader.readRest(dicom.dataset(), dicom.transferSyntax());
            assertThat(reader.stoppedEarly()).isFalse();
            assertThat(dicom.dataset().getBytes(Tag.PixelData)).hasSize(PIXELS.length);
        }
    }

    @Test
    void referencesBulkDataByFileOffsetInsteadOfLoadingIt(@TempDir Path dir) throws IOException {
        byte[] bytes = partTen(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        Path file = Files.write(dir.resolve("x.dcm"), bytes);

        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.REFERENCE, 1024)) {
            BulkData pixels = (BulkData) reader.readFile().dataset().getValue(Tag.PixelData);
            assertThat(pixels.file()).isEqualTo(file.toAbsolutePath());
            assertThat(pixels.length()).isEqualTo(PIXELS.length);
            assertThat(pixels.offset()).isEqualTo(bytes.length - PIXELS.length);
            assertThat(pixels.bigEndian()).isTrue();
        }
        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.SKIP, 1024)) {
            assertThat(reader.readFile().dataset().contains(Tag.PixelData)).isFalse();
        }
    }

    @Test
    void rejectsAValueLongerThanTheLimitWithItsOffset() throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(partTen(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)))
                .maxValueLength(4096)) {
            assertThatThrownBy(reader::readFile).isInstanceOf(DicomException.class)
                    .hasMessageContaining("(7FE0,0010)").hasMessageContaining("limit of 4096")
                    .satisfies(e -> assertThat(((DicomException) e).offset()).isPositive());
        }
    }

    @Test
    void readsARawDataSetInTheTransferSyntaxItIsGiven() throws IOException {
        for (TransferSyntax syntax : new TransferSyntax[] {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DicomWriter(out).writeDataset(dataset(), syntax);
            try (DicomReader reader = new DicomReader(new ByteArrayInputStream(out.toByteArray()))) {
                Attributes read = reader.readDataset(syntax);
                assertThat(read.getString(Tag.PatientName)).as(syntax.uid()).isEqualTo("Doe^John");
                assertThat(read.getInt(Tag.Rows, 0)).as(syntax.uid()).isEqualTo(64);
                assertThat(read.vrOf(Tag.PixelData)).as(syntax.uid()).isEqualTo(VR.OW);
            }
        }
    }

    @Test
    void rejectsTruncatedInputAtTheOffsetWhereDataRanOut() throws IOException {
        byte[] file = partTen(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 10);
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(cut))) {
            assertThatThrownBy(reader::readFile).isInstanceOf(DicomException.class)
                    .hasMessageContaining("unexpected end of data");
        }
    }

    private static Attributes dataset() {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        dataset.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        dataset.setString(Tag.PatientName, VR.PN, "Doe^John");
        dataset.setString(Tag.PatientID, VR.LO, "P-1");
        dataset.setInts(Tag.Rows, VR.US, 64);
        dataset.setInts(Tag.Columns, VR.US, 64);
        dataset.set(Tag.PixelData, VR.OW, PIXELS);
        return dataset;
    }

    private static byte[] partTen(TransferSyntax syntax) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomWriter(out).writeFile(null, DicomWriter.createFileMeta(UID.SecondaryCaptureImageStorage, "1.2.3",
                syntax.uid()), dataset());
        assertThat(Tags.PIXEL_DATA).isEqualTo(Tag.PixelData);
        return out.toByteArray();
    }
}
