package io.pacslite.dicom.data;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Checks Unique Identifiers against PS3.5 section 9.1: components of digits separated by
 * single dots, no component with a leading zero (a lone "0" is allowed), at most 64
 * characters. A UID that passes has nothing in it that could steer a file path.
 */
public final class UIDs {

    /** Longest UID, PS3.5 9.1. */
    public static final int MAX_LENGTH = 64;

    private UIDs() {
    }

    /**
     * A new UID under the 2.25 root, the decimal value of a random UUID (PS3.5 B.2): for
     * objects the archive itself creates (reports, de-identified copies, a DICOMDIR).
     */
    public static String random() {
        UUID uuid = UUID.randomUUID();
        byte[] bits = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bits);
    }

    /** Whether {@code uid} is a valid UID. */
    public static boolean isValid(String uid) {
        return problemWith(uid) == null;
    }

    /**
     * What is wrong with {@code uid}, or null if nothing: "empty", "longer than 64
     * characters", "'x' is not a digit or a dot", "empty component", "component with a
     * leading zero".
     */
    public static String problemWith(String uid) {
        if (uid == null || uid.isEmpty()) {
            return "empty";
        }
        if (uid.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            char c = i < uid.length() ? uid.charAt(i) : '.';
            if (c == '.') {
                if (i == componentStart) {
                    return "empty component";
                }
                if (uid.charAt(componentStart) == '0' && i - componentStart > 1) {
                    return "component with a leading zero";
                }
                componentStart = i + 1;
            } else if (c < '0' || c > '9') {
                return "'" + c + "' is not a digit or a dot";
            }
        }
        return null;
    }
}
