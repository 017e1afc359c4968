package io.pacslite.dicom.data;

/**
 * Helpers for data element tags held as {@code int}: group in the high 16 bits, element in
 * the low 16 bits (PS3.5 section 7.1). Tag constants by keyword are in
 * {@link io.pacslite.dicom.dict.Tag}.
 */
public final class Tags {

    /** Item (FFFE,E000), PS3.5 7.5. */
    public static final int ITEM = 0xFFFEE000;
    /** Item Delimitation Item (FFFE,E00D), PS3.5 7.5. */
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    /** Sequence Delimitation Item (FFFE,E0DD), PS3.5 7.5. */
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    /** Pixel Data (7FE0,0010). */
    public static final int PIXEL_DATA = 0x7FE00010;
    /** The length value meaning "undefined length" (PS3.5 7.1.1). */
    public static final int UNDEFINED_LENGTH = 0xFFFFFFFF;

    private Tags() {
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Whether the tag is in a private group (odd group number, PS3.5 7.8). */
    public static boolean isPrivate(int tag) {
        return (tag & 0x00010000) != 0 && group(tag) > 0x0008;
    }

    /** Whether the tag is a Private Creator element (gggg,0010-00FF) of a private group (PS3.5 7.8.1). */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }

    /**
     * The tag of the Private Creator element that reserves the block of private tag
     * {@code tag}: (gggg,00xx) for (gggg,xxyy), PS3.5 7.8.1.
     */
    public static int privateCreatorOf(int tag) {
        return (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
    }

    /** Whether the tag is a Group Length element (gggg,0000). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** The tag as "(gggg,eeee)" in upper-case hex. */
    public static String toString(int tag) {
        char[] chars = {'(', 0, 0, 0, 0, ',', 0, 0, 0, 0, ')'};
        writeHex(tag >>> 16, chars, 1);
        writeHex(tag & 0xFFFF, chars, 6);
        return new String(chars);
    }

    /** The tag as eight upper-case hex digits "ggggeeee", the key form of DICOM JSON (PS3.18 F.2.1). */
    public static String toHex(int tag) {
        char[] chars = new char[8];
        writeHex(tag >>> 16, chars, 0);
        writeHex(tag & 0xFFFF, chars, 4);
        return new String(chars);
    }

    /** Parses eight hex digits "ggggeeee" (either case); throws {@link NumberFormatException}. */
    public static int parseHex(String hex) {
        if (hex.length() != 8) {
            throw new NumberFormatException("a tag is eight hex digits: " + hex);
        }
        return Integer.parseUnsignedInt(hex, 16);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void writeHex(int value, char[] chars, int at) {
        for (int i = 3; i >= 0; i--) {
            chars[at + i] = HEX[value & 0xF];
            value >>>= 4;
        }
    }
}
