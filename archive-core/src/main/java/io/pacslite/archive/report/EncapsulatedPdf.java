package io.pacslite.archive.report;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.UIDs;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Builds an Encapsulated PDF instance (PS3.3 A.45.1) around a report: the Patient and General
 * Study modules copied from an instance of the study, the Encapsulated Document Series
 * (C.24.1: Modality DOC), General and SC Equipment (C.7.5.1, C.8.6.1: Conversion Type WSD),
 * the Encapsulated Document module (C.24.2) and SOP Common (C.12.1), whose Contributing
 * Equipment Sequence names the archive and, as Operators' Name, who uploaded the report.
 */
final class EncapsulatedPdf {

    /** The Patient and General Study attributes copied from the study (PS3.3 C.7.1.1, C.7.2.1). */
    private static final int[] COPIED = {Tag.SpecificCharacterSet, Tag.StudyDate, Tag.StudyTime,
        Tag.AccessionNumber, Tag.ReferringPhysicianName, Tag.StudyDescription, Tag.PatientName, Tag.PatientID,
        Tag.IssuerOfPatientID, Tag.PatientBirthDate, Tag.PatientSex, Tag.StudyInstanceUID, Tag.StudyID};
    /** The Type 2 attributes among them: present, empty if the study has no value. */
    private static final int[] TYPE_2 = {Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber,
        Tag.ReferringPhysicianName, Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
        Tag.StudyID};
    /** DCM code 109102 "Processing Equipment" (PS3.16 CID 7005): the archive made the instance. */
    private static final String[] PROCESSING_EQUIPMENT = {"109102", "DCM", "Processing Equipment"};
    static final String MANUFACTURER = "PACS-lite";
    private static final String PDF = "application/pdf";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private EncapsulatedPdf() {
    }

    /** Where the new instance goes: its series and its number there. */
    record Placement(String seriesUid, int seriesNumber, String seriesDescription, int instanceNumber) {
    }

    /**
     * The data set of a new instance.
     *
     * @param study an instance of the study, for the patient and study attributes
     * @param title the Document Title (0042,0010)
     * @param uploader who uploaded it, for Operators' Name; null if unknown
     */
    static Attributes dataset(Attributes study, Placement placement, PdfDocument pdf, String title, String uploader,
            LocalDateTime now) {
        Attributes dataset = new Attributes(false, 48);
        for (int tag : COPIED) {
            int i = study.indexOf(tag);
            if (i >= 0) {
                dataset.set(tag, study.vrAt(i), study.valueAt(i));
            }
        }
        for (int tag : TYPE_2) {
            if (!dataset.contains(tag)) {
                dataset.set(tag, ElementDictionary.vrOf(tag), null);
            }
        }
        dataset.setString(Tag.SOPClassUID, VR.UI, UID.EncapsulatedPDFStorage);
        dataset.setString(Tag.SOPInstanceUID, VR.UI, UIDs.random());
        dataset.setString(Tag.InstanceCreationDate, VR.DA, DATE.format(now));
        dataset.setString(Tag.InstanceCreationTime, VR.TM, TIME.format(now));
        dataset.setString(Tag.ContentDate, VR.DA, DATE.format(now));
        dataset.setString(Tag.ContentTime, VR.TM, TIME.format(now));
        dataset.setString(Tag.AcquisitionDateTime, VR.DT, DATE.format(now) + TIME.format(now));
        dataset.setString(Tag.Modality, VR.CS, Reports.MODALITY);
        dataset.setString(Tag.ConversionType, VR.CS, "WSD");
        dataset.setString(Tag.Manufacturer, VR.LO, MANUFACTURER);
        dataset.setString(Tag.SeriesDescription, VR.LO, placement.seriesDescription());
        dataset.setString(Tag.SeriesInstanceUID, VR.UI, placement.seriesUid());
        dataset.setInts(Tag.SeriesNumber, VR.IS, placement.seriesNumber());
        dataset.setInts(Tag.InstanceNumber, VR.IS, placement.instanceNumber());
        dataset.setString(Tag.BurnedInAnnotation, VR.CS, "YES");
        dataset.set(Tag.ConceptNameCodeSequence, VR.SQ, new Sequence());
        dataset.setString(Tag.DocumentTitle, VR.ST, title);
        dataset.setString(Tag.MIMETypeOfEncapsulatedDocument, VR.LO, PDF);
        byte[] document = pdf.bytes();
        // OB values have even length (PS3.5 7.1.1): a trailing NUL, which Encapsulated Document Length leaves out.
        dataset.set(Tag.EncapsulatedDocument, VR.OB, document.length % 2 == 0 ? document
                : Arrays.copyOf(document, document.length + 1));
        dataset.setInts(Tag.EncapsulatedDocumentLength, VR.UL, document.length);
        dataset.set(Tag.ContributingEquipmentSequence, VR.SQ, contributingEquipment(uploader, now));
        return dataset;
    }

    /** A Part 10 file of {@code dataset} in Explicit VR Little Endian. */
    static byte[] partTen(Attributes dataset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new DicomWriter(out).writeFile(null, DicomWriter.createFileMeta(dataset.getString(Tag.SOPClassUID),
                    dataset.getString(Tag.SOPInstanceUID), UID.ExplicitVRLittleEndian), dataset);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static Sequence contributingEquipment(String uploader, LocalDateTime now) {
        Attributes code = new Attributes();
        code.setString(Tag.CodeValue, VR.SH, PROCESSING_EQUIPMENT[0]);
        code.setString(Tag.CodingSchemeDesignator, VR.SH, PROCESSING_EQUIPMENT[1]);
        code.setString(Tag.CodeMeaning, VR.LO, PROCESSING_EQUIPMENT[2]);
        Sequence purpose = new Sequence();
        purpose.add(code);
        Attributes item = new Attributes();
        item.set(Tag.PurposeOfReferenceCodeSequence, VR.SQ, purpose);
        item.setString(Tag.Manufacturer, VR.LO, MANUFACTURER);
        item.setString(Tag.ContributionDateTime, VR.DT, DATE.format(now) + TIME.format(now));
        item.setString(Tag.ContributionDescription, VR.ST, "PDF report encapsulated on upload");
        if (uploader != null) {
            item.setString(Tag.OperatorsName, VR.PN, uploader);
        }
        Sequence sequence = new Sequence();
        sequence.add(item);
        return sequence;
    }
}
