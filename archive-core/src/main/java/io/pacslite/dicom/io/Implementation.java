package io.pacslite.dicom.io;

/**
 * How PACS-lite names itself in File Meta Information (PS3.10 7.1) and association
 * negotiation (PS3.7 D.3.3.2).
 */
public final class Implementation {

    /**
     * Implementation Class UID of PACS-lite: a UUID-derived UID under the 2.25 root
     * (PS3.5 B.2), made once and fixed.
     */
    public static final String CLASS_UID = "2.25.73816089868165249092555210403523270982";

    /** Implementation Version Name: at most 16 characters (PS3.7 D.3.3.2.3). */
    public static final String VERSION_NAME = "PACSLITE_0.1";

    private Implementation() {
    }
}
