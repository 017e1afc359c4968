package io.pacslite.dicom.dict;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of DICOM unique identifiers, PS3.6 Table A-1: transfer syntaxes, SOP classes,
 * well-known instances, coding schemes and so on, with the Storage SOP Classes of PS3.4
 * Table B.5-1. Generated from the standard's data into uids.tsv (see
 * docs/toolkit-dictionary.md) and loaded from the classpath on first use. Constants by
 * keyword are in {@link UID}.
 */
public final class UidRegistry {

    /** The type of a transfer syntax UID (PS3.5 section 10). */
    public static final String TRANSFER_SYNTAX = "Transfer Syntax";
    /** The type of a SOP Class UID. */
    public static final String SOP_CLASS = "SOP Class";

    private UidRegistry() {
    }

    private static final class Holder {
        static final List<UidEntry> ENTRIES = TsvResource.rows("uids.tsv").stream()
                .map(fields -> new UidEntry(fields[0], fields[1], fields[2], fields[3].equals("R"), fields[4]))
                .toList();
        static final Map<String, UidEntry> BY_UID = ENTRIES.stream()
                .collect(Collectors.toUnmodifiableMap(UidEntry::uid, Function.identity()));
        static final Map<String, List<String>> BY_TYPE = ENTRIES.stream()
                .collect(Collectors.groupingBy(UidEntry::type,
                        Collectors.mapping(UidEntry::uid, Collectors.toUnmodifiableList())));
    }

    /** The name of {@code uid} (for example "CT Image Storage"), or {@code null} if unknown. */
    public static String nameOf(String uid) {
        UidEntry entry = Holder.BY_UID.get(uid);
        return entry != null ? entry.name() : null;
    }

    /** The keyword of {@code uid} (for example "CTImageStorage"), or {@code null} if unknown; "" if it has none. */
    public static String keywordOf(String uid) {
        UidEntry entry = Holder.BY_UID.get(uid);
        return entry != null ? entry.keyword() : null;
    }

    /** The type of {@code uid} as PS3.6 Table A-1 gives it (for example {@link #TRANSFER_SYNTAX}), or {@code null}. */
    public static String typeOf(String uid) {
        UidEntry entry = Holder.BY_UID.get(uid);
        return entry != null ? entry.type() : null;
    }

    /** Whether the standard has retired {@code uid}; false if unknown. */
    public static boolean isRetired(String uid) {
        UidEntry entry = Holder.BY_UID.get(uid);
        return entry != null && entry.retired();
    }

    /** The UIDs of the given type in numeric order of their components; empty if none. */
    public static List<String> uidsOfType(String type) {
        return Holder.BY_TYPE.getOrDefault(type, List.of());
    }

    /**
     * Whether {@code uid} is a Storage SOP Class (PS3.4 Annex B): a SOP Class whose name ends
     * in "Storage", possibly followed by a qualifier (" - For Presentation", " - For
     * Processing", " - Trial"). Every SOP Class of PS3.4 Table B.5-1 is so named (the
     * generator checks it); the rule also admits retired Storage SOP Classes and those of
     * DICOS and DICONDE, and leaves out Storage Commitment and the retired print "... Storage
     * SOP Class" entries (PS3.4 Annex H). False if unknown.
     */
    public static boolean isStorageSopClass(String uid) {
        UidEntry entry = Holder.BY_UID.get(uid);
        return entry != null && entry.isStorageSopClass();
    }
}
