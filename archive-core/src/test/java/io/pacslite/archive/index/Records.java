package io.pacslite.archive.index;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Instance records for index tests: one patient, study and series unless told otherwise. */
final class Records {

    static final String STUDY = "1.2.3.4";

    private Records() {
    }

    static InstanceRecord instance(String patientId, String studyUid, String seriesUid, String modality, String sopUid) {
        return new InstanceRecord(patientId, "HOSP", "Doe^Jane", "19700101", "F", studyUid, "20240115", "101500",
                "ACC1", "S1", "Chest", "Welby^Marcus", seriesUid, modality, 1, "Series", "20240115", sopUid,
                "1.2.840.10008.5.1.4.1.1.2", 1, "1.2.840.10008.1.2.1", "ab/cd/" + sopUid + ".dcm", 1000,
                "0".repeat(64), Instant.parse("2024-01-15T10:15:00Z"), "CT1", "10.0.0.1",
                ("{\"sop\":\"" + sopUid + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static InstanceRecord instance(String seriesUid, String modality, String sopUid) {
        return instance("P1", STUDY, seriesUid, modality, sopUid);
    }
}
