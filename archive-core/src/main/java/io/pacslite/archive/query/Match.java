package io.pacslite.archive.query;

import io.pacslite.dicom.data.VR;
import java.util.List;

/**
 * How a matching key matches (PS3.4 C.2.2.2): one of the kinds of matching the standard
 * defines, read from the key's value and VR by {@link #of}. QIDO-RS (PS3.18 8.3.4) uses the
 * same kinds, plus {@link Fuzzy} person name matching.
 */
public sealed interface Match {

    /** Universal matching (C.2.2.2.3): an empty value, or "*"; everything matches; for a sequence, no item key. */
    record Universal() implements Match {
    }

    /** Empty value matching (C.2.2.2.1): the value {@code ""} matches an absent or empty attribute. */
    record Empty() implements Match {
    }

    /** Single value matching (C.2.2.2.1). */
    record Single(String value) implements Match {
    }

    /**
     * Any of several values: List of UID matching (C.2.2.2.2), and several values of a
     * multi-valued code string such as ModalitiesInStudy "CT\MR" (a study matches if any
     * value matches).
     */
    record AnyOf(List<String> values) implements Match {
        public AnyOf {
            values = List.copyOf(values);
        }
    }

    /** Wild card matching (C.2.2.2.4): '*' any run of characters, '?' one character. */
    record Wildcard(String pattern) implements Match {
    }

    /**
     * Range matching (C.2.2.2.5) of a DA or TM value, or single value matching of one, which is
     * the range of the span it stands for: bounds in the form the index keeps ("YYYYMMDD",
     * "HHMMSS.FFFFFF"), null where the range is open.
     */
    record Range(String lower, String upper) implements Match {
    }

    /**
     * Fuzzy person name matching (PS3.18 8.3.4, fuzzymatching=true): every word of the key is
     * the start of a word of the name, in any component group, ignoring case and accents.
     */
    record Fuzzy(List<String> words) implements Match {
        public Fuzzy {
            words = List.copyOf(words);
        }
    }

    /**
     * Sequence Matching (C.2.2.2.6): the key is a sequence of one item whose keys are matched
     * item by item; an entity matches if one item of its sequence matches every item key. The
     * response holds the matching items with the item keys' attributes only. A sequence key
     * without item keys is {@link Universal}: it returns the whole sequence.
     */
    record Sequence(List<MatchKey> itemKeys) implements Match {
        public Sequence {
            itemKeys = List.copyOf(itemKeys);
        }
    }

    /**
     * The matching a key value asks for, by the rules of PS3.4 C.2.2.2: empty or "*" is
     * universal; {@code ""} is empty value matching; UIDs separated by '\' (C-FIND) or ','
     * (QIDO-RS) are a list; DA and TM values are ranges; '*' or '?' in a value of a VR that
     * allows them is a wild card; several code string values are any of them; with
     * {@code fuzzy}, a person name is matched by word. Leading and trailing spaces are not
     * significant.
     *
     * @throws QueryException if a DA, TM or IS value is not valid
     */
    static Match of(VR vr, String value, boolean fuzzy) {
        return MatchParser.parse(vr, value, fuzzy);
    }
}
