package io.pacslite.dimse.net;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Small CT-like instances made in the test, so that no DICOM files need committing. */
final class Instances {

    static final String STUDY_UID = "1.2.826.0.1.3680043.10.1234.1";
    static final String SERIES_UID = "1.2.826.0.1.3680043.10.1234.1.1";
    private static final int PIXEL_DATA_LENGTH = 2048;

    private Instances() {
    }

    /** A 32 x 32, 16-bit CT image data set with pixel values derived from {@code sopInstanceUid}. */
    static Attributes ct(String sopInstanceUid) {
        Attributes dataset = new Attributes(false, 16);
        dataset.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        dataset.setString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        dataset.setString(Tag.StudyInstanceUID, VR.UI, STUDY_UID);
        dataset.setString(Tag.SeriesInstanceUID, VR.UI, SERIES_UID);
        dataset.setString(Tag.Modality, VR.CS, "CT");
        dataset.setString(Tag.PatientID, VR.LO, "STORE-TEST");
        dataset.setString(Tag.PatientName, VR.PN, "Store^Test");
        dataset.setInts(Tag.Rows, VR.US, 32);
        dataset.setInts(Tag.Columns, VR.US, 32);
        dataset.setInts(Tag.SamplesPerPixel, VR.US, 1);
        dataset.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.setInts(Tag.BitsAllocated, VR.US, 16);
        dataset.setInts(Tag.BitsStored, VR.US, 16);
        dataset.setInts(Tag.HighBit, VR.US, 15);
        dataset.setInts(Tag.PixelRepresentation, VR.US, 0);
        byte[] pixels = new byte[PIXEL_DATA_LENGTH];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + sopInstanceUid.hashCode());
        }
        dataset.set(Tag.PixelData, VR.OW, pixels);
        return dataset;
    }

    /** Writes {@link #ct} as a Part 10 file in {@code syntax} to {@code file}. */
    static Path write(Path file, String sopInstanceUid, TransferSyntax syntax) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(null,
                    DicomWriter.createFileMeta(UID.CTImageStorage, sopInstanceUid, syntax.uid()), ct(sopInstanceUid));
        }
        return file;
    }

    /** The data set of {@link #ct} encoded in {@code syntax}. */
    static byte[] encoded(String sopInstanceUid, TransferSyntax syntax) throws IOException {
        return encoded(sopInstanceUid, syntax, dataset -> { });
    }

    /** The data set of {@link #ct}, after {@code change}, encoded in {@code syntax}. */
    static byte[] encoded(String sopInstanceUid, TransferSyntax syntax, Consumer<Attributes> change)
            throws IOException {
        Attributes dataset = ct(sopInstanceUid);
        change.accept(dataset);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DicomWriter(bytes).writeDataset(dataset, syntax);
        return bytes.toByteArray();
    }

    /** The transfer syntax named in a Part 10 file's File Meta Information. */
    static String transferSyntaxOf(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)) {
            return reader.readFile().fileMeta().getString(Tag.TransferSyntaxUID);
        }
    }
}
