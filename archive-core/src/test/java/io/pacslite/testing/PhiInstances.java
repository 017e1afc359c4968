package io.pacslite.testing;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;

/**
 * CT instances full of protected health information, for de-identification tests: the
 * patient's name, IDs, birth date, address and other IDs (in a sequence); the staff's and the
 * institution's names; dates and descriptions; a reference to another instance of the series;
 * private blocks, one holding a sequence with the patient's name. The CT Image IOD's required
 * modules are there, so that a validator has little to say about the original.
 */
public final class PhiInstances {

    /** The Private Creator of the private blocks. */
    public static final String PRIVATE_CREATOR = "ACME CT 1.0";
    public static final String PATIENT_NAME = "Doe^Jane";
    public static final String BIRTH_DATE = "19700101";

    private PhiInstances() {
    }

    /**
     * Instance {@code number} of series {@code seriesUid} of {@code studyUid}, referring to
     * {@code referencedSopUid} (null: none) of the same series.
     */
    public static Attributes ct(String studyUid, String seriesUid, String sopUid, int number, String referencedSopUid) {
        Attributes dataset = SyntheticInstances.ct("PID-4711", studyUid, seriesUid, sopUid, 8, number);
        dataset.setString(Tag.PatientName, VR.PN, PATIENT_NAME);
        dataset.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        dataset.setString(Tag.InstanceCreationDate, VR.DA, "20240131");
        dataset.setString(Tag.InstanceCreationTime, VR.TM, "101700");
        dataset.setString(Tag.SeriesDate, VR.DA, "20240131");
        dataset.setString(Tag.AcquisitionDate, VR.DA, "20240131");
        dataset.setString(Tag.ContentDate, VR.DA, "20240131");
        dataset.setString(Tag.SeriesTime, VR.TM, "101600");
        dataset.setString(Tag.AcquisitionTime, VR.TM, "101600");
        dataset.setString(Tag.ContentTime, VR.TM, "101600");
        dataset.setString(Tag.Manufacturer, VR.LO, "ACME");
        dataset.setString(Tag.InstitutionName, VR.LO, "St Elsewhere Hospital");
        dataset.setString(Tag.InstitutionAddress, VR.ST, "1 Main Street, Springfield");
        dataset.setString(Tag.StationName, VR.SH, "CT-ROOM-2");
        dataset.setString(Tag.InstitutionalDepartmentName, VR.LO, "Radiology");
        dataset.setString(Tag.OperatorsName, VR.PN, "Tech^Tom");
        dataset.setString(Tag.PerformingPhysicianName, VR.PN, "House^Gregory");
        dataset.setString(Tag.ManufacturerModelName, VR.LO, "Scanner 9000");
        dataset.setString(Tag.DeviceSerialNumber, VR.LO, "SN-123456");
        dataset.setString(Tag.SoftwareVersions, VR.LO, "1.0");
        dataset.setString(Tag.ProtocolName, VR.LO, "Chest for Jane Doe");
        dataset.setString(Tag.IssuerOfPatientID, VR.LO, "ST ELSEWHERE");
        dataset.setString(Tag.PatientAddress, VR.LO, "42 Elm Street, Springfield");
        dataset.setString(Tag.PatientAge, VR.AS, "054Y");
        dataset.setString(Tag.PatientWeight, VR.DS, "70");
        dataset.setString(Tag.AdditionalPatientHistory, VR.LT, "Jane fell off her bike on 20240130");
        dataset.set(Tag.OtherPatientIDsSequence, VR.SQ, sequenceOf(otherPatientId()));
        if (referencedSopUid != null) {
            Attributes reference = new Attributes();
            reference.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
            reference.setString(Tag.ReferencedSOPInstanceUID, VR.UI, referencedSopUid);
            dataset.set(Tag.ReferencedImageSequence, VR.SQ, sequenceOf(reference));
        }
        dataset.setString(Tag.KVP, VR.DS, "120");
        dataset.setString(Tag.SliceThickness, VR.DS, "1");
        dataset.setString(Tag.PatientPosition, VR.CS, "HFS");
        dataset.setInts(Tag.AcquisitionNumber, VR.IS, 1);
        dataset.setString(Tag.FrameOfReferenceUID, VR.UI, studyUid + ".99");
        dataset.setString(Tag.PositionReferenceIndicator, VR.LO, "");
        dataset.setDoubles(Tag.ImagePositionPatient, VR.DS, 0, 0, number);
        dataset.setDoubles(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
        dataset.setDoubles(Tag.PixelSpacing, VR.DS, 0.5, 0.5);
        dataset.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        dataset.setString(Tag.RescaleSlope, VR.DS, "1");
        dataset.setString(Tag.Laterality, VR.CS, "");
        dataset.setString(0x00090010, VR.LO, PRIVATE_CREATOR);
        dataset.setString(0x00091001, VR.LO, "Jane Doe, PID-4711");
        Attributes privateItem = new Attributes();
        privateItem.setString(Tag.PatientName, VR.PN, PATIENT_NAME);
        dataset.set(0x00091002, VR.SQ, sequenceOf(privateItem));
        return dataset;
    }

    /**
     * The MR counterpart of {@link #ct}: the same identifying attributes, the MR Image module
     * in place of the CT Image module.
     */
    public static Attributes mr(String studyUid, String seriesUid, String sopUid, int number, String referencedSopUid) {
        Attributes dataset = ct(studyUid, seriesUid, sopUid, number, referencedSopUid);
        dataset.setString(Tag.SOPClassUID, VR.UI, UID.MRImageStorage);
        dataset.setString(Tag.Modality, VR.CS, "MR");
        for (int ctOnly : new int[] {Tag.KVP, Tag.RescaleIntercept, Tag.RescaleSlope}) {
            dataset.remove(ctOnly);
        }
        dataset.setString(Tag.ScanningSequence, VR.CS, "SE");
        dataset.setString(Tag.SequenceVariant, VR.CS, "NONE");
        dataset.setString(Tag.ScanOptions, VR.CS, "");
        dataset.setString(Tag.MRAcquisitionType, VR.CS, "2D");
        dataset.setString(Tag.RepetitionTime, VR.DS, "500");
        dataset.setString(Tag.EchoTime, VR.DS, "20");
        dataset.setString(Tag.EchoTrainLength, VR.IS, "1");
        dataset.setString(Tag.MagneticFieldStrength, VR.DS, "1.5");
        dataset.setString(Tag.ImagingFrequency, VR.DS, "63.9");
        return dataset;
    }

    private static Attributes otherPatientId() {
        Attributes item = new Attributes();
        item.setString(Tag.PatientID, VR.LO, "OTHER-0815");
        item.setString(Tag.TypeOfPatientID, VR.CS, "TEXT");
        return item;
    }

    private static Sequence sequenceOf(Attributes item) {
        Sequence sequence = new Sequence();
        sequence.add(item);
        return sequence;
    }
}
