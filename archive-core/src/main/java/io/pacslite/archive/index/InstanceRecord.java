package io.pacslite.archive.index;

import java.time.Instant;

/**
 * The attributes of one instance that the index keeps, from patient down to file. Optional
 * values may be null; text longer than its column is cut to fit. The study, series and SOP
 * Instance UIDs and the file key are required and must fit (64 and 300 characters): cutting
 * them would merge different things.
 *
 * @param metadata the instance's DICOM JSON (PS3.18 F), compressed by the caller
 */
public record InstanceRecord(String patientId, String issuerOfPatientId, String patientName,
        String patientBirthDate, String patientSex, String studyUid, String studyDate,
        String studyTime, String accessionNumber, String studyId, String studyDescription,
        String referringPhysicianName, String seriesUid, String modality, Integer seriesNumber,
        String seriesDescription, String ppsStartDate, String sopUid, String sopClassUid,
        Integer instanceNumber, String transferSyntaxUid, String fileKey, long size, String sha256,
        Instant receivedAt, String sourceAe, String sourceAddress, byte[] metadata) {
}
