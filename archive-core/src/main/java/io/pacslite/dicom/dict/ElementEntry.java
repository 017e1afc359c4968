package io.pacslite.dicom.dict;

import io.pacslite.dicom.data.VR;
import java.util.List;

/**
 * One row of the data dictionary, PS3.6 Table 6-1 (or 7-1, 8-1, PS3.7 Table E.1-1).
 *
 * @param vrs the allowed VRs, first the one to assume; empty for items and delimiters (PS3.5 7.5)
 */
record ElementEntry(List<VR> vrs, String vm, boolean retired, String keyword, String name) {

    /** The VR to assume when the encoding does not say; {@code null} for items and delimiters. */
    VR firstVr() {
        return vrs.isEmpty() ? null : vrs.get(0);
    }
}
