package io.pacslite.dimse.service;

import io.pacslite.archive.query.QueryLevel;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Query/Retrieve Information Models the archive serves (PS3.4 C.6.1 Patient Root, C.6.2
 * Study Root), each with its FIND, MOVE and GET SOP Classes (PS3.4 C.6.1.1, C.6.2.1,
 * C.6.1.2, C.6.2.2, C.6.1.3, C.6.2.3) and the levels of its hierarchy.
 */
public enum QueryRetrieveModel {
    /** PS3.4 C.6.1: PATIENT, STUDY, SERIES, IMAGE. */
    PATIENT_ROOT(UID.PatientRootQueryRetrieveInformationModelFind, UID.PatientRootQueryRetrieveInformationModelMove,
            UID.PatientRootQueryRetrieveInformationModelGet, QueryLevel.PATIENT),
    /** PS3.4 C.6.2: STUDY, SERIES, IMAGE; the patient's attributes are study attributes. */
    STUDY_ROOT(UID.StudyRootQueryRetrieveInformationModelFind, UID.StudyRootQueryRetrieveInformationModelMove,
            UID.StudyRootQueryRetrieveInformationModelGet, QueryLevel.STUDY);

    private final String find;
    private final String move;
    private final String get;
    private final QueryLevel top;

    QueryRetrieveModel(String find, String move, String get, QueryLevel top) {
        this.find = find;
        this.move = move;
        this.get = get;
        this.top = top;
    }

    /** The FIND SOP Class UID. */
    public String find() {
        return find;
    }

    /** The MOVE SOP Class UID. */
    public String move() {
        return move;
    }

    /** The GET SOP Class UID. */
    public String get() {
        return get;
    }

    /** The SOP Class UIDs of every model, FIND, MOVE and GET: what the archive accepts as Q/R SCP. */
    public static List<String> sopClasses() {
        return Arrays.stream(values()).flatMap(model -> List.of(model.find, model.move, model.get).stream()).toList();
    }

    /** The model of a FIND, MOVE or GET SOP Class UID, or empty. */
    public static Optional<QueryRetrieveModel> of(String sopClassUid) {
        return Arrays.stream(values())
                .filter(model -> List.of(model.find, model.move, model.get).contains(sopClassUid)).findFirst();
    }

    /**
     * The level a Query/Retrieve Level (0008,0052) value names in this model: PATIENT (Patient
     * Root only), STUDY, SERIES or IMAGE; empty for any other value.
     */
    public Optional<QueryLevel> level(String queryRetrieveLevel) {
        QueryLevel level = switch (queryRetrieveLevel) {
            case "PATIENT" -> QueryLevel.PATIENT;
            case "STUDY" -> QueryLevel.STUDY;
            case "SERIES" -> QueryLevel.SERIES;
            case "IMAGE" -> QueryLevel.INSTANCE;
            default -> null;
        };
        return Optional.ofNullable(level).filter(l -> l.compareTo(top) >= 0);
    }

    /**
     * The level the Query/Retrieve Level (0008,0052) of {@code identifier} names.
     *
     * @throws IdentifierException A900 when it is missing or names no level of this model
     */
    public QueryLevel level(Attributes identifier) throws IdentifierException {
        String value = identifier.getString(Tag.QueryRetrieveLevel);
        if (value == null || value.isBlank()) {
            throw IdentifierException.doesNotMatch("QueryRetrieveLevel (0008,0052) is missing");
        }
        return level(value.strip()).orElseThrow(() -> IdentifierException.doesNotMatch(
                "QueryRetrieveLevel '" + value.strip() + "' is not a level of " + this));
    }

    /** The Query/Retrieve Level value of {@code level}: IMAGE for INSTANCE. */
    public static String valueOf(QueryLevel level) {
        return level == QueryLevel.INSTANCE ? "IMAGE" : level.name();
    }
}
