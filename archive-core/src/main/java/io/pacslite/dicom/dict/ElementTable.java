package io.pacslite.dicom.dict;

import io.pacslite.dicom.data.VR;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of elements.tsv arranged for lookup: exact tags in a sorted {@code int[]} searched
 * by bisection, and the repeating-group tags of PS3.6 (such as (60xx,3000), PS3.5 7.6) as
 * value/mask pairs tried one after the other.
 */
final class ElementTable {

    private final int[] tags;
    private final ElementEntry[] entries;
    private final int[] maskValues;
    private final int[] masks;
    private final ElementEntry[] maskEntries;
    private final Map<String, Integer> tagsByKeyword;

    private ElementTable(List<Row> exact, List<Row> masked, Map<String, Integer> tagsByKeyword) {
        this.tags = exact.stream().mapToInt(Row::value).toArray();
        this.entries = exact.stream().map(Row::entry).toArray(ElementEntry[]::new);
        this.maskValues = masked.stream().mapToInt(Row::value).toArray();
        this.masks = masked.stream().mapToInt(Row::mask).toArray();
        this.maskEntries = masked.stream().map(Row::entry).toArray(ElementEntry[]::new);
        this.tagsByKeyword = tagsByKeyword;
    }

    /** Builds the table from the rows of elements.tsv: pattern, VRs, VM, retired, keyword, name. */
    static ElementTable of(List<String[]> rows) {
        List<Row> all = rows.stream().map(ElementTable::row).toList();
        Map<String, Integer> tagsByKeyword = new HashMap<>();
        for (Row row : all) {
            tagsByKeyword.put(row.entry().keyword(), row.value());
        }
        // Signed order, the order Arrays.binarySearch expects.
        List<Row> exact = all.stream().filter(row -> row.mask() == -1).sorted(Comparator.comparingInt(Row::value)).toList();
        List<Row> masked = all.stream().filter(row -> row.mask() != -1).toList();
        return new ElementTable(exact, masked, tagsByKeyword);
    }

    /** The entry of exactly this tag, or {@code null}. */
    ElementEntry exact(int tag) {
        int at = Arrays.binarySearch(tags, tag);
        return at >= 0 ? entries[at] : null;
    }

    /** The entry of the repeating-group pattern that this tag matches, or {@code null}. */
    ElementEntry masked(int tag) {
        for (int i = 0; i < masks.length; i++) {
            if ((tag & masks[i]) == maskValues[i]) {
                return maskEntries[i];
            }
        }
        return null;
    }

    /** The tag of the keyword (with 0 for each x of a repeating group), or -1. */
    int tagOf(String keyword) {
        return tagsByKeyword.getOrDefault(keyword, -1);
    }

    private record Row(int value, int mask, ElementEntry entry) {
    }

    private static Row row(String[] fields) {
        String pattern = fields[0];
        int mask = 0;
        for (int i = 0; i < pattern.length(); i++) {
            mask = (mask << 4) | (pattern.charAt(i) == 'x' ? 0 : 0xF);
        }
        List<VR> vrs = fields[1].isEmpty()
                ? List.of()
                : Arrays.stream(fields[1].split("\\|")).map(ElementTable::vr).toList();
        ElementEntry entry = new ElementEntry(vrs, fields[2], fields[3].equals("R"), fields[4], fields[5]);
        return new Row(Integer.parseUnsignedInt(pattern.replace('x', '0'), 16), mask, entry);
    }

    private static VR vr(String name) {
        VR vr = VR.ofName(name);
        if (vr == null) {
            throw new IllegalStateException("elements.tsv names an unknown VR: " + name);
        }
        return vr;
    }
}
