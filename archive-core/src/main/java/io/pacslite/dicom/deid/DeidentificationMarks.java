package io.pacslite.dicom.deid;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a de-identified instance says of itself (PS3.15 E.1.1, PS3.3 C.7.1.1 and C.12.1):
 * Patient Identity Removed (0012,0062) YES; De-identification Method (0012,0063), the code
 * meanings in words; De-identification Method Code Sequence (0012,0064), one item per code of
 * CID 7050 (scheme DCM) for the profile and each option used; and Longitudinal Temporal
 * Information Modified (0028,0303): UNMODIFIED with Full Dates, MODIFIED with Modified Dates,
 * else REMOVED.
 */
final class DeidentificationMarks {

    /** CID 7050 code of the Basic Application Level Confidentiality Profile. */
    static final String BASIC_PROFILE_CODE = "113100";
    static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";

    private DeidentificationMarks() {
    }

    static void add(Attributes dataset, Set<Option> options) {
        List<String[]> codes = new ArrayList<>();
        codes.add(new String[] {BASIC_PROFILE_CODE, BASIC_PROFILE_MEANING});
        for (Option option : Option.values()) {
            if (options.contains(option)) {
                codes.add(new String[] {option.codeValue(), option.codeMeaning()});
            }
        }
        Sequence sequence = new Sequence();
        for (String[] code : codes) {
            Attributes item = new Attributes();
            item.setString(Tag.CodeValue, VR.SH, code[0]);
            item.setString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
            item.setString(Tag.CodeMeaning, VR.LO, code[1]);
            sequence.add(item);
        }
        dataset.setString(Tag.PatientIdentityRemoved, VR.CS, "YES");
        dataset.setString(Tag.DeidentificationMethod, VR.LO, codes.stream().map(code -> code[1]).toArray(String[]::new));
        dataset.set(Tag.DeidentificationMethodCodeSequence, VR.SQ, sequence);
        dataset.setString(Tag.LongitudinalTemporalInformationModified, VR.CS,
                options.contains(Option.RETAIN_FULL_DATES) ? "UNMODIFIED"
                        : options.contains(Option.RETAIN_MODIFIED_DATES) ? "MODIFIED" : "REMOVED");
    }
}
