package io.pacslite.dicom.fileset;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import java.util.List;

/**
 * The Directory Record Types this writer makes (PS3.3 F.4, Table F.4-1) and the keys each
 * record copies from its instance (PS3.3 F.5). A type 2 key the instance lacks is written
 * empty; a type 1 key it lacks stays out (the instance breaks its own IOD then too).
 * Specific Character Set (type 1C) is copied whenever the instance has one, so that text keys
 * keep the meaning of their bytes.
 */
enum RecordType {

    /** PS3.3 Table F.5-1. */
    PATIENT("PATIENT", List.of(Tag.PatientID), List.of(Tag.PatientName)),
    /** PS3.3 Table F.5-2; Study Instance UID is type 1C, present whenever the instance has it. */
    STUDY("STUDY", List.of(Tag.StudyDate, Tag.StudyTime, Tag.StudyInstanceUID, Tag.StudyID),
            List.of(Tag.StudyDescription, Tag.AccessionNumber)),
    /** PS3.3 Table F.5-3. */
    SERIES("SERIES", List.of(Tag.Modality, Tag.SeriesInstanceUID, Tag.SeriesNumber), List.of()),
    /** PS3.3 Table F.5-4: any instance without a record type of its own. */
    IMAGE("IMAGE", List.of(Tag.InstanceNumber), List.of()),
    /** PS3.3 Table F.5-18, Structured Reports but Key Object Selection. */
    SR_DOCUMENT("SR DOCUMENT", List.of(Tag.InstanceNumber, Tag.CompletionFlag, Tag.VerificationFlag,
            Tag.ContentDate, Tag.ContentTime, Tag.VerificationDateTime, Tag.ConceptNameCodeSequence), List.of()),
    /** PS3.3 Table F.5-20, Key Object Selection Documents. */
    KEY_OBJECT_DOC("KEY OBJECT DOC", List.of(Tag.InstanceNumber, Tag.ContentDate, Tag.ContentTime,
            Tag.ConceptNameCodeSequence), List.of()),
    /** PS3.3 Table F.5-25, Encapsulated Documents (PDF, CDA, STL...). */
    ENCAP_DOC("ENCAP DOC", List.of(Tag.InstanceNumber, Tag.HL7InstanceIdentifier, Tag.MIMETypeOfEncapsulatedDocument),
            List.of(Tag.ContentDate, Tag.ContentTime, Tag.DocumentTitle, Tag.ConceptNameCodeSequence));

    private static final String STRUCTURED_REPORTS = "1.2.840.10008.5.1.4.1.1.88.";
    private static final String KEY_OBJECT_SELECTION = "1.2.840.10008.5.1.4.1.1.88.59";
    private static final String ENCAPSULATED_DOCUMENTS = "1.2.840.10008.5.1.4.1.1.104.";

    /** The Directory Record Type (0004,1430) value. */
    final String code;
    private final List<Integer> copiedIfPresent;
    private final List<Integer> typeTwo;

    RecordType(String code, List<Integer> copiedIfPresent, List<Integer> typeTwo) {
        this.code = code;
        this.copiedIfPresent = copiedIfPresent;
        this.typeTwo = typeTwo;
    }

    /** The record type of an instance of {@code sopClassUid} (PS3.3 F.4). */
    static RecordType ofSopClass(String sopClassUid) {
        if (sopClassUid.equals(KEY_OBJECT_SELECTION)) {
            return KEY_OBJECT_DOC;
        }
        if (sopClassUid.startsWith(STRUCTURED_REPORTS)) {
            return SR_DOCUMENT;
        }
        if (sopClassUid.startsWith(ENCAPSULATED_DOCUMENTS)) {
            return ENCAP_DOC;
        }
        return IMAGE;
    }

    /** This record type's keys (and Specific Character Set) copied from {@code instance} into {@code record}. */
    void copyKeys(Attributes instance, Attributes record) {
        copy(instance, record, Tag.SpecificCharacterSet);
        copiedIfPresent.forEach(tag -> copy(instance, record, tag));
        for (int tag : typeTwo) {
            if (!copy(instance, record, tag)) {
                record.set(tag, ElementDictionary.vrOf(tag), null);
            }
        }
    }

    private static boolean copy(Attributes instance, Attributes record, int tag) {
        int index = instance.indexOf(tag);
        if (index < 0) {
            return false;
        }
        record.set(tag, instance.vrAt(index), instance.valueAt(index));
        return true;
    }
}
