package io.pacslite.archive.query;

import static io.pacslite.archive.query.QueryLevel.INSTANCE;
import static io.pacslite.archive.query.QueryLevel.PATIENT;
import static io.pacslite.archive.query.QueryLevel.SERIES;
import static io.pacslite.archive.query.QueryLevel.STUDY;

import io.pacslite.dicom.dict.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes the index keeps in columns (docs/index.md): where each one is, at which level,
 * and how it is matched. Everything else comes from the stored instance metadata and can be
 * returned but not matched.
 */
final class Columns {

    /** How a column is matched and read. */
    enum Kind {
        /** Text matched as written: single value, list, wild card (case-sensitive, PS3.4 C.2.2.2.1). */
        TEXT,
        /** A person name, matched on its folded groups and words ({@code <column>_norm} and so on). */
        PERSON_NAME,
        /** DA text "YYYYMMDD", matched by range. */
        DATE,
        /** TM text "HHMMSS.FFFFFF", matched by range. */
        TIME,
        /** An IS value kept as an integer. */
        INTEGER,
        /** ModalitiesInStudy: matched against the Modality of the study's series. */
        MODALITIES,
        /** A count kept or computed by the index: returned, not matched. */
        COUNT
    }

    /**
     * One attribute in the index.
     *
     * @param sql the SQL expression, on the aliases p (patient), st (study), se (series), i (instance)
     */
    record Column(int tag, QueryLevel level, String sql, Kind kind) {

        boolean isMatchable() {
            return kind != Kind.COUNT;
        }
    }

    private static final Map<Integer, Column> BY_TAG = new LinkedHashMap<>();

    static {
        for (Column column : List.of(
                new Column(Tag.PatientName, PATIENT, "p.patient_name", Kind.PERSON_NAME),
                new Column(Tag.PatientID, PATIENT, "p.patient_id", Kind.TEXT),
                new Column(Tag.IssuerOfPatientID, PATIENT, "p.issuer_of_patient_id", Kind.TEXT),
                new Column(Tag.PatientBirthDate, PATIENT, "p.patient_birth_date", Kind.DATE),
                new Column(Tag.PatientSex, PATIENT, "p.patient_sex", Kind.TEXT),
                new Column(Tag.NumberOfPatientRelatedStudies, PATIENT,
                        "(SELECT COUNT(*) FROM study x WHERE x.patient_fk = p.pk)", Kind.COUNT),
                new Column(Tag.NumberOfPatientRelatedSeries, PATIENT,
                        "(SELECT COALESCE(SUM(x.num_series), 0) FROM study x WHERE x.patient_fk = p.pk)", Kind.COUNT),
                new Column(Tag.NumberOfPatientRelatedInstances, PATIENT,
                        "(SELECT COALESCE(SUM(x.num_instances), 0) FROM study x WHERE x.patient_fk = p.pk)", Kind.COUNT),
                new Column(Tag.StudyInstanceUID, STUDY, "st.study_uid", Kind.TEXT),
                new Column(Tag.StudyDate, STUDY, "st.study_date", Kind.DATE),
                new Column(Tag.StudyTime, STUDY, "st.study_time", Kind.TIME),
                new Column(Tag.AccessionNumber, STUDY, "st.accession_number", Kind.TEXT),
                new Column(Tag.StudyID, STUDY, "st.study_id", Kind.TEXT),
                new Column(Tag.StudyDescription, STUDY, "st.study_description", Kind.TEXT),
                new Column(Tag.ReferringPhysicianName, STUDY, "st.referring_physician_name", Kind.PERSON_NAME),
                new Column(Tag.ModalitiesInStudy, STUDY, "st.modalities_in_study", Kind.MODALITIES),
                new Column(Tag.NumberOfStudyRelatedSeries, STUDY, "st.num_series", Kind.COUNT),
                new Column(Tag.NumberOfStudyRelatedInstances, STUDY, "st.num_instances", Kind.COUNT),
                // Every instance the index holds is on line (PS3.4 C.6.1.1.5.1).
                new Column(Tag.InstanceAvailability, STUDY, "'ONLINE'", Kind.TEXT),
                new Column(Tag.SeriesInstanceUID, SERIES, "se.series_uid", Kind.TEXT),
                new Column(Tag.Modality, SERIES, "se.modality", Kind.TEXT),
                new Column(Tag.SeriesNumber, SERIES, "se.series_number", Kind.INTEGER),
                new Column(Tag.SeriesDescription, SERIES, "se.series_description", Kind.TEXT),
                new Column(Tag.PerformedProcedureStepStartDate, SERIES, "se.pps_start_date", Kind.DATE),
                new Column(Tag.NumberOfSeriesRelatedInstances, SERIES, "se.num_instances", Kind.COUNT),
                new Column(Tag.SOPInstanceUID, INSTANCE, "i.sop_uid", Kind.TEXT),
                new Column(Tag.SOPClassUID, INSTANCE, "i.sop_class_uid", Kind.TEXT),
                new Column(Tag.InstanceNumber, INSTANCE, "i.instance_number", Kind.INTEGER))) {
            BY_TAG.put(column.tag(), column);
        }
    }

    private Columns() {
    }

    /** The column of {@code tag} that a query at {@code level} can see (its level or above), or null. */
    static Column at(QueryLevel level, int tag) {
        Column column = BY_TAG.get(tag);
        return column != null && level.isAtOrBelow(column.level()) ? column : null;
    }

    /** Every column a query at {@code level} can see, in table order. */
    static List<Column> visibleAt(QueryLevel level) {
        return BY_TAG.values().stream().filter(c -> level.isAtOrBelow(c.level())).toList();
    }
}
