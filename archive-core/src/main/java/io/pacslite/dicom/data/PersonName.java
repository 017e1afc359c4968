package io.pacslite.dicom.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One value of a PN element (PS3.5 6.2.1): up to three component groups (alphabetic,
 * ideographic, phonetic) separated by '=', each of five components (family name, given
 * name, middle name, prefix, suffix) separated by '^'. Absent groups and components are
 * empty strings, never null.
 *
 * @param alphabetic the single-byte (alphabetic) representation
 * @param ideographic the ideographic representation
 * @param phonetic the phonetic representation
 */
public record PersonName(ComponentGroup alphabetic, ComponentGroup ideographic, ComponentGroup phonetic) {

    /** The three component groups of PS3.5 6.2.1, in the order they are written. */
    public enum Group { ALPHABETIC, IDEOGRAPHIC, PHONETIC }

    /** The five components of a group (PS3.5 6.2.1), in the order they are written. */
    public enum Component { FAMILY, GIVEN, MIDDLE, PREFIX, SUFFIX }

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern TRAILING_EMPTY_COMPONENTS = Pattern.compile("[\\^\\s]+$");

    /**
     * One component group of a person name (PS3.5 6.2.1).
     *
     * @param family family name complex
     * @param given given name complex
     * @param middle middle name
     * @param prefix name prefix, such as a title
     * @param suffix name suffix
     */
    public record ComponentGroup(String family, String given, String middle, String prefix, String suffix) {

        /** A group without any component. */
        public static final ComponentGroup EMPTY = new ComponentGroup("", "", "", "", "");

        /** Rejects null components: an absent component is the empty string. */
        public ComponentGroup {
            for (String component : List.of(family, given, middle, prefix, suffix)) {
                if (component == null) {
                    throw new NullPointerException("a person name component is null; use \"\"");
                }
            }
        }

        /** The given component of this group, "" when absent. */
        public String component(Component component) {
            return switch (component) {
                case FAMILY -> family;
                case GIVEN -> given;
                case MIDDLE -> middle;
                case PREFIX -> prefix;
                case SUFFIX -> suffix;
            };
        }

        /** The group as written in a PN value, trailing empty components and their '^' left out. */
        @Override
        public String toString() {
            return joinTrimmed(List.of(family, given, middle, prefix, suffix), '^');
        }

        /**
         * Reads one group; components past the fifth stay in the suffix, '^' included, so
         * that no text is lost. Trailing empty components go first, also past the fifth.
         */
        static ComponentGroup parse(String text) {
            String[] parts = TRAILING_EMPTY_COMPONENTS.matcher(text).replaceFirst("").split("\\^", 5);
            String[] components = new String[5];
            for (int i = 0; i < 5; i++) {
                components[i] = i < parts.length ? parts[i].strip() : "";
            }
            return new ComponentGroup(components[0], components[1], components[2], components[3], components[4]);
        }
    }

    /** Rejects null groups: an absent group is {@link ComponentGroup#EMPTY}. */
    public PersonName {
        if (alphabetic == null || ideographic == null || phonetic == null) {
            throw new NullPointerException("a person name group is null; use ComponentGroup.EMPTY");
        }
    }

    /**
     * Reads one PN value as decoded from its character set (PS3.5 6.2.1). Tolerates leading
     * and trailing spaces of the value and of each component, trailing empty components and
     * groups, and empty groups in the middle ("Wang^XiaoDong==..."). More than five
     * components: the sixth and later are kept in the suffix with their '^'.
     *
     * @throws IllegalArgumentException if the text holds more than three groups or a '\'
     *     (several values must be split first, PS3.5 6.4)
     */
    public static PersonName parse(String text) {
        if (text.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("not one person name but several (contains '\\'): \"" + text + "\"");
        }
        String[] groups = text.strip().split("=", -1);
        if (groups.length > 3) {
            throw new IllegalArgumentException(
                    "a person name has at most three component groups (PS3.5 6.2.1), not " + groups.length
                            + ": \"" + text + "\"");
        }
        ComponentGroup[] parsed = new ComponentGroup[3];
        for (int i = 0; i < 3; i++) {
            parsed[i] = i < groups.length ? ComponentGroup.parse(groups[i]) : ComponentGroup.EMPTY;
        }
        return new PersonName(parsed[0], parsed[1], parsed[2]);
    }

    /** The given component group. */
    public ComponentGroup componentGroup(Group group) {
        return switch (group) {
            case ALPHABETIC -> alphabetic;
            case IDEOGRAPHIC -> ideographic;
            case PHONETIC -> phonetic;
        };
    }

    /** A group as written in a PN value (PS3.5 6.2.1), trailing empty components left out; "" when absent. */
    public String group(Group group) {
        return componentGroup(group).toString();
    }

    /** One component of one group, "" when absent. */
    public String component(Group group, Component component) {
        return componentGroup(group).component(component);
    }

    /** Whether every component of every group is empty. */
    public boolean isEmpty() {
        return toString().isEmpty();
    }

    /**
     * The alphabetic group in upper case with accents removed ("Müller^José" gives
     * "MULLER^JOSE"), for case- and accent-insensitive matching of person names (the
     * fuzzymatching of QIDO-RS, PS3.18). The ideographic and phonetic groups are left
     * out: case and accents mean nothing in them.
     */
    public String normalizedForMatching() {
        String decomposed = Normalizer.normalize(alphabetic.toString(), Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** The canonical PN value (PS3.5 6.2.1): trailing empty components and groups left out, with their delimiters. */
    @Override
    public String toString() {
        return joinTrimmed(List.of(alphabetic.toString(), ideographic.toString(), phonetic.toString()), '=');
    }

    private static String joinTrimmed(List<String> parts, char delimiter) {
        List<String> kept = new ArrayList<>(parts);
        while (!kept.isEmpty() && kept.getLast().isEmpty()) {
            kept.removeLast();
        }
        return String.join(String.valueOf(delimiter), kept);
    }
}
