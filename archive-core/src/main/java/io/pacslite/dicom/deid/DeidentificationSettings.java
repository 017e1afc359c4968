package io.pacslite.dicom.deid;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a de-identification is asked to do: the Basic Application Level Confidentiality Profile
 * (PS3.15 E.2) with {@code options} (E.3), the new patient identity, and the private blocks
 * that may stay.
 *
 * @param options the options; Full Dates and Modified Dates exclude each other
 * @param patientName the new Patient's Name, or null for a pseudonym ({@link Pseudonyms})
 * @param patientId the new Patient ID, or null for a pseudonym
 * @param safePrivateCreators the Private Creators (PS3.5 7.8.1) whose elements are kept; every
 *     other private element is removed (PS3.15 E.3.10)
 */
public record DeidentificationSettings(Set<Option> options, String patientName, String patientId,
        Set<String> safePrivateCreators) {

    /** The Basic Profile alone, with pseudonyms and no private elements. */
    public static final DeidentificationSettings BASIC = new DeidentificationSettings(Set.of(), null, null, Set.of());

    /**
     * Checks the options and copies the sets; the options keep the order of {@link Option}.
     *
     * @throws IllegalArgumentException if both date options are asked for, or the name or ID is
     *     not a valid value (more than 64 characters, a backslash or a control character; PS3.5
     *     Table 6.2-1, LO and PN)
     */
    public DeidentificationSettings {
        options = Collections.unmodifiableSet(
                options.isEmpty() ? EnumSet.noneOf(Option.class) : EnumSet.copyOf(options));
        if (options.contains(Option.RETAIN_FULL_DATES) && options.contains(Option.RETAIN_MODIFIED_DATES)) {
            throw new IllegalArgumentException(Option.RETAIN_FULL_DATES.label() + " and "
                    + Option.RETAIN_MODIFIED_DATES.label() + " exclude each other");
        }
        safePrivateCreators = Set.copyOf(safePrivateCreators);
        checkValue("patientName", patientName);
        checkValue("patientId", patientId);
    }

    private static void checkValue(String what, String value) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.length() > 64 || value.chars().anyMatch(c -> c == '\\' || Character.isISOControl(c))) {
            throw new IllegalArgumentException(what + " must be 1 to 64 characters, without backslashes or control"
                    + " characters: \"" + value + "\"");
        }
    }
}
