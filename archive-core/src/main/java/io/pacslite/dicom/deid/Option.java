package io.pacslite.dicom.deid;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The options of the Basic Application Level Confidentiality Profile that PACS-lite offers
 * (PS3.15 E.3), each with the column of Table E.1-1 that says what it changes and its code in
 * CID 7050 "De-identification Method" (PS3.16), recorded in De-identification Method Code
 * Sequence (0012,0064).
 */
public enum Option {

    /** PS3.15 E.3.6: dates and times kept as they are. */
    RETAIN_FULL_DATES("retain-longitudinal-full-dates", 7, "113106",
            "Retain Longitudinal Temporal Information Full Dates Option"),
    /** PS3.15 E.3.6: dates moved by one offset for the whole export, so that intervals are kept. */
    RETAIN_MODIFIED_DATES("retain-longitudinal-modified-dates", 8, "113107",
            "Retain Longitudinal Temporal Information Modified Dates Option"),
    /** PS3.15 E.3.7: sex, age, size, weight and the like kept. */
    RETAIN_PATIENT_CHARACTERISTICS("retain-patient-characteristics", 6, "113108",
            "Retain Patient Characteristics Option"),
    /** PS3.15 E.3.8: the equipment's names and serial numbers kept. */
    RETAIN_DEVICE_IDENTITY("retain-device-identity", 4, "113109", "Retain Device Identity Option"),
    /** PS3.15 E.3.11: the institution's name and address kept. */
    RETAIN_INSTITUTION_IDENTITY("retain-institution-identity", 5, "113112", "Retain Institution Identity Option"),
    /** PS3.15 E.3.5: descriptions kept as elements, their free text removed. */
    CLEAN_DESCRIPTORS("clean-descriptors", 9, "113105", "Clean Descriptors Option");

    private final String label;
    private final int column;
    private final String codeValue;
    private final String codeMeaning;

    Option(String label, int column, String codeValue, String codeMeaning) {
        this.label = label;
        this.column = column;
        this.codeValue = codeValue;
        this.codeMeaning = codeMeaning;
    }

    /** The name users give it (HTTP body, command line), for example "retain-patient-characteristics". */
    public String label() {
        return label;
    }

    /** The field of confidentiality-profile.tsv that holds this option's column of Table E.1-1. */
    int column() {
        return column;
    }

    /**
     * Whether this option's C (clean) entries change values: dates shifted, descriptors
     * emptied. The other options offered mark C only what they do not retain (AE titles,
     * free-text patient notes), which the Basic Profile then treats as it would without them.
     */
    boolean cleans() {
        return this == RETAIN_MODIFIED_DATES || this == CLEAN_DESCRIPTORS;
    }

    /** Its code value in CID 7050, coding scheme DCM. */
    public String codeValue() {
        return codeValue;
    }

    /** Its code meaning in CID 7050. */
    public String codeMeaning() {
        return codeMeaning;
    }

    /**
     * The option labelled {@code label}.
     *
     * @throws IllegalArgumentException naming the options there are, if none is
     */
    public static Option of(String label) {
        for (Option option : values()) {
            if (option.label.equals(label)) {
                return option;
            }
        }
        throw new IllegalArgumentException("unknown de-identification option \"" + label + "\"; the options are "
                + Arrays.stream(values()).map(Option::label).collect(Collectors.joining(", ")));
    }
}
