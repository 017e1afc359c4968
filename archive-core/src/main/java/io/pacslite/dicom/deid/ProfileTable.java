package io.pacslite.dicom.deid;

import io.pacslite.dicom.dict.TsvResource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PS3.15 Table E.1-1 (Application Level Confidentiality Profile Attributes), read from
 * {@code confidentiality-profile.tsv}, which generator/generate_confidentiality_profile.py
 * makes from the standard's data (docs/deidentification.md). Private attributes are not in
 * it: {@link Deidentifier} handles them (PS3.15 E.3.10).
 */
final class ProfileTable {

    /** The TSV field of the first option column; the fields before it are the tag and the Basic Profile code. */
    static final int FIRST_OPTION_FIELD = 2;
    private static final int OPTION_FIELDS = 10;

    private static final ProfileTable STANDARD = load();

    private final Map<Integer, ProfileEntry> byTag;
    /** Rows with a pattern, such as (50xx,xxxx) and (60xx,3000); few, so searched in turn. */
    private final List<ProfileEntry> patterns;

    private ProfileTable(Map<Integer, ProfileEntry> byTag, List<ProfileEntry> patterns) {
        this.byTag = byTag;
        this.patterns = patterns;
    }

    /** The table of the standard. */
    static ProfileTable standard() {
        return STANDARD;
    }

    /** The row that applies to {@code tag}, or null if the table says nothing of it (the element is kept). */
    ProfileEntry entry(int tag) {
        ProfileEntry entry = byTag.get(tag);
        if (entry != null) {
            return entry;
        }
        for (ProfileEntry pattern : patterns) {
            if (pattern.matches(tag)) {
                return pattern;
            }
        }
        return null;
    }

    /** Every row, tags first and then patterns. */
    List<ProfileEntry> entries() {
        List<ProfileEntry> all = new ArrayList<>(byTag.values());
        all.addAll(patterns);
        return all;
    }

    private static ProfileTable load() {
        Map<Integer, ProfileEntry> byTag = new HashMap<>();
        List<ProfileEntry> patterns = new ArrayList<>();
        for (String[] row : TsvResource.rows(ProfileTable.class, "confidentiality-profile.tsv")) {
            String pattern = row[0];
            int tag = Integer.parseUnsignedInt(pattern.replace('x', '0'), 16);
            int mask = 0;
            for (int i = 0; i < 8; i++) {
                mask = mask << 4 | (pattern.charAt(i) == 'x' ? 0 : 0xF);
            }
            ProfileEntry entry = new ProfileEntry(tag, mask, row[1],
                    Arrays.copyOfRange(row, FIRST_OPTION_FIELD, FIRST_OPTION_FIELD + OPTION_FIELDS),
                    row[FIRST_OPTION_FIELD + OPTION_FIELDS]);
            if (mask == -1) {
                byTag.put(tag, entry);
            } else {
                patterns.add(entry);
            }
        }
        return new ProfileTable(Map.copyOf(byTag), List.copyOf(patterns));
    }
}
