package io.pacslite.archive.query;

import io.pacslite.archive.index.Names;
import io.pacslite.dicom.data.VR;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One {@link Match} of PS3.4 C.2.2.2 tested in memory against the values of a stored
 * attribute, by the rules {@link QuerySql} applies in the database: single values and wild
 * cards case-sensitive except person names (folded, every component group, as docs/query.md
 * says), lists of values, DA and TM ranges compared as text, fuzzy person names by word. An
 * attribute with several values matches if one of them does. Used for the item keys of
 * sequence matching (C.2.2.2.6), whose values are only in the stored metadata.
 */
final class ValueMatching {

    private ValueMatching() {
    }

    /**
     * Whether {@code values}, the stored values of an attribute of {@code vr} (none when it is
     * absent or empty), match {@code match}. A sequence match is not a value match: it is
     * {@link SequenceMatching}'s.
     */
    static boolean matches(Match match, VR vr, List<String> values) {
        return switch (match) {
            case Match.Universal u -> true;
            case Match.Empty e -> values.stream().allMatch(String::isBlank);
            case Match.Sequence s -> throw new IllegalArgumentException("a sequence key is not matched on values");
            case Match.Single s when vr == VR.PN -> any(values, value -> personName(s.value(), value, false));
            case Match.Wildcard w when vr == VR.PN -> any(values, value -> personName(w.pattern(), value, true));
            case Match.Single s -> any(values, value -> equal(vr, s.value(), value));
            case Match.AnyOf a -> any(values, value -> a.values().stream().anyMatch(key -> equal(vr, key, value)));
            case Match.Wildcard w -> any(values, value -> wildcard(w.pattern()).matcher(value).matches());
            case Match.Range r -> any(values, value -> (r.lower() == null || value.compareTo(r.lower()) >= 0)
                    && (r.upper() == null || value.compareTo(r.upper()) <= 0));
            case Match.Fuzzy f -> any(values, value -> f.words().stream().allMatch(
                    word -> Names.wordsOf(value).stream().anyMatch(name -> name.startsWith(word))));
        };
    }

    /** Whether one of the values, without leading and trailing spaces, is not empty and matches. */
    private static boolean any(List<String> values, Predicate<String> matches) {
        return values.stream().map(String::strip).anyMatch(value -> !value.isEmpty() && matches.test(value));
    }

    /** Equal values; IS values as the integers they stand for ("+7" is "7"), as the index keeps them. */
    private static boolean equal(VR vr, String key, String value) {
        if (vr == VR.IS) {
            try {
                return Long.parseLong(key.strip().replace("+", "")) == Long.parseLong(value.replace("+", ""));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return key.equals(value);
    }

    /**
     * A person name against a key or pattern, both folded by component group: a key without
     * '=' of ASCII letters is compared with the alphabetic group, another with any group; a key
     * with '=' group by group, an empty group or "*" of the key matching anything.
     */
    private static boolean personName(String key, String name, boolean wild) {
        String[] keyGroups = Names.groups(key);
        String[] nameGroups = Names.groups(name);
        if (key.indexOf('=') < 0) {
            boolean ascii = keyGroups[0].chars().allMatch(c -> c < 0x80);
            for (int i = 0; i < (ascii ? 1 : 3); i++) {
                if (!nameGroups[i].isEmpty() && textMatches(keyGroups[0], nameGroups[i], wild)) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0; i < 3; i++) {
            boolean any = keyGroups[i].isEmpty() || keyGroups[i].equals("*");
            if (!any && !textMatches(keyGroups[i], nameGroups[i], wild)) {
                return false;
            }
        }
        return true;
    }

    private static boolean textMatches(String key, String value, boolean wild) {
        return wild ? wildcard(key).matcher(value).matches() : key.equals(value);
    }

    /** A DICOM wild card pattern (C.2.2.2.4) as a regular expression: '*' any run, '?' one character. */
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder(pattern.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
