package io.pacslite.bench;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A realistic single-frame CT image (PS3.3 A.3: patient, study, series, frame of reference,
 * equipment, image, CT image and VOI LUT modules, a few sequences and a private block) with
 * 512x512 16-bit pixels, in Explicit VR Little Endian. The content is the same on every run,
 * so PACS-lite and pydicom time exactly the same bytes.
 */
final class CtInstance {

    static final int ROWS = 512;
    static final int COLUMNS = 512;

    private CtInstance() {
    }

    /** Writes the instance to {@code file} (replacing it) and returns the file's size in bytes. */
    static long write(Path file) throws IOException {
        Attributes dataset = dataset();
        Attributes fileMeta = DicomWriter.createFileMeta(
                UID.CTImageStorage, dataset.getString(Tag.SOPInstanceUID), UID.ExplicitVRLittleEndian);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(null, fileMeta, dataset);
        }
        return Files.size(file);
    }

    /** A UID under 2.25 (PS3.5 B.2) derived from a name, so it is the same on every run. */
    private static String uid(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        BigInteger high = BigInteger.valueOf(uuid.getMostSignificantBits()).and(UNSIGNED_64);
        BigInteger low = BigInteger.valueOf(uuid.getLeastSignificantBits()).and(UNSIGNED_64);
        return "2.25." + high.shiftLeft(64).or(low);
    }

    private static final BigInteger UNSIGNED_64 =
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    static Attributes dataset() {
        String study = uid("toolkit-bench study");
        String series = uid("toolkit-bench series");
        String frameOfReference = uid("toolkit-bench frame of reference");
        Attributes ds = new Attributes(false, 128);

        // SOP Common and General Image
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.InstanceCreationDate, VR.DA, "20250314");
        ds.setString(Tag.InstanceCreationTime, VR.TM, "101530.123456");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid("toolkit-bench instance"));
        ds.setString(Tag.StudyDate, VR.DA, "20250314");
        ds.setString(Tag.SeriesDate, VR.DA, "20250314");
        ds.setString(Tag.AcquisitionDate, VR.DA, "20250314");
        ds.setString(Tag.ContentDate, VR.DA, "20250314");
        ds.setString(Tag.StudyTime, VR.TM, "100512.000000");
        ds.setString(Tag.SeriesTime, VR.TM, "101204.000000");
        ds.setString(Tag.AcquisitionTime, VR.TM, "101310.482000");
        ds.setString(Tag.ContentTime, VR.TM, "101310.482000");
        ds.setString(Tag.AccessionNumber, VR.SH, "A20250314-0042");
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.Manufacturer, VR.LO, "ACME Medical Systems");
        ds.setString(Tag.InstitutionName, VR.LO, "General Hospital Radiology");
        ds.setString(Tag.InstitutionAddress, VR.ST, "1 Hospital Road, Springfield");
        ds.setString(Tag.ReferringPhysicianName, VR.PN, "Smith^John^^Dr.");
        ds.setString(Tag.StationName, VR.SH, "CTSCAN01");
        ds.setString(Tag.StudyDescription, VR.LO, "CT CHEST ABDOMEN PELVIS W CONTRAST");
        ds.set(Tag.ProcedureCodeSequence, VR.SQ, sequenceOf(
                code("CTCAP", "99LOCAL", "CT Chest Abdomen Pelvis with contrast")));
        ds.setString(Tag.SeriesDescription, VR.LO, "Axial 1.25mm Soft Tissue");
        ds.setString(Tag.InstitutionalDepartmentName, VR.LO, "Radiology");
        ds.setString(Tag.PerformingPhysicianName, VR.PN, "Jones^Mary");
        ds.setString(Tag.OperatorsName, VR.PN, "Tech^Alex");
        ds.setString(Tag.ManufacturerModelName, VR.LO, "Volumetric 128");
        ds.set(Tag.ReferencedImageSequence, VR.SQ, sequenceOf(
                referencedImage("localizer 1"), referencedImage("localizer 2")));
        ds.setString(Tag.DerivationDescription, VR.ST, "");
        ds.setString(Tag.ImageComments, VR.LT, "Routine portal venous phase");

        // Patient
        ds.setString(Tag.PatientName, VR.PN, "Doe^Jane^Q");
        ds.setString(Tag.PatientID, VR.LO, "PID-00012345");
        ds.setString(Tag.IssuerOfPatientID, VR.LO, "GENHOSP");
        ds.setString(Tag.PatientBirthDate, VR.DA, "19640722");
        ds.setString(Tag.PatientSex, VR.CS, "F");
        ds.setString(Tag.OtherPatientIDs, VR.LO, "MRN-778899");
        ds.setString(Tag.PatientAge, VR.AS, "060Y");
        ds.setString(Tag.PatientSize, VR.DS, "1.68");
        ds.setString(Tag.PatientWeight, VR.DS, "71.5");
        ds.setString(Tag.AdditionalPatientHistory, VR.LT, "Follow-up, known hepatic lesion");

        // CT Image and acquisition
        ds.setString(Tag.ContrastBolusAgent, VR.LO, "OMNIPAQUE 350");
        ds.setString(Tag.BodyPartExamined, VR.CS, "CHEST");
        ds.setString(Tag.ScanOptions, VR.CS, "HELICAL MODE");
        ds.setString(Tag.SliceThickness, VR.DS, "1.25");
        ds.setString(Tag.KVP, VR.DS, "120");
        ds.setString(Tag.DataCollectionDiameter, VR.DS, "500");
        ds.setString(Tag.DeviceSerialNumber, VR.LO, "SN-4711");
        ds.setString(Tag.SoftwareVersions, VR.LO, "VX12.4.1", "BASE 7.2");
        ds.setString(Tag.ProtocolName, VR.LO, "CAP Routine");
        ds.setString(Tag.ReconstructionDiameter, VR.DS, "380");
        ds.setString(Tag.DistanceSourceToDetector, VR.DS, "1085.6");
        ds.setString(Tag.DistanceSourceToPatient, VR.DS, "595");
        ds.setString(Tag.GantryDetectorTilt, VR.DS, "0");
        ds.setString(Tag.TableHeight, VR.DS, "160");
        ds.setString(Tag.RotationDirection, VR.CS, "CW");
        ds.setString(Tag.ExposureTime, VR.IS, "570");
        ds.setString(Tag.XRayTubeCurrent, VR.IS, "240");
        ds.setString(Tag.Exposure, VR.IS, "137");
        ds.setString(Tag.FilterType, VR.SH, "BODY FILTER");
        ds.setString(Tag.GeneratorPower, VR.IS, "29");
        ds.setString(Tag.FocalSpots, VR.DS, "1.2");
        ds.setString(Tag.ConvolutionKernel, VR.SH, "STANDARD");
        ds.setString(Tag.PatientPosition, VR.CS, "FFS");
        ds.setDoubles(Tag.RevolutionTime, VR.FD, 0.5);
        ds.setDoubles(Tag.SingleCollimationWidth, VR.FD, 0.625);
        ds.setDoubles(Tag.TotalCollimationWidth, VR.FD, 40.0);
        ds.setDoubles(Tag.TableSpeed, VR.FD, 78.75);
        ds.setDoubles(Tag.TableFeedPerRotation, VR.FD, 39.375);
        ds.setDoubles(Tag.SpiralPitchFactor, VR.FD, 0.984375);
        ds.setDoubles(Tag.CTDIvol, VR.FD, 11.42);

        // Study, series, frame of reference
        ds.setString(Tag.StudyInstanceUID, VR.UI, study);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tag.StudyID, VR.SH, "4242");
        ds.setString(Tag.SeriesNumber, VR.IS, "3");
        ds.setString(Tag.AcquisitionNumber, VR.IS, "1");
        ds.setString(Tag.InstanceNumber, VR.IS, "137");
        ds.setString(Tag.ImagePositionPatient, VR.DS, "-189.6289", "-210.6289", "-171.25");
        ds.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        ds.setString(Tag.FrameOfReferenceUID, VR.UI, frameOfReference);
        ds.setString(Tag.PositionReferenceIndicator, VR.LO, "SN");
        ds.setString(Tag.SliceLocation, VR.DS, "-171.25");

        // Image Pixel and VOI LUT
        ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInts(Tag.Rows, VR.US, ROWS);
        ds.setInts(Tag.Columns, VR.US, COLUMNS);
        ds.setString(Tag.PixelSpacing, VR.DS, "0.7421875", "0.7421875");
        ds.setInts(Tag.BitsAllocated, VR.US, 16);
        ds.setInts(Tag.BitsStored, VR.US, 16);
        ds.setInts(Tag.HighBit, VR.US, 15);
        ds.setInts(Tag.PixelRepresentation, VR.US, 1);
        ds.setInts(Tag.SmallestImagePixelValue, VR.SS, -1024);
        ds.setInts(Tag.LargestImagePixelValue, VR.SS, 3071);
        ds.setString(Tag.BurnedInAnnotation, VR.CS, "NO");
        ds.setString(Tag.WindowCenter, VR.DS, "40", "-600");
        ds.setString(Tag.WindowWidth, VR.DS, "400", "1500");
        ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        ds.setString(Tag.RescaleSlope, VR.DS, "1");
        ds.setString(Tag.RescaleType, VR.LO, "HU");
        ds.setString(Tag.WindowCenterWidthExplanation, VR.LO, "SOFT TISSUE", "LUNG");
        ds.setString(Tag.LossyImageCompression, VR.CS, "00");

        // Request attributes
        ds.setString(Tag.RequestingPhysician, VR.PN, "Smith^John");
        ds.setString(Tag.RequestedProcedureDescription, VR.LO, "CT CAP with contrast");
        ds.setString(Tag.PerformedProcedureStepStartDate, VR.DA, "20250314");
        ds.setString(Tag.PerformedProcedureStepStartTime, VR.TM, "100512");
        ds.setString(Tag.PerformedProcedureStepID, VR.SH, "PPS-0042");
        ds.setString(Tag.PerformedProcedureStepDescription, VR.LO, "CT CHEST ABDOMEN PELVIS");
        Attributes request = new Attributes(false, 8);
        request.setString(Tag.AccessionNumber, VR.SH, "A20250314-0042");
        request.setString(Tag.RequestedProcedureID, VR.SH, "RP-0042");
        request.setString(Tag.ScheduledProcedureStepID, VR.SH, "SPS-0042");
        request.setString(Tag.StudyInstanceUID, VR.UI, study);
        ds.set(Tag.RequestAttributesSequence, VR.SQ, sequenceOf(request));

        privateBlock(ds);
        ds.set(Tag.PixelData, VR.OW, pixels());
        return ds;
    }

    /** A vendor block in group 0009 (PS3.5 7.8.1), as most scanners write one. */
    private static void privateBlock(Attributes ds) {
        ds.setString(0x00090010, VR.LO, "ACME CT 1.0");
        ds.setString(0x00091001, VR.LO, "ACME_CT_RECON");
        ds.setInts(0x00091002, VR.SL, 3, 7, 11);
        ds.setDoubles(0x00091003, VR.FD, 0.125, 0.25);
        ds.setString(0x00091004, VR.SH, "FBP");
        ds.set(0x00091005, VR.OB, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        ds.setString(0x00091006, VR.DS, "12.5", "14.75");
    }

    private static Sequence sequenceOf(Attributes... items) {
        Sequence sequence = new Sequence();
        for (Attributes item : items) {
            sequence.add(item);
        }
        return sequence;
    }

    private static Attributes code(String value, String scheme, String meaning) {
        Attributes item = new Attributes(false, 3);
        item.setString(Tag.CodeValue, VR.SH, value);
        item.setString(Tag.CodingSchemeDesignator, VR.SH, scheme);
        item.setString(Tag.CodeMeaning, VR.LO, meaning);
        return item;
    }

    private static Attributes referencedImage(String name) {
        Attributes item = new Attributes(false, 2);
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, uid("toolkit-bench " + name));
        return item;
    }

    /** A smooth synthetic slice (a disc of soft tissue in air), little endian 16-bit: 512 KiB. */
    private static byte[] pixels() {
        byte[] bytes = new byte[ROWS * COLUMNS * 2];
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < COLUMNS; x++) {
                int dx = x - COLUMNS / 2;
                int dy = y - ROWS / 2;
                int value = dx * dx + dy * dy < 200 * 200 ? 40 + ((x ^ y) & 31) : -1000;
                int offset = (y * COLUMNS + x) * 2;
                bytes[offset] = (byte) value;
                bytes[offset + 1] = (byte) (value >> 8);
            }
        }
        return bytes;
    }
}
