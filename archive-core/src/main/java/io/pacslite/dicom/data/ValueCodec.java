package io.pacslite.dicom.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns value bytes into Java values and back, per VR (PS3.5 6.2): text split at backslashes
 * with insignificant padding removed, binary numbers in either byte order, IS/DS text
 * tolerant of the padding real devices send. The encoding side is public for readers of
 * other formats (DICOM JSON) that build values without a data set at hand.
 */
public final class ValueCodec {

    static final String[] NO_STRINGS = {};
    static final long[] NO_LONGS = {};
    static final double[] NO_DOUBLES = {};

    private ValueCodec() {
    }

    /** Splits plain ASCII text (such as Specific Character Set) at backslashes, trimmed. */
    static String[] splitAscii(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.ISO_8859_1).split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
        }
        return parts;
    }

    static String[] decodeStrings(byte[] bytes, VR vr, boolean bigEndian, Attributes context) {
        if (bytes.length == 0) {
            return NO_STRINGS;
        }
        return switch (vr.kind()) {
            case TEXT -> splitText(decodeText(bytes, vr, context), vr);
            case BINARY -> formatBinary(bytes, vr, bigEndian);
            case BULK, SEQUENCE -> NO_STRINGS;
        };
    }

    /** The whole value as one string, before splitting; Specific Character Set applied where the VR uses it. */
    static String decodeText(byte[] bytes, VR vr, Attributes context) {
        return vr.usesSpecificCharacterSet()
                ? context.specificCharacterSet().decode(bytes, 0, bytes.length, vr == VR.PN)
                : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Splits text at backslashes (for the VRs that allow several values) and removes the
     * padding PS3.5 Table 6.2-1 calls insignificant: trailing spaces (and NUL) for all,
     * leading spaces too for AE, CS, DS, IS, LO, SH; NUL padding for UI.
     */
    static String[] splitText(String text, VR vr) {
        if (!vr.isMultiValued() || text.indexOf('\\') < 0) {
            return new String[] {trim(text, vr)};
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', start)) {
            parts.add(trim(text.substring(start, i), vr));
            start = i + 1;
        }
        parts.add(trim(text.substring(start), vr));
        return parts.toArray(NO_STRINGS);
    }

    private static String trim(String value, VR vr) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (trimsLeadingSpaces(vr)) {
            while (start < end && value.charAt(start) == ' ') {
                start++;
            }
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    private static boolean trimsLeadingSpaces(VR vr) {
        return switch (vr) {
            case AE, CS, DS, IS, LO, SH -> true;
            default -> false;
        };
    }

    private static String[] formatBinary(byte[] bytes, VR vr, boolean bigEndian) {
        if (vr == VR.AT) {
            long[] tags = decodeLongs(bytes, vr, bigEndian);
            String[] result = new String[tags.length];
            for (int i = 0; i < tags.length; i++) {
                result[i] = Tags.toHex((int) tags[i]);
            }
            return result;
        }
        if (vr == VR.FL || vr == VR.FD) {
            double[] doubles = decodeDoubles(bytes, vr, bigEndian);
            String[] result = new String[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                result[i] = vr == VR.FL ? Float.toString((float) doubles[i]) : Double.toString(doubles[i]);
            }
            return result;
        }
        long[] longs = decodeLongs(bytes, vr, bigEndian);
        String[] result = new String[longs.length];
        for (int i = 0; i < longs.length; i++) {
            result[i] = vr == VR.UV ? Long.toUnsignedString(longs[i]) : Long.toString(longs[i]);
        }
        return result;
    }

    /**
     * Integer values: binary for US, SS, UL, SL, SV, UV, AT (group in the high half);
     * parsed text for IS (a value that is not an integer throws NumberFormatException).
     */
    static long[] decodeLongs(byte[] bytes, VR vr, boolean bigEndian) {
        switch (vr) {
            case IS, DS -> {
                String[] texts = splitText(new String(bytes, StandardCharsets.ISO_8859_1), vr);
                long[] result = new long[texts.length];
                for (int i = 0; i < texts.length; i++) {
                    result[i] = vr == VR.IS ? parseIS(texts[i]) : (long) parseDS(texts[i]);
                }
                return result;
            }
            case US, SS, UL, SL, SV, UV, AT, OW, OL, OV -> {
                int unit = switch (vr) {
                    case US, SS, OW -> 2;
                    case UL, SL, AT, OL -> 4;
                    default -> 8;
                };
                long[] result = new long[bytes.length / unit];
                for (int i = 0; i < result.length; i++) {
                    result[i] = readInteger(bytes, i * unit, vr, bigEndian);
                }
                return result;
            }
            default -> {
                return NO_LONGS;
            }
        }
    }

    private static long readInteger(byte[] b, int at, VR vr, boolean bigEndian) {
        return switch (vr) {
            case US, OW -> readShort(b, at, bigEndian) & 0xFFFF;
            case SS -> (short) readShort(b, at, bigEndian);
            case UL, OL -> readInt(b, at, bigEndian) & 0xFFFFFFFFL;
            case SL -> readInt(b, at, bigEndian);
            case AT -> ((long) (readShort(b, at, bigEndian) & 0xFFFF) << 16) | (readShort(b, at + 2, bigEndian) & 0xFFFF);
            default -> readLong(b, at, bigEndian);
        };
    }

    static double[] decodeDoubles(byte[] bytes, VR vr, boolean bigEndian) {
        switch (vr) {
            case FL, OF -> {
                double[] result = new double[bytes.length / 4];
                for (int i = 0; i < result.length; i++) {
                    result[i] = Float.intBitsToFloat(readInt(bytes, i * 4, bigEndian));
                }
                return result;
            }
            case FD, OD -> {
                double[] result = new double[bytes.length / 8];
                for (int i = 0; i < result.length; i++) {
                    result[i] = Double.longBitsToDouble(readLong(bytes, i * 8, bigEndian));
                }
                return result;
            }
            case DS -> {
                String[] texts = splitText(new String(bytes, StandardCharsets.ISO_8859_1), vr);
                double[] result = new double[texts.length];
                for (int i = 0; i < texts.length; i++) {
                    result[i] = parseDS(texts[i]);
                }
                return result;
            }
            default -> {
                long[] longs = decodeLongs(bytes, vr, bigEndian);
                double[] result = new double[longs.length];
                for (int i = 0; i < longs.length; i++) {
                    result[i] = longs[i];
                }
                return result;
            }
        }
    }

    /** Parses an IS value (PS3.5 Table 6.2-1), tolerating spaces and a leading '+'. */
    static long parseIS(String text) {
        String trimmed = text.strip();
        return Long.parseLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
    }

    /** Parses a DS value (PS3.5 Table 6.2-1), tolerating spaces. */
    static double parseDS(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !isDecimalString(trimmed)) {
            throw new NumberFormatException("not a decimal string: \"" + text + "\"");
        }
        return Double.parseDouble(trimmed);
    }

    private static boolean isDecimalString(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    static int readShort(byte[] b, int at, boolean bigEndian) {
        return bigEndian
                ? ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF)
                : (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    static int readInt(byte[] b, int at, boolean bigEndian) {
        return bigEndian
                ? ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF)
                : (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24);
    }

    static long readLong(byte[] b, int at, boolean bigEndian) {
        long first = readInt(b, at, bigEndian) & 0xFFFFFFFFL;
        long second = readInt(b, at + 4, bigEndian) & 0xFFFFFFFFL;
        return bigEndian ? (first << 32) | second : (second << 32) | first;
    }

    /** Encodes integer values as {@code vr} (US, SS, UL, SL, SV, UV, AT, or IS text). */
    public static byte[] encodeInts(long[] values, VR vr, boolean bigEndian) {
        if (vr == VR.IS) {
            StringBuilder text = new StringBuilder();
            for (long value : values) {
                text.append(text.isEmpty() ? "" : "\\").append(value);
            }
            return padToEven(text.toString().getBytes(StandardCharsets.US_ASCII), vr);
        }
        int unit = switch (vr) {
            case US, SS -> 2;
            case UL, SL, AT -> 4;
            case SV, UV -> 8;
            default -> throw new IllegalArgumentException("not an integer VR: " + vr);
        };
        byte[] bytes = new byte[values.length * unit];
        for (int i = 0; i < values.length; i++) {
            if (vr == VR.AT) {
                writeUnit(bytes, i * 4, 2, values[i] >>> 16, bigEndian);
                writeUnit(bytes, i * 4 + 2, 2, values[i], bigEndian);
            } else {
                writeUnit(bytes, i * unit, unit, values[i], bigEndian);
            }
        }
        return bytes;
    }

    private static void writeUnit(byte[] b, int at, int size, long value, boolean bigEndian) {
        for (int k = 0; k < size; k++) {
            b[at + (bigEndian ? size - 1 - k : k)] = (byte) (value >>> (8 * k));
        }
    }

    /** Encodes floating point values as {@code vr} (FL, FD, OF, OD, or DS text). */
    public static byte[] encodeDoubles(double[] values, VR vr, boolean bigEndian) {
        if (vr == VR.DS) {
            StringBuilder text = new StringBuilder();
            for (double value : values) {
                text.append(text.isEmpty() ? "" : "\\").append(formatDS(value));
            }
            return padToEven(text.toString().getBytes(StandardCharsets.US_ASCII), vr);
        }
        boolean single = vr == VR.FL || vr == VR.OF;
        if (!single && vr != VR.FD && vr != VR.OD) {
            throw new IllegalArgumentException("not a floating point VR: " + vr);
        }
        int unit = single ? 4 : 8;
        byte[] bytes = new byte[values.length * unit];
        for (int i = 0; i < values.length; i++) {
            long bits = single ? Float.floatToIntBits((float) values[i]) & 0xFFFFFFFFL : Double.doubleToLongBits(values[i]);
            writeUnit(bytes, i * unit, unit, bits, bigEndian);
        }
        return bytes;
    }

    /** A DS value in at most 16 characters (PS3.5 Table 6.2-1). */
    static String formatDS(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = BigDecimal.valueOf(value).stripTrailingZeros().toString();
        if (text.length() <= 16) {
            return text;
        }
        for (int digits = 15; digits > 0; digits--) {
            text = new BigDecimal(value, new java.math.MathContext(digits)).stripTrailingZeros().toString();
            if (text.length() <= 16) {
                return text;
            }
        }
        return text;
    }

    /** Pads an odd-length value with the VR's padding byte (PS3.5 7.1.1). */
    public static byte[] padToEven(byte[] bytes, VR vr) {
        if ((bytes.length & 1) == 0) {
            return bytes;
        }
        byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        padded[bytes.length] = vr.padding();
        return padded;
    }
}
