package io.pacslite.dimse.pdu;

/**
 * Checks Application Entity titles as they appear in A-ASSOCIATE-RQ, PS3.8 section 9.3.2:
 * 16 bytes of the default character repertoire, leading and trailing spaces not significant
 * (PS3.5 section 6.2, value representation AE).
 */
final class AeTitles {

    static final int LENGTH = 16;

    private AeTitles() {
    }

    /** Why {@code aeTitle} is not a valid, trimmed AE title, or {@code null} if it is. */
    static String problem(String aeTitle) {
        if (aeTitle == null || aeTitle.isEmpty()) {
            return "AE title is empty";
        }
        if (aeTitle.length() > LENGTH) {
            return "AE title longer than 16 characters: " + aeTitle;
        }
        if (!aeTitle.strip().equals(aeTitle)) {
            return "AE title has leading or trailing spaces: '" + aeTitle + "'";
        }
        for (int i = 0; i < aeTitle.length(); i++) {
            char c = aeTitle.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return String.format("AE title has character 0x%02X at position %d", (int) c, i);
            }
        }
        return null;
    }

    /** {@code aeTitle} itself, or an {@link IllegalArgumentException} saying what is wrong. */
    static String require(String aeTitle) {
        String problem = problem(aeTitle);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return aeTitle;
    }
}
