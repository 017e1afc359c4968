package io.pacslite.archive.query;

import io.pacslite.archive.index.Names;
import io.pacslite.dicom.data.DateTimeRange;
import io.pacslite.dicom.data.VR;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads a key value as the {@link Match} PS3.4 C.2.2.2 makes of it; see {@link Match#of}. */
final class MatchParser {

    /** VRs whose values may be matched with wild cards (PS3.4 C.2.2.2.4). */
    private static final List<VR> WILDCARD_VRS =
            List.of(VR.AE, VR.CS, VR.LO, VR.LT, VR.PN, VR.SH, VR.ST, VR.UC, VR.UR, VR.UT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HHmmss");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,11}");
    /** Values of a UI, CS or IS key: '\' between values in C-FIND, ',' in QIDO-RS. */
    private static final String SEPARATORS = "[\\\\,]";

    private MatchParser() {
    }

    static Match parse(VR vr, String value, boolean fuzzy) {
        String key = value.strip();
        if (key.isEmpty() || key.equals("*")) {
            return new Match.Universal();
        }
        if (key.equals("\"\"")) {
            return new Match.Empty();
        }
        return switch (vr) {
            case UI -> values(key);
            case DA -> range(key, DateTimeRange::parseDate);
            case TM -> timeRange(key);
            case IS -> integers(key);
            case PN -> fuzzy ? fuzzy(key) : single(vr, key);
            case CS -> key.indexOf('\\') >= 0 || key.indexOf(',') >= 0 ? values(key) : single(vr, key);
            default -> single(vr, key);
        };
    }

    /** Fuzzy person name matching by the words of the key; a '*' adds nothing to a prefix. */
    private static Match fuzzy(String key) {
        List<String> words = Names.wordsOf(key.replace("*", ""));
        return words.isEmpty() ? new Match.Universal() : new Match.Fuzzy(words);
    }

    private static Match single(VR vr, String key) {
        boolean wild = WILDCARD_VRS.contains(vr) && (key.indexOf('*') >= 0 || key.indexOf('?') >= 0);
        return wild ? new Match.Wildcard(key) : new Match.Single(key);
    }

    private static Match values(String key) {
        List<String> values = Arrays.stream(key.split(SEPARATORS)).map(String::strip).filter(v -> !v.isEmpty())
                .distinct().toList();
        return values.size() == 1 ? new Match.Single(values.get(0)) : new Match.AnyOf(values);
    }

    /** IS values, each an integer the index can hold (IS is at most 12 characters, PS3.5 6.2). */
    private static Match integers(String key) {
        for (String v : key.split(SEPARATORS)) {
            String value = v.strip();
            if (!INTEGER.matcher(value).matches() || Long.parseLong(value) != (int) Long.parseLong(value)) {
                throw new QueryException(QueryReason.INVALID_KEY_VALUE, "not an IS value: \"" + key + "\"");
            }
        }
        return values(key);
    }

    /**
     * A TM range, each end read by itself: "2300-0700" is a valid key, which matches nothing
     * alone but with a StudyDate range is the night between two dates (combined date-time
     * matching, PS3.4 C.2.2.2.5).
     */
    private static Match timeRange(String key) {
        int dash = key.indexOf('-');
        if (dash <= 0 || dash == key.length() - 1) {
            return range(key, DateTimeRange::parseTime);
        }
        Match.Range from = (Match.Range) range(key.substring(0, dash + 1), DateTimeRange::parseTime);
        Match.Range to = (Match.Range) range(key.substring(dash), DateTimeRange::parseTime);
        return new Match.Range(from.lower(), to.upper());
    }

    private static Match range(String key, Function<String, DateTimeRange<?>> parse) {
        try {
            DateTimeRange<?> range = parse.apply(key);
            return new Match.Range(text(range.lower()), text(range.upper()));
        } catch (IllegalArgumentException e) {
            throw new QueryException(QueryReason.INVALID_KEY_VALUE, e.getMessage());
        }
    }

    /**
     * A bound as text that compares in order with the stored values: DA "YYYYMMDD"; TM
     * "HHMMSS", with a fraction only if there is one and without its trailing zeros, since text
     * comparison puts a stored "080000" before "080000.000000".
     */
    private static String text(Object bound) {
        return switch (bound) {
            case null -> null;
            case LocalDate date -> date.format(DateTimeFormatter.BASIC_ISO_DATE);
            case LocalTime time when time.getNano() == 0 -> time.format(SECONDS);
            case LocalTime time -> time.format(SECONDS) + "."
                    + String.format("%09d", time.getNano()).replaceFirst("0+$", "");
            default -> throw new IllegalStateException("not a DA or TM bound: " + bound);
        };
    }
}
