package io.pacslite.dicom.dict;

import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import java.util.List;

/**
 * The DICOM data dictionary: VR, VM, keyword, name and retired status of each standard data
 * element, PS3.6 Tables 6-1, 7-1 and 8-1, and of the command elements of group 0000, PS3.7
 * Table E.1-1. Generated from the standard's data into elements.tsv (see
 * docs/toolkit-dictionary.md) and loaded from the classpath on first use.
 *
 * <p>A tag is looked up in this order: private tags (odd group, PS3.5 7.8) are never in the
 * dictionary; then the exact tag; then, for a Group Length tag (gggg,0000), nothing else
 * (PS3.5 7.2); then the repeating groups, such as (60xx,3000) Overlay Data (PS3.5 7.6),
 * where x stands for any hex digit. Tags with no entry are unknown, but their VR may still
 * follow from their form: Group Length is UL, a Private Creator is LO (PS3.5 7.8.1).
 */
public final class ElementDictionary {

    private ElementDictionary() {
    }

    private static final class Holder {
        static final ElementTable TABLE = ElementTable.of(TsvResource.rows("elements.tsv"));
    }

    /**
     * The VR to assume for {@code tag} when the encoding does not give one (Implicit VR,
     * PS3.5 A.1): the dictionary's first choice where it allows several ("US or SS" gives US);
     * UL for Group Length; LO for a Private Creator; UN for other private and for unknown tags;
     * {@code null} for Item, Item Delimitation Item and Sequence Delimitation Item, which
     * have no VR (PS3.5 7.5).
     */
    public static VR vrOf(int tag) {
        ElementEntry entry = entry(tag);
        if (entry != null) {
            return entry.firstVr();
        }
        VR implied = impliedVr(tag);
        return implied != null ? implied : VR.UN;
    }

    /**
     * All VRs the dictionary allows for {@code tag}, first the one {@link #vrOf} gives; the
     * single implied VR for Group Length and Private Creator tags; empty for other unknown
     * tags and for items and delimiters.
     */
    public static List<VR> vrsOf(int tag) {
        ElementEntry entry = entry(tag);
        if (entry != null) {
            return entry.vrs();
        }
        VR implied = impliedVr(tag);
        return implied != null ? List.of(implied) : List.of();
    }

    /** The keyword of {@code tag}, PS3.6 section 6 (for example "PatientName"); "" if unknown or private. */
    public static String keywordOf(int tag) {
        ElementEntry entry = entry(tag);
        return entry != null ? entry.keyword() : "";
    }

    /** The name of {@code tag} (for example "Patient's Name"); "" if unknown or private. */
    public static String nameOf(int tag) {
        ElementEntry entry = entry(tag);
        return entry != null ? entry.name() : "";
    }

    /** The Value Multiplicity of {@code tag}, PS3.5 6.4 (for example "1-n"); "" if unknown or private. */
    public static String vmOf(int tag) {
        ElementEntry entry = entry(tag);
        return entry != null ? entry.vm() : "";
    }

    /** Whether the standard has retired {@code tag} (PS3.6 marks it RET); false if unknown. */
    public static boolean isRetired(int tag) {
        ElementEntry entry = entry(tag);
        return entry != null && entry.retired();
    }

    /** Whether the dictionary has an entry for {@code tag}, exactly or as a repeating group. */
    public static boolean isKnown(int tag) {
        return entry(tag) != null;
    }

    /**
     * The tag of {@code keyword}, or -1 if no element has it. For a repeating group the base
     * tag, with 0 for each x: "OverlayData" gives (6000,3000).
     */
    public static int tagOf(String keyword) {
        return Holder.TABLE.tagOf(keyword);
    }

    private static ElementEntry entry(int tag) {
        if (Tags.isPrivate(tag)) {
            return null;
        }
        ElementEntry exact = Holder.TABLE.exact(tag);
        if (exact != null || Tags.isGroupLength(tag)) {
            return exact;
        }
        return Holder.TABLE.masked(tag);
    }

    private static VR impliedVr(int tag) {
        if (Tags.isGroupLength(tag)) {
            return VR.UL;
        }
        return Tags.isPrivateCreator(tag) ? VR.LO : null;
    }
}
