package io.pacslite.archive.ingest;

import io.pacslite.archive.index.InstanceRecord;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import java.time.Instant;

/** The index row of an instance: the matching keys of each level (PS3.4 C.6.1.1, PS3.18 10.6.3) read from its header. */
final class InstanceRecords {

    private InstanceRecords() {
    }

    /** What the index keeps of one stored file. */
    record StoredFile(String key, String transferSyntaxUID, long size, String sha256) {
    }

    static InstanceRecord of(Attributes dataset, StoredFile file, Instant receivedAt, String sourceAE,
            String sourceAddress, byte[] metadata) {
        return new InstanceRecord(
                dataset.getString(Tag.PatientID, ""),
                dataset.getString(Tag.IssuerOfPatientID, ""),
                dataset.getString(Tag.PatientName),
                dataset.getString(Tag.PatientBirthDate),
                dataset.getString(Tag.PatientSex),
                dataset.getString(Tag.StudyInstanceUID),
                dataset.getString(Tag.StudyDate),
                dataset.getString(Tag.StudyTime),
                dataset.getString(Tag.AccessionNumber),
                dataset.getString(Tag.StudyID),
                dataset.getString(Tag.StudyDescription),
                dataset.getString(Tag.ReferringPhysicianName),
                dataset.getString(Tag.SeriesInstanceUID),
                dataset.getString(Tag.Modality),
                integer(dataset, Tag.SeriesNumber),
                dataset.getString(Tag.SeriesDescription),
                dataset.getString(Tag.PerformedProcedureStepStartDate),
                dataset.getString(Tag.SOPInstanceUID),
                dataset.getString(Tag.SOPClassUID),
                integer(dataset, Tag.InstanceNumber),
                file.transferSyntaxUID(),
                file.key(),
                file.size(),
                file.sha256(),
                receivedAt,
                sourceAE,
                sourceAddress,
                metadata);
    }

    /** An IS value, or null if absent or not an integer (a bad number must not refuse the instance). */
    private static Integer integer(Attributes dataset, int tag) {
        try {
            long[] values = dataset.getLongs(tag);
            return values.length > 0 && values[0] == (int) values[0] ? (int) values[0] : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
