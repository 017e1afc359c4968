package io.pacslite.archive.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The index side of a study correction (docs/dicomweb.md, "Corrections"), in one transaction:
 * the study's patient row (found, created, or updated), its study row, and each instance's
 * size, hash and metadata, from the rewritten files; the change log gets a
 * {@code CORRECT_INSTANCE} row per instance. The derived counts do not change: no instance
 * comes or goes.
 */
final class StudyCorrections {

    private StudyCorrections() {
    }

    /**
     * Applies the rewritten files' {@code records} (every instance of {@code studyUid}; the
     * first gives the patient and study attributes).
     *
     * @return null if applied; else why not, with nothing changed: the patient row the study
     *     would end up with is shared with other studies whose files say otherwise
     * @throws NoSuchElementException if the study is not indexed
     */
    static String apply(Connection c, String studyUid, List<InstanceRecord> records) throws SQLException {
        InstanceRecord first = records.get(0);
        long study;
        long oldPatient;
        String oldKey;
        try (PreparedStatement p = c.prepareStatement("SELECT st.pk, p.pk, p.patient_key FROM study st"
                + " JOIN patient p ON p.pk = st.patient_fk WHERE st.study_uid = ?")) {
            p.setString(1, studyUid);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("study " + studyUid + " is not indexed");
                }
                study = rs.getLong(1);
                oldPatient = rs.getLong(2);
                oldKey = rs.getString(3);
            }
        }
        LocalDateTime now = Sql.utc(Instant.now());
        String key = InstanceWriter.patientKey(first);
        long patient;
        if (key.equals(oldKey)) {
            if (!sameDemographics(c, oldPatient, first)) {
                if (otherStudies(c, oldPatient, study)) {
                    return "the patient has other studies, whose files keep the old name, birth date or sex;"
                            + " correct those studies too, or give the study another Patient ID";
                }
                updateDemographics(c, oldPatient, first);
            }
            patient = oldPatient;
        } else {
            Long existing = patientOf(c, key);
            if (existing != null && !sameDemographics(c, existing, first)) {
                return "the patient with that Patient ID is stored with another name, birth date or sex;"
                        + " give the values it is stored with";
            }
            patient = existing != null ? existing : InstanceWriter.patient(c, first, key, now);
        }
        updateStudy(c, study, patient, first, now);
        if (patient != oldPatient) {
            InstanceWriter.update(c, "DELETE FROM patient WHERE pk = ? AND NOT EXISTS"
                    + " (SELECT 1 FROM study WHERE patient_fk = patient.pk)", oldPatient);
        }
        for (InstanceRecord r : records) {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE instance SET size = ?, sha256 = ?, metadata = ? WHERE sop_uid = ?")) {
                p.setLong(1, r.size());
                p.setString(2, Sql.fit(r.sha256(), InstanceWriter.SHA256));
                p.setBytes(3, r.metadata());
                p.setString(4, r.sopUid());
                p.executeUpdate();
            }
            InstanceWriter.logChange(c, "CORRECT_INSTANCE", studyUid, r.seriesUid(), r.sopUid(), now);
        }
        return null;
    }

    private static Long patientOf(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pk FROM patient WHERE patient_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static boolean sameDemographics(Connection c, long patient, InstanceRecord r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT patient_name, patient_birth_date, patient_sex FROM patient WHERE pk = ?")) {
            p.setLong(1, patient);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return Objects.equals(rs.getString(1), Sql.fit(r.patientName(), InstanceWriter.NAME))
                        && Objects.equals(rs.getString(2), Sql.fit(r.patientBirthDate(), InstanceWriter.DATE))
                        && Objects.equals(rs.getString(3), Sql.fit(r.patientSex(), InstanceWriter.CODE));
            }
        }
    }

    private static boolean otherStudies(Connection c, long patient, long study) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM study WHERE patient_fk = ? AND pk <> ?")) {
            p.setLong(1, patient);
            p.setLong(2, study);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void updateDemographics(Connection c, long patient, InstanceRecord r) throws SQLException {
        String name = Sql.fit(r.patientName(), InstanceWriter.NAME);
        Names.Columns names = Names.columns(name);
        try (PreparedStatement p = c.prepareStatement("UPDATE patient SET patient_name = ?, patient_name_norm = ?,"
                + " patient_name_ideographic = ?, patient_name_phonetic = ?, patient_name_words = ?,"
                + " patient_birth_date = ?, patient_sex = ? WHERE pk = ?")) {
            p.setString(1, name);
            p.setString(2, names.alphabetic());
            p.setString(3, names.ideographic());
            p.setString(4, names.phonetic());
            p.setString(5, names.words());
            p.setString(6, Sql.fit(r.patientBirthDate(), InstanceWriter.DATE));
            p.setString(7, Sql.fit(r.patientSex(), InstanceWriter.CODE));
            p.setLong(8, patient);
            p.executeUpdate();
        }
    }

    private static void updateStudy(Connection c, long study, long patient, InstanceRecord r, LocalDateTime now)
            throws SQLException {
        String referring = Sql.fit(r.referringPhysicianName(), InstanceWriter.NAME);
        Names.Columns names = Names.columns(referring);
        try (PreparedStatement p = c.prepareStatement("UPDATE study SET patient_fk = ?, study_date = ?,"
                + " study_time = ?, accession_number = ?, study_description = ?, referring_physician_name = ?,"
                + " referring_physician_name_norm = ?, referring_physician_name_ideographic = ?,"
                + " referring_physician_name_phonetic = ?, referring_physician_name_words = ?, updated_at = ?"
                + " WHERE pk = ?")) {
            p.setLong(1, patient);
            p.setString(2, Sql.fit(r.studyDate(), InstanceWriter.DATE));
            p.setString(3, Sql.fit(r.studyTime(), InstanceWriter.TIME));
            p.setString(4, Sql.fit(r.accessionNumber(), InstanceWriter.ID));
            p.setString(5, Sql.fit(r.studyDescription(), InstanceWriter.DESCRIPTION));
            p.setString(6, referring);
            p.setString(7, names.alphabetic());
            p.setString(8, names.ideographic());
            p.setString(9, names.phonetic());
            p.setString(10, names.words());
            p.setObject(11, now);
            p.setLong(12, study);
            p.executeUpdate();
        }
    }
}
