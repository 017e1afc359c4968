package io.pacslite.archive.query;

import static io.pacslite.archive.query.QueryLevel.INSTANCE;
import static io.pacslite.archive.query.QueryLevel.PATIENT;
import static io.pacslite.archive.query.QueryLevel.SERIES;
import static io.pacslite.archive.query.QueryLevel.STUDY;

import io.pacslite.dicom.dict.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each match of a query holds: the attributes it names (keys, includefield, all) and the
 * defaults of its level, split into those read from index columns and those taken from the
 * stored instance metadata.
 *
 * @param columns the columns to select, in table order
 * @param fromMetadata the other attributes, taken from the instance's metadata (the first
 *     instance's, above the instance level)
 * @param allMetadata every attribute of the instance's metadata too (includefield=all at the
 *     instance level)
 */
record ReturnKeys(List<Columns.Column> columns, Set<Integer> fromMetadata, boolean allMetadata) {

    /**
     * The attributes PS3.18 Tables 10.6.3-3, -4 and -5 require of a study, series and instance
     * (Instance Availability and the UIDs included; Retrieve URL is the web layer's), plus
     * StudyDescription, which viewers list; for C-FIND's patient level, the patient's.
     */
    private static final Map<QueryLevel, List<Integer>> DEFAULTS = Map.of(
            PATIENT, List.of(Tag.PatientName, Tag.PatientID, Tag.IssuerOfPatientID, Tag.PatientBirthDate,
                    Tag.PatientSex, Tag.NumberOfPatientRelatedStudies, Tag.NumberOfPatientRelatedSeries,
                    Tag.NumberOfPatientRelatedInstances),
            STUDY, List.of(Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.InstanceAvailability,
                    Tag.ModalitiesInStudy, Tag.ReferringPhysicianName, Tag.PatientName, Tag.PatientID,
                    Tag.PatientBirthDate, Tag.PatientSex, Tag.StudyInstanceUID, Tag.StudyID,
                    Tag.StudyDescription, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances),
            SERIES, List.of(Tag.Modality, Tag.SeriesDescription, Tag.SeriesInstanceUID, Tag.SeriesNumber,
                    Tag.NumberOfSeriesRelatedInstances, Tag.PerformedProcedureStepStartDate),
            INSTANCE, List.of(Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.InstanceAvailability, Tag.InstanceNumber,
                    Tag.Rows, Tag.Columns, Tag.BitsAllocated, Tag.NumberOfFrames));

    /** The unique keys of each level: a match always names the entities it belongs to. */
    private static final Map<QueryLevel, List<Integer>> UNIQUE_KEYS = Map.of(
            PATIENT, List.of(Tag.PatientID),
            STUDY, List.of(Tag.StudyInstanceUID),
            SERIES, List.of(Tag.StudyInstanceUID, Tag.SeriesInstanceUID),
            INSTANCE, List.of(Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID));

    static ReturnKeys of(Query query) {
        QueryLevel level = query.level();
        Set<Integer> tags = new TreeSet<>(Integer::compareUnsigned);
        tags.addAll(UNIQUE_KEYS.get(level));
        if (query.defaultAttributes()) {
            tags.addAll(DEFAULTS.get(level));
            // PS3.18 10.6.3: a series or instance query not under one study returns the study's
            // attributes too, and an instance query not under one series the series' attributes.
            if (level.isAtOrBelow(SERIES) && !names(query, Tag.StudyInstanceUID)) {
                tags.addAll(DEFAULTS.get(STUDY));
            }
            if (level == INSTANCE && !names(query, Tag.SeriesInstanceUID)) {
                tags.addAll(DEFAULTS.get(SERIES));
            }
        }
        query.keys().forEach(key -> tags.add(key.tag()));
        tags.addAll(query.includeFields());
        if (query.includeAll()) {
            Columns.visibleAt(level).forEach(column -> tags.add(column.tag()));
        }
        tags.remove(Tag.SpecificCharacterSet);
        List<Columns.Column> columns = new ArrayList<>();
        Set<Integer> fromMetadata = new TreeSet<>(Integer::compareUnsigned);
        for (int tag : tags) {
            Columns.Column column = Columns.at(level, tag);
            if (column != null) {
                columns.add(column);
            } else {
                fromMetadata.add(tag);
            }
        }
        return new ReturnKeys(columns, fromMetadata, query.includeAll() && level == INSTANCE);
    }

    /** Whether the instance metadata must be read. */
    boolean needsMetadata() {
        return allMetadata || !fromMetadata.isEmpty();
    }

    /** Whether the query names one entity by this unique key (single value matching). */
    private static boolean names(Query query, int tag) {
        MatchKey key = query.key(tag);
        return key != null && key.match() instanceof Match.Single;
    }
}
