package io.pacslite.archive.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The statements that add, replace and remove instances, keeping the derived study and series
 * attributes exact. Each method runs inside one transaction of {@link Transactions}.
 *
 * <p>Lock order is the same for every writer (series row, then study row), so concurrent
 * writers wait for each other rather than deadlock. Counters are changed with
 * {@code n = n + 1} under the row lock; ModalitiesInStudy is recomputed from the series rows
 * while the study row is locked, so it sees every committed series.
 */
final class InstanceWriter {

    static final int UID = 64;
    static final int FILE_KEY = 300;
    static final int ID = 64;
    static final int NAME = 400;
    static final int DATE = 8;
    static final int TIME = 16;
    static final int CODE = 16;
    static final int DESCRIPTION = 256;
    private static final int MODALITIES = 200;
    static final int SHA256 = 64;
    private static final int AE = 64;
    private static final int ADDRESS = 100;
    /** SQLSTATE of a unique constraint violation; on instance, only sop_uid is unique. */
    private static final String UNIQUE_VIOLATION = "23505";

    static final String FIND = "SELECT st.study_uid, se.series_uid, i.sop_uid, i.sop_class_uid,"
            + " i.transfer_syntax_uid, i.file_key, i.size, i.sha256"
            + " FROM instance i JOIN series se ON se.pk = i.series_fk JOIN study st ON st.pk = se.study_fk";

    private InstanceWriter() {
    }

    /**
     * The key that identifies a patient: PatientID and IssuerOfPatientID when there is a
     * PatientID; without one, name and birth date identify the patient, marked by a leading
     * double backslash (a backslash cannot occur in a PatientID, LO VR).
     */
    static String patientKey(InstanceRecord r) {
        String id = Sql.fit(r.patientId(), ID);
        if (id != null) {
            return id + '\\' + orEmpty(Sql.fit(r.issuerOfPatientId(), ID));
        }
        return "\\\\" + orEmpty(Sql.fit(r.patientName(), NAME)) + '\\' + orEmpty(Sql.fit(r.patientBirthDate(), DATE));
    }

