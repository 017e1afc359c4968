package io.pacslite.dicom.io;

import io.pacslite.dicom.dict.UID;

/**
 * How a data set is encoded (PS3.5 section 10): Implicit or Explicit VR, byte order,
 * deflate (PS3.5 A.5) and encapsulated pixel data (PS3.5 A.4).
 *
 * @param uid the Transfer Syntax UID (PS3.6 Table A-1)
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated, boolean encapsulated) {

    /** Implicit VR Little Endian, the DICOM default (PS3.5 A.1). */
    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.ImplicitVRLittleEndian, false, false, false, false);
    /** Explicit VR Little Endian (PS3.5 A.2). */
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.ExplicitVRLittleEndian, true, false, false, false);
    /** Explicit VR Big Endian, retired (PS3.5 A.3). */
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax(UID.ExplicitVRBigEndian, true, true, false, false);
    /** Deflated Explicit VR Little Endian (PS3.5 A.5). */
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax(UID.DeflatedExplicitVRLittleEndian, true, false, true, false);

    private static final String JPIP_REFERENCED = "1.2.840.10008.1.2.4.94";
    private static final String JPIP_REFERENCED_DEFLATE = "1.2.840.10008.1.2.4.95";

    /**
     * The transfer syntax of {@code uid}. Every transfer syntax other than the four above, the
     * JPIP referenced ones and the retired Papyrus 3 Implicit VR Little Endian is Explicit VR
     * Little Endian with encapsulated pixel data (PS3.5 A.4), which also holds for ones this
     * registry does not know yet.
     */
    public static TransferSyntax of(String uid) {
        return switch (uid) {
            case UID.ImplicitVRLittleEndian -> IMPLICIT_VR_LITTLE_ENDIAN;
            case UID.Papyrus3ImplicitVRLittleEndian -> new TransferSyntax(uid, false, false, false, false);
            case UID.ExplicitVRLittleEndian -> EXPLICIT_VR_LITTLE_ENDIAN;
            case UID.ExplicitVRBigEndian -> EXPLICIT_VR_BIG_ENDIAN;
            case UID.DeflatedExplicitVRLittleEndian -> DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
            case JPIP_REFERENCED -> new TransferSyntax(uid, true, false, false, false);
            case JPIP_REFERENCED_DEFLATE -> new TransferSyntax(uid, true, false, true, false);
            default -> new TransferSyntax(uid, true, false, false, true);
        };
    }

    /** Whether this is one of the native (not encapsulated) syntaxes a writer can produce itself. */
    public boolean isUncompressed() {
        return !encapsulated;
    }
}
