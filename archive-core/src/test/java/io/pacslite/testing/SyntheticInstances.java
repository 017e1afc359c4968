package io.pacslite.testing;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small, valid CT instances made on the fly for tests (no committed DICOM files). */
public final class SyntheticInstances {

    /** A UID root for test data: UUID-derived 2.25 UIDs would be long; these stay short and valid. */
    private static final String ROOT = "1.2.826.0.1.3680043.10.1234.";

    private SyntheticInstances() {
    }

    public static String uid(String... parts) {
        return ROOT + String.join(".", parts);
    }

    /** A CT instance of the given size with a deterministic pixel pattern from {@code seed}. */
    public static Attributes ct(String patientId, String studyUID, String seriesUID, String sopUID, int size, int seed) {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        dataset.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        dataset.setString(Tag.SOPInstanceUID, VR.UI, sopUID);
        dataset.setString(Tag.StudyDate, VR.DA, "20240131");
        dataset.setString(Tag.StudyTime, VR.TM, "101500");
        dataset.setString(Tag.AccessionNumber, VR.SH, "A" + patientId);
        dataset.setString(Tag.Modality, VR.CS, "CT");
        dataset.setString(Tag.ReferringPhysicianName, VR.PN, "Welby^Marcus");
        dataset.setString(Tag.StudyDescription, VR.LO, "CT Chest");
        dataset.setString(Tag.SeriesDescription, VR.LO, "Axial");
        dataset.setString(Tag.PatientName, VR.PN, "Doe^Jane^" + patientId);
        dataset.setString(Tag.PatientID, VR.LO, patientId);
        dataset.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        dataset.setString(Tag.PatientSex, VR.CS, "F");
        dataset.setString(Tag.StudyInstanceUID, VR.UI, studyUID);
        dataset.setString(Tag.SeriesInstanceUID, VR.UI, seriesUID);
        dataset.setString(Tag.StudyID, VR.SH, "1");
        dataset.setInts(Tag.SeriesNumber, VR.IS, 1);
        dataset.setInts(Tag.InstanceNumber, VR.IS, seed);
        dataset.setInts(Tag.SamplesPerPixel, VR.US, 1);
        dataset.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.setInts(Tag.Rows, VR.US, size);
        dataset.setInts(Tag.Columns, VR.US, size);
        dataset.setInts(Tag.BitsAllocated, VR.US, 16);
        dataset.setInts(Tag.BitsStored, VR.US, 12);
        dataset.setInts(Tag.HighBit, VR.US, 11);
        dataset.setInts(Tag.PixelRepresentation, VR.US, 0);
        byte[] pixels = new byte[size * size * 2];
        for (int i = 0; i < pixels.length; i += 2) {
            int value = (i / 2 * 31 + seed * 7) & 0x0FFF;
            pixels[i] = (byte) value;
            pixels[i + 1] = (byte) (value >>> 8);
        }
        dataset.set(Tag.PixelData, VR.OW, pixels);
        return dataset;
    }

    /** The instance as a Part 10 file in {@code syntax}. */
    public static byte[] partTen(Attributes dataset, TransferSyntax syntax) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new DicomWriter(out).writeFile(null, DicomWriter.createFileMeta(dataset.getString(Tag.SOPClassUID),
                    dataset.getString(Tag.SOPInstanceUID), syntax.uid()), dataset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The instance as a bare data set in {@code syntax}, as a C-STORE carries it. */
    public static byte[] dataset(Attributes dataset, TransferSyntax syntax) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new DicomWriter(out).writeDataset(dataset, syntax);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
