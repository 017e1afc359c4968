package io.pacslite.dicom.text;

/**
 * The characters before which value 1 of Specific Character Set must be active again, and at
 * which a decoder returns to it (PS3.5 6.1.2.5.3): CR, LF, FF, TAB, the value delimiter "\",
 * and in person names the component and group delimiters "^" and "=".
 */
final class Delimiters {

    private Delimiters() {
    }

    static boolean resetsDesignations(int ch, boolean personName) {
        return switch (ch) {
            case '\r', '\n', '\f', '\t', '\\' -> true;
            case '^', '=' -> personName;
            default -> false;
        };
    }
}
