package io.pacslite.dicom.deid;

import java.util.Set;

/**
 * One row of PS3.15 Table E.1-1: an attribute (a tag, or a tag pattern such as (60xx,3000)),
 * its action code in the Basic Profile and the actions of the option columns.
 *
 * @param tag the tag, with the digits the pattern leaves open set to 0
 * @param mask the bits of a tag that must equal {@code tag} for the row to apply
 * @param basic the Basic Profile's code: D, Z, X, K, C, U, X/Z, X/D, Z/D, X/Z/D or X/Z/U*
 * @param optionActions the code of each option column ("K", "C" or "-"), by TSV field
 * @param name the attribute's name
 */
record ProfileEntry(int tag, int mask, String basic, String[] optionActions, String name) {

    /** Whether this row applies to {@code candidate}. */
    boolean matches(int candidate) {
        return (candidate & mask) == tag;
    }

    /**
     * The action for an element of this row under {@code options}.
     *
     * <p>An option's column, where it has an entry, overrides the Basic Profile; when chosen
     * options disagree, clean (C) wins over keep (K), the safer of the two. A C of an option
     * that does not clean ({@link Option#cleans}) leaves the Basic Profile's action. A combined code
     * says "the first unless the next is needed to keep the IOD conformant (Type 3, 2, 1)"
     * (PS3.15 Table E.1-1a). Without the IOD's module tables at hand, the element is kept as
     * conformant as it was: present elements stay present, so X/Z gives Z, and X/D, Z/D and
     * X/Z/D give D when the element has a value and Z when it is empty. X/Z/U* (sequences of
     * references) keeps the sequence, whose items are de-identified in turn, so that every
     * UID in it is replaced.
     *
     * @param hasValue whether the element has a non-empty value
     */
    Action action(Set<Option> options, boolean hasValue) {
        Action chosen = null;
        for (Option option : options) {
            String code = optionActions[option.column() - ProfileTable.FIRST_OPTION_FIELD];
            if (code.equals("C") && option.cleans()) {
                return Action.CLEAN;
            }
            if (code.equals("K")) {
                chosen = Action.KEEP;
            }
        }
        if (chosen != null) {
            return chosen;
        }
        return switch (basic) {
            case "D" -> Action.DUMMY;
            case "Z", "X/Z" -> Action.ZERO;
            case "X" -> Action.REMOVE;
            case "K", "X/Z/U*" -> Action.KEEP;
            case "C" -> Action.CLEAN;
            case "U" -> Action.REPLACE_UID;
            case "X/D", "Z/D", "X/Z/D" -> hasValue ? Action.DUMMY : Action.ZERO;
            default -> throw new IllegalStateException("unknown action code " + basic + " for " + name);
        };
    }

    /** Whether the Basic Profile replaces this element by a dummy when it has a value (D, X/D, Z/D, X/Z/D). */
    boolean needsValue() {
        return basic.endsWith("D");
    }
}
