package io.pacslite.archive.correction;

import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The attributes a study correction may change: the Patient module's identification and
 * demographics (PS3.3 C.7.1.1) and the General Study module's descriptive attributes
 * (C.7.2.1), named by their PS3.6 keywords. UIDs are not among them: they name the instances.
 */
public enum CorrectableAttribute {
    PatientID(Tag.PatientID, VR.LO, true),
    IssuerOfPatientID(Tag.IssuerOfPatientID, VR.LO, true),
    PatientName(Tag.PatientName, VR.PN, true),
    PatientBirthDate(Tag.PatientBirthDate, VR.DA, true),
    PatientSex(Tag.PatientSex, VR.CS, true),
    AccessionNumber(Tag.AccessionNumber, VR.SH, false),
    StudyDescription(Tag.StudyDescription, VR.LO, false),
    ReferringPhysicianName(Tag.ReferringPhysicianName, VR.PN, false),
    StudyDate(Tag.StudyDate, VR.DA, false),
    StudyTime(Tag.StudyTime, VR.TM, false);

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final int tag;
    private final VR vr;
    private final boolean patientLevel;

    CorrectableAttribute(int tag, VR vr, boolean patientLevel) {
        this.tag = tag;
        this.vr = vr;
        this.patientLevel = patientLevel;
    }

    public int tag() {
        return tag;
    }

    public VR vr() {
        return vr;
    }

    /** Whether the attribute belongs to the patient (the index's patient row) rather than the study. */
    public boolean patientLevel() {
        return patientLevel;
    }

    /** The attribute with this PS3.6 keyword, or null. */
    public static CorrectableAttribute of(String keyword) {
        for (CorrectableAttribute attribute : values()) {
            if (attribute.name().equals(keyword)) {
                return attribute;
            }
        }
        return null;
    }

    /**
     * What is wrong with {@code value} as one value of this attribute (PS3.5 6.2), or null if
     * nothing. An empty value is allowed: it empties the attribute (all of them are Type 2).
     */
    public String problemWith(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.chars().anyMatch(c -> c == '\\' || c < 0x20 && c != 0x1B)) {
            return "has a backslash or a control character; one value is expected";
        }
        return switch (vr) {
            case DA -> date(value);
            case TM -> value.matches("([01]\\d|2[0-3])([0-5]\\d(([0-5]\\d)(\\.\\d{1,6})?)?)?") ? null
                    : "is not a time HHMMSS.FFFFFF";
            case CS -> value.matches("[A-Z0-9 _]{1,16}") ? null
                    : "is not a code string (up to 16 of A-Z, 0-9, space and underscore)";
            default -> longerThan(value, vr == VR.PN ? 5 * 64 + 4 : vr == VR.SH ? 16 : 64);
        };
    }

    private String longerThan(String value, int longest) {
        return value.length() > longest ? "is longer than " + longest + " characters (" + vr + ")" : null;
    }

    private static String date(String value) {
        try {
            if (value.length() == 8) {
                LocalDate.parse(value, DATE);
                return null;
            }
        } catch (DateTimeParseException e) {
            // falls through
        }
        return "is not a date YYYYMMDD";
    }
}
