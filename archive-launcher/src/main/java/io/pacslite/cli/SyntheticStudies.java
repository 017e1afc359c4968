package io.pacslite.cli;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes synthetic CT studies as Part 10 files, for trials, demos and benchmarks (no DICOM
 * corpus is committed). Everything follows from the seed: the same arguments give the same
 * files. UIDs are under the 2.25 root (PS3.5 B.2) derived from the seed and counters.
 */
final class SyntheticStudies {

    private final String root;

    /** @param seed distinguishes one generated set from another */
    SyntheticStudies(long seed) {
        this.root = "2.25." + Long.toUnsignedString(0x5A17_0000_0000L ^ seed) + ".";
    }

    String studyUID(int study) {
        return root + (study + 1);
    }

    String seriesUID(int study, int series) {
        return studyUID(study) + "." + (series + 1);
    }

    String instanceUID(int study, int series, int instance) {
        return seriesUID(study, series) + "." + (instance + 1);
    }

    /** Writes one instance of {@code size} x {@code size} 16-bit pixels to {@code file}. */
    void write(Path file, int study, int series, int instance, int size) throws IOException {
        Attributes dataset = new Attributes(false, 48);
        dataset.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        dataset.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        dataset.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        dataset.setString(Tag.SOPInstanceUID, VR.UI, instanceUID(study, series, instance));
        dataset.setString(Tag.StudyDate, VR.DA, String.format("2024%02d%02d", 1 + study % 12, 1 + study % 28));
        dataset.setString(Tag.StudyTime, VR.TM, String.format("%02d%02d00", 8 + study % 10, study % 60));
        dataset.setString(Tag.AccessionNumber, VR.SH, "ACC" + (study + 1));
        dataset.setString(Tag.Modality, VR.CS, "CT");
        dataset.setString(Tag.Manufacturer, VR.LO, "PACS-lite synthetic");
        dataset.setString(Tag.ReferringPhysicianName, VR.PN, "Referring^Doctor");
        dataset.setString(Tag.StudyDescription, VR.LO, "Synthetic CT study " + (study + 1));
        dataset.setString(Tag.SeriesDescription, VR.LO, "Axial " + (series + 1));
        dataset.setString(Tag.PatientName, VR.PN, "Synthetic^Patient" + (study + 1));
        dataset.setString(Tag.PatientID, VR.LO, "SYN" + (study + 1));
        dataset.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        dataset.setString(Tag.PatientSex, VR.CS, study % 2 == 0 ? "F" : "M");
        dataset.setDoubles(Tag.SliceThickness, VR.DS, 1.25);
        dataset.setString(Tag.StudyInstanceUID, VR.UI, studyUID(study));
        dataset.setString(Tag.SeriesInstanceUID, VR.UI, seriesUID(study, series));
        dataset.setString(Tag.StudyID, VR.SH, Integer.toString(study + 1));
        dataset.setInts(Tag.SeriesNumber, VR.IS, series + 1);
        dataset.setInts(Tag.InstanceNumber, VR.IS, instance + 1);
        dataset.setDoubles(Tag.ImagePositionPatient, VR.DS, -125, -125, instance * 1.25);
        dataset.setDoubles(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
        dataset.setInts(Tag.SamplesPerPixel, VR.US, 1);
        dataset.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.setInts(Tag.Rows, VR.US, size);
        dataset.setInts(Tag.Columns, VR.US, size);
        dataset.setDoubles(Tag.PixelSpacing, VR.DS, 0.5, 0.5);
        dataset.setInts(Tag.BitsAllocated, VR.US, 16);
        dataset.setInts(Tag.BitsStored, VR.US, 12);
        dataset.setInts(Tag.HighBit, VR.US, 11);
        dataset.setInts(Tag.PixelRepresentation, VR.US, 0);
        dataset.setDoubles(Tag.WindowCenter, VR.DS, 40);
        dataset.setDoubles(Tag.WindowWidth, VR.DS, 400);
        dataset.setDoubles(Tag.RescaleIntercept, VR.DS, -1024);
        dataset.setDoubles(Tag.RescaleSlope, VR.DS, 1);
        dataset.set(Tag.PixelData, VR.OW, pixels(size, instance));
        Files.createDirectories(file.getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            new DicomWriter(out).writeFile(null, DicomWriter.createFileMeta(UID.CTImageStorage,
                    instanceUID(study, series, instance), UID.ExplicitVRLittleEndian), dataset);
        }
    }

    /** A disc whose radius changes with the slice, over a gradient: something a viewer can show. */
    private static byte[] pixels(int size, int slice) {
        byte[] pixels = new byte[size * size * 2];
        double radius = size * (0.2 + 0.15 * Math.sin(slice / 10.0));
        int i = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = x - size / 2.0;
                double dy = y - size / 2.0;
                int value = dx * dx + dy * dy < radius * radius ? 1024 + 40 : (x + y) % 1024;
                pixels[i++] = (byte) value;
                pixels[i++] = (byte) (value >>> 8);
            }
        }
        return pixels;
    }
}
