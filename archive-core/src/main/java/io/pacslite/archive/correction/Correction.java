package io.pacslite.archive.correction;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The new values of a study correction, by attribute.
 *
 * @param values at least one, each checked against its VR
 */
public record Correction(Map<CorrectableAttribute, String> values) {

    public Correction {
        values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * The correction that {@code keywords} (PS3.6 keyword to new value) asks for.
     *
     * @throws CorrectionException NOT_CORRECTABLE for an unknown keyword or none, INVALID_VALUE
     */
    public static Correction of(Map<String, String> keywords) throws CorrectionException {
        if (keywords.isEmpty()) {
            throw new CorrectionException(CorrectionReason.NOT_CORRECTABLE, "a correction names at least one of "
                    + Arrays.toString(CorrectableAttribute.values()));
        }
        Map<CorrectableAttribute, String> values = new EnumMap<>(CorrectableAttribute.class);
        for (Map.Entry<String, String> entry : keywords.entrySet()) {
            CorrectableAttribute attribute = CorrectableAttribute.of(entry.getKey());
            if (attribute == null) {
                throw new CorrectionException(CorrectionReason.NOT_CORRECTABLE, entry.getKey()
                        + " cannot be corrected; these can: " + Arrays.toString(CorrectableAttribute.values()));
            }
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            String problem = attribute.problemWith(value);
            if (problem != null) {
                throw new CorrectionException(CorrectionReason.INVALID_VALUE, entry.getKey() + " " + problem);
            }
            values.put(attribute, value);
        }
        return new Correction(values);
    }

    /** Whether the correction changes an attribute of the patient (the patient row). */
    public boolean changesPatient() {
        return values.keySet().stream().anyMatch(CorrectableAttribute::patientLevel);
    }
}
