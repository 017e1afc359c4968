package io.pacslite.dicom.deid;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;

/**
 * The values that replace an element for the D and Z actions of PS3.15 Table E.1-1a: D "a
 * non-zero length value that may be a dummy value and consistent with the VR", Z "a zero
 * length value". Each dummy is valid for its VR (PS3.5 Table 6.2-1): "ANONYMOUS" for text and
 * names, 19000101 for dates, 000000 for times, 0 for numbers, zero bytes for binary values.
 * A sequence has no dummy: D and Z both leave it with no items, since an item made up to
 * satisfy a Type 1 sequence would hold made-up codes and references.
 */
final class DummyValues {

    static final String TEXT = "ANONYMOUS";
    static final String DATE = "19000101";
    static final String TIME = "000000";

    private DummyValues() {
    }

    /** Replaces {@code tag} by an empty value of {@code vr} (the Z action). */
    static void putEmpty(Attributes dataset, int tag, VR vr) {
        dataset.set(tag, vr, vr == VR.SQ ? new Sequence() : null);
    }

    /** Replaces {@code tag} by a dummy value of {@code vr} (the D action); UIDs are replaced by the caller. */
    static void putDummy(Attributes dataset, int tag, VR vr) {
        switch (vr) {
            case AE, CS, LO, LT, PN, SH, ST, UC, UT -> dataset.setString(tag, vr, TEXT);
            case AS -> dataset.setString(tag, vr, "000Y");
            case DA -> dataset.setString(tag, vr, DATE);
            case DT -> dataset.setString(tag, vr, DATE + TIME);
            case TM -> dataset.setString(tag, vr, TIME);
            case DS, IS -> dataset.setString(tag, vr, "0");
            case UR -> dataset.setString(tag, vr, "urn:anonymous");
            case AT, SL, SS, SV, UL, US, UV -> dataset.setInts(tag, vr, 0);
            case FD, FL -> dataset.setDoubles(tag, vr, 0);
            case OB, OD, OF, OL, OV, OW, UN -> dataset.set(tag, vr, new byte[Math.max(2, vr.swapUnit())]);
            case SQ, UI -> putEmpty(dataset, tag, vr);
        }
    }
}