    /**
     * Indexes {@code r}. {@code known} are the rows a recent insert into the same series used
     * (or null): when its study and patient key are the record's, the three look-ups are
     * skipped. {@code written} receives the rows this insert used, for the next one.
     */
    static InsertResult insert(Connection c, InstanceRecord r, SeriesKeys.Keys known,
            Consumer<SeriesKeys.Keys> written) throws SQLException {
        String studyUid = Sql.required(r.studyUid(), UID, "Study Instance UID");
        String seriesUid = Sql.required(r.seriesUid(), UID, "Series Instance UID");
        String sopUid = Sql.required(r.sopUid(), UID, "SOP Instance UID");
        String fileKey = Sql.required(r.fileKey(), FILE_KEY, "File key");
        // No find first: the one ingest path has just looked (Ingest), so the instance is
        // nearly always new; an indexed one is caught by the sop_uid constraint below, and
        // every early return checks for it, so the result is the same as looking first.
        LocalDateTime now = Sql.utc(Instant.now());
        String patientKey = patientKey(r);
        Placement placement = known != null && known.studyUid().equals(studyUid)
                && known.patientKey().equals(patientKey)
                ? new Rows(known.study(), known.series(), false)
                : place(c, r, studyUid, seriesUid, sopUid, patientKey, now);
        if (placement instanceof Refused refused) {
            return refused.result();
        }
        Rows rows = (Rows) placement;
        long study = rows.study();
        long series = rows.series();
        boolean newSeries = rows.newSeries();

        try (PreparedStatement p = c.prepareStatement("INSERT INTO instance (series_fk, sop_uid, sop_class_uid,"
                + " instance_number, transfer_syntax_uid, file_key, size, sha256, received_at, source_ae,"
                + " source_address, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, series);
            p.setString(2, sopUid);
            p.setString(3, Sql.fit(r.sopClassUid(), UID));
            setInteger(p, 4, r.instanceNumber());
            p.setString(5, Sql.fit(r.transferSyntaxUid(), UID));
            p.setString(6, fileKey);
            p.setLong(7, r.size());
            p.setString(8, Sql.fit(r.sha256(), SHA256));
            p.setObject(9, Sql.utc(r.receivedAt() == null ? Instant.now() : r.receivedAt()));
            p.setString(10, Sql.fit(r.sourceAe(), AE));
            p.setString(11, Sql.fit(r.sourceAddress(), ADDRESS));
            p.setBytes(12, r.metadata());
            p.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback();
            StoredInstance existing = find(c, sopUid);
            if (existing == null) {
                throw e; // removed again meanwhile: a conflict, run again
            }
            return new InsertResult.AlreadyStored(existing);
        }
        changeCounts(c, series, study, 1, newSeries ? 1 : 0, now);
        logChange(c, "CREATE_INSTANCE", studyUid, seriesUid, sopUid, now);
        written.accept(new SeriesKeys.Keys(study, series, studyUid, patientKey));
        return new InsertResult.Inserted();
    }

    /** Where an instance goes: its study and series rows, or why it goes nowhere. */
    private sealed interface Placement {
    }

    private record Rows(long study, long series, boolean newSeries) implements Placement {
    }

    private record Refused(InsertResult result) implements Placement {
    }

    /**
     * Finds or creates the patient, study and series rows of {@code r}; refuses when the study
     * belongs to another patient or the series to another study.
     */
    private static Placement place(Connection c, InstanceRecord r, String studyUid, String seriesUid, String sopUid,
            String patientKey, LocalDateTime now) throws SQLException {
        long patient = patient(c, r, patientKey, now);
        long study;
        try (PreparedStatement p = c.prepareStatement("SELECT pk, patient_fk FROM study WHERE study_uid = ?")) {
            p.setString(1, studyUid);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    study = rs.getLong(1);
                    long owner = rs.getLong(2);
                    if (owner != patient) {
                        String ownerKey = patientKeyOf(c, owner);
                        c.rollback();
                        StoredInstance existing = find(c, sopUid);
                        return new Refused(existing != null ? new InsertResult.AlreadyStored(existing)
                                : new InsertResult.PatientMismatch(ownerKey, patientKey));
                    }
                } else {
                    study = insertStudy(c, r, patient, now);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT pk, study_fk FROM series WHERE series_uid = ?")) {
            p.setString(1, seriesUid);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return new Rows(study, insertSeries(c, r, study, now), true);
                }
                if (rs.getLong(2) == study) {
                    return new Rows(study, rs.getLong(1), false);
                }
            }
        }
        c.rollback();
        StoredInstance existing = find(c, sopUid);
        if (existing != null) {
            return new Refused(new InsertResult.AlreadyStored(existing));
        }
        throw new IllegalArgumentException("Series " + seriesUid + " is already indexed in another study than "
                + studyUid);
    }

    /** Points an indexed instance at a new file; patient, study and series rows stay as they are. */
    static void replace(Connection c, InstanceRecord r) throws SQLException {
        String sopUid = Sql.required(r.sopUid(), UID, "SOP Instance UID");
        StoredInstance existing = find(c, sopUid);
        if (existing == null) {
            throw new NoSuchElementException("SOP Instance " + sopUid + " is not indexed");
        }
        LocalDateTime now = Sql.utc(Instant.now());
        try (PreparedStatement p = c.prepareStatement("UPDATE instance SET file_key = ?, size = ?, sha256 = ?,"
                + " transfer_syntax_uid = ?, sop_class_uid = ?, instance_number = ?, metadata = ?,"
                + " received_at = ?, source_ae = ?, source_address = ? WHERE sop_uid = ?")) {
            p.setString(1, Sql.required(r.fileKey(), FILE_KEY, "File key"));
            p.setLong(2, r.size());
            p.setString(3, Sql.fit(r.sha256(), SHA256));
            p.setString(4, Sql.fit(r.transferSyntaxUid(), UID));
            p.setString(5, Sql.fit(r.sopClassUid(), UID));
            setInteger(p, 6, r.instanceNumber());
            p.setBytes(7, r.metadata());
            p.setObject(8, Sql.utc(r.receivedAt() == null ? Instant.now() : r.receivedAt()));
            p.setString(9, Sql.fit(r.sourceAe(), AE));
            p.setString(10, Sql.fit(r.sourceAddress(), ADDRESS));
            p.setString(11, sopUid);
            p.executeUpdate();
        }
        logChange(c, "REPLACE_INSTANCE", existing.studyUid(), existing.seriesUid(), sopUid, now);
    }

    /** Removes an instance, and its series, study and patient when they become empty. */
    static boolean delete(Connection c, String sopUid) throws SQLException {
        long instance;
        long series;
        long study;
        long patient;
        String seriesUid;
        String studyUid;
        try (PreparedStatement p = c.prepareStatement("SELECT i.pk, se.pk, st.pk, st.patient_fk, se.series_uid,"
                + " st.study_uid FROM instance i JOIN series se ON se.pk = i.series_fk"
                + " JOIN study st ON st.pk = se.study_fk WHERE i.sop_uid = ?")) {
            p.setString(1, sopUid);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                instance = rs.getLong(1);
                series = rs.getLong(2);
                study = rs.getLong(3);
                patient = rs.getLong(4);
                seriesUid = rs.getString(5);
                studyUid = rs.getString(6);
            }
        }
        LocalDateTime now = Sql.utc(Instant.now());
        if (update(c, "DELETE FROM instance WHERE pk = ?", instance) == 0) {
            return false;
        }
        update(c, "UPDATE series SET num_instances = num_instances - 1 WHERE pk = ?", series);
        boolean seriesEmpty = update(c, "DELETE FROM series WHERE pk = ? AND num_instances = 0", series) == 1;
        changeCounts(c, 0, study, -1, seriesEmpty ? -1 : 0, now);
        if (update(c, "DELETE FROM study WHERE pk = ? AND num_instances = 0", study) == 1) {
            update(c, "DELETE FROM patient WHERE pk = ? AND NOT EXISTS"
                    + " (SELECT 1 FROM study WHERE patient_fk = patient.pk)", patient);
        }
        logChange(c, "DELETE_INSTANCE", studyUid, seriesUid, sopUid, now);
        return true;
    }

    static StoredInstance find(Connection c, String sopUid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(FIND + " WHERE i.sop_uid = ?")) {
            p.setString(1, sopUid);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? storedInstance(rs) : null;
            }
        }
    }

    static StoredInstance storedInstance(ResultSet rs) throws SQLException {
        return new StoredInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8));
    }

    /** The patient row of {@code key}, created from {@code r} if there is none. */
    static long patient(Connection c, InstanceRecord r, String key, LocalDateTime now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pk FROM patient WHERE patient_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        String name = Sql.fit(r.patientName(), NAME);
        Names.Columns names = Names.columns(name);
        return insertReturningKey(c, "INSERT INTO patient (patient_key, patient_id, issuer_of_patient_id,"
                + " patient_name, patient_name_norm, patient_name_ideographic, patient_name_phonetic,"
                + " patient_name_words, patient_birth_date, patient_sex, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key, Sql.fit(r.patientId(), ID), Sql.fit(r.issuerOfPatientId(), ID), name,
                names.alphabetic(), names.ideographic(), names.phonetic(), names.words(),
                Sql.fit(r.patientBirthDate(), DATE), Sql.fit(r.patientSex(), CODE), now);
    }

    private static long insertStudy(Connection c, InstanceRecord r, long patient, LocalDateTime now)
            throws SQLException {
        String referring = Sql.fit(r.referringPhysicianName(), NAME);
        Names.Columns names = Names.columns(referring);
        return insertReturningKey(c, "INSERT INTO study (patient_fk, study_uid, study_date, study_time,"
                + " accession_number, study_id, study_description, referring_physician_name,"
                + " referring_physician_name_norm, referring_physician_name_ideographic,"
                + " referring_physician_name_phonetic, referring_physician_name_words, modalities_in_study,"
                + " num_series, num_instances, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, 0, ?, ?)",
                patient, r.studyUid(), Sql.fit(r.studyDate(), DATE), Sql.fit(r.studyTime(), TIME),
                Sql.fit(r.accessionNumber(), ID), Sql.fit(r.studyId(), ID),
                Sql.fit(r.studyDescription(), DESCRIPTION), referring,
                names.alphabetic(), names.ideographic(), names.phonetic(), names.words(), now, now);
    }

    private static long insertSeries(Connection c, InstanceRecord r, long study, LocalDateTime now)
            throws SQLException {
        return insertReturningKey(c, "INSERT INTO series (study_fk, series_uid, modality, series_number,"
                + " series_description, pps_start_date, num_instances, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
                study, r.seriesUid(), Sql.fit(r.modality(), CODE), r.seriesNumber(),
                Sql.fit(r.seriesDescription(), DESCRIPTION), Sql.fit(r.ppsStartDate(), DATE), now, now);
    }

    /**
     * Adds to the instance count of a series (unless {@code series} is 0) and of its study,
     * and to the study's series count; a change in the series count recomputes
     * ModalitiesInStudy.
     */
    private static void changeCounts(Connection c, long series, long study, int instances, int seriesDelta,
            LocalDateTime now) throws SQLException {
        if (series != 0) {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE series SET num_instances = num_instances + ?, updated_at = ? WHERE pk = ?")) {
                p.setInt(1, instances);
                p.setObject(2, now);
                p.setLong(3, series);
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE study SET num_instances = num_instances + ?,"
                + " num_series = num_series + ?, updated_at = ? WHERE pk = ?")) {
            p.setInt(1, instances);
            p.setInt(2, seriesDelta);
            p.setObject(3, now);
            p.setLong(4, study);
            p.executeUpdate();
        }
        if (seriesDelta != 0) {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE study SET modalities_in_study = ? WHERE pk = ?")) {
                p.setString(1, Sql.fit(modalities(c, study), MODALITIES));
                p.setLong(2, study);
                p.executeUpdate();
            }
        }
    }

    /** ModalitiesInStudy: the distinct modalities of the study's series, sorted, backslash-separated. */
    private static String modalities(Connection c, long study) throws SQLException {
        List<String> modalities = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT modality FROM series"
                + " WHERE study_fk = ? AND modality IS NOT NULL ORDER BY modality")) {
            p.setLong(1, study);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    modalities.add(rs.getString(1));
                }
            }
        }
        return String.join("\\", modalities);
    }

    static void logChange(Connection c, String type, String studyUid, String seriesUid, String sopUid,
            LocalDateTime now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO change_log (changed_at, change_type,"
                + " study_uid, series_uid, sop_uid) VALUES (?, ?, ?, ?, ?)")) {
            p.setObject(1, now);
            p.setString(2, type);
            p.setString(3, studyUid);
            p.setString(4, seriesUid);
            p.setString(5, sopUid);
            p.executeUpdate();
        }
    }

    private static String patientKeyOf(Connection c, long patient) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT patient_key FROM patient WHERE pk = ?")) {
            p.setLong(1, patient);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long insertReturningKey(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static int update(Connection c, String sql, long pk) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, pk);
            return p.executeUpdate();
        }
    }

    private static void setInteger(PreparedStatement p, int index, Integer value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setInt(index, value);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
