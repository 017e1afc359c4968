package io.pacslite.dimse.pdu;

/**
 * Checks Application Entity titles as they appear in A-ASSOCIATE-RQ, PS3.8 section 9.3.2:
 * 16 bytes of the default character repertoire, leading and trailing spaces not significant
 * (PS3.5 section 6.2, value representation AE).
 */
public final class AeTitles {

    /** Longest AE title, PS3.5 Table 6.2-1. */
    public static final int LENGTH = 16;

    private AeTitles() {
    }

    /** Why {@code aeTitle} is not a valid, trimmed AE title, or {@code null} if it is. */
    public static String problem(String aeTitle) {
        if (aeTitle == null || aeTitle.isEmpty() || aeTitle.length() > LENGTH) {
            return "AE title must be 1 to 16 characters: '" + aeTitle + "'";
        }
        if (!aeTitle.strip().equals(aeTitle)) {
            return "AE title has leading or trailing spaces: '" + aeTitle + "'";
        }
        for (int i = 0; i < aeTitle.length(); i++) {
            char c = aeTitle.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return String.format("AE title has a control character or backslash (0x%02X at position %d)", (int) c, i);
            }
        }
        return null;
    }

    /** {@code aeTitle} itself, or an {@link IllegalArgumentException} saying what is wrong. */
    public static String require(String aeTitle) {
        String problem = problem(aeTitle);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return aeTitle;
    }
}
