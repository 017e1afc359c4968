package io.pacslite.dicom.data;

/**
 * Value Representations, PS3.5 section 6.2 (Table 6.2-1).
 *
 * <p>Each constant knows how it is encoded: the length of its Explicit VR header (PS3.5
 * 7.1.2, Table 7.1-1 and 7.1-2), the byte used to pad odd-length values, whether its text is
 * subject to Specific Character Set (PS3.5 6.1.2.3), whether its value may hold several
 * backslash-separated values, and the size of the unit to swap when the byte order changes.
 */
public enum VR {
    AE(Kind.TEXT, false, ' ', 0, true, false),
    AS(Kind.TEXT, false, ' ', 0, true, false),
    AT(Kind.BINARY, false, 0, 2, true, false),
    CS(Kind.TEXT, false, ' ', 0, true, false),
    DA(Kind.TEXT, false, ' ', 0, true, false),
    DS(Kind.TEXT, false, ' ', 0, true, false),
    DT(Kind.TEXT, false, ' ', 0, true, false),
    FD(Kind.BINARY, false, 0, 8, true, false),
    FL(Kind.BINARY, false, 0, 4, true, false),
    IS(Kind.TEXT, false, ' ', 0, true, false),
    LO(Kind.TEXT, false, ' ', 0, true, true),
    LT(Kind.TEXT, false, ' ', 0, false, true),
    OB(Kind.BULK, true, 0, 1, false, false),
    OD(Kind.BULK, true, 0, 8, false, false),
    OF(Kind.BULK, true, 0, 4, false, false),
    OL(Kind.BULK, true, 0, 4, false, false),
    OV(Kind.BULK, true, 0, 8, false, false),
    OW(Kind.BULK, true, 0, 2, false, false),
    PN(Kind.TEXT, false, ' ', 0, true, true),
    SH(Kind.TEXT, false, ' ', 0, true, true),
    SL(Kind.BINARY, false, 0, 4, true, false),
    SQ(Kind.SEQUENCE, true, 0, 0, false, false),
    SS(Kind.BINARY, false, 0, 2, true, false),
    ST(Kind.TEXT, false, ' ', 0, false, true),
    SV(Kind.BINARY, true, 0, 8, true, false),
    TM(Kind.TEXT, false, ' ', 0, true, false),
    UC(Kind.TEXT, true, ' ', 0, true, true),
    UI(Kind.TEXT, false, 0, 0, true, false),
    UL(Kind.BINARY, false, 0, 4, true, false),
    UN(Kind.BULK, true, 0, 1, false, false),
    UR(Kind.TEXT, true, ' ', 0, false, false),
    US(Kind.BINARY, false, 0, 2, true, false),
    UT(Kind.TEXT, true, ' ', 0, false, true),
    UV(Kind.BINARY, true, 0, 8, true, false);

    /** How the bytes of a value are to be understood. */
    public enum Kind {
        /** Characters; several values are separated by a backslash where the VR allows it. */
        TEXT,
        /** Fixed-size binary numbers (or tags, for AT), possibly several. */
        BINARY,
        /** Opaque or bulk binary data (the O* VRs and UN). */
        BULK,
        /** A sequence of items. */
        SEQUENCE
    }

    private final Kind kind;
    private final boolean longHeader;
    private final byte padding;
    private final int swapUnit;
    private final boolean multiValued;
    private final boolean charsetText;
    private final int code;

    VR(Kind kind, boolean longHeader, int padding, int swapUnit, boolean multiValued, boolean charsetText) {
        this.kind = kind;
        this.longHeader = longHeader;
        this.padding = (byte) padding;
        this.swapUnit = swapUnit;
        this.multiValued = multiValued;
        this.charsetText = charsetText;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    /**
     * The VR with the two-character code {@code code} (first character in the high byte),
     * as found in an Explicit VR header; {@code null} if no VR has that code.
     */
    public static VR ofCode(int code) {
        return BY_CODE[code & 0xFFFF];
    }

    /** The VR named {@code name} (for example "PN"), or {@code null}. */
    public static VR ofName(String name) {
        return name.length() == 2 ? ofCode((name.charAt(0) << 8) | name.charAt(1)) : null;
    }

    /** The two characters of this VR as a 16-bit code, first character in the high byte. */
    public int code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether the Explicit VR header of this VR has two reserved bytes and a 32-bit length
     * (PS3.5 Table 7.1-1) rather than a 16-bit length (Table 7.1-2).
     */
    public boolean hasLongExplicitHeader() {
        return longHeader;
    }

    /** The byte that pads a value to even length: space for text, NUL for UI and binary. */
    public byte padding() {
        return padding;
    }

    /** Size in bytes of the unit that is reversed when the byte order changes; 0 or 1: none. */
    public int swapUnit() {
        return swapUnit;
    }

    /** Whether one element may carry several values (backslash-separated for text). */
    public boolean isMultiValued() {
        return multiValued;
    }

    /** Whether the value is decoded with the Specific Character Set (PS3.5 6.1.2.3). */
    public boolean usesSpecificCharacterSet() {
        return charsetText;
    }

    /** Whether the value is text (the string VRs). */
    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** Whether the value is a sequence of items. */
    public boolean isSequence() {
        return kind == Kind.SEQUENCE;
    }

    /** Whether the value is opaque binary data (OB, OD, OF, OL, OV, OW, UN). */
    public boolean isBulk() {
        return kind == Kind.BULK;
    }
}
