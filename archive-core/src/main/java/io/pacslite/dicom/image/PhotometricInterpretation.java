package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * The Photometric Interpretation (0028,0004) values of PS3.3 C.7.6.3.1.2, with the number of
 * samples per pixel each one requires.
 */
public enum PhotometricInterpretation {
    MONOCHROME1(1),
    MONOCHROME2(1),
    PALETTE_COLOR(1),
    RGB(3),
    YBR_FULL(3),
    YBR_FULL_422(3),
    YBR_ICT(3),
    YBR_RCT(3);

    private final int samplesPerPixel;

    PhotometricInterpretation(int samplesPerPixel) {
        this.samplesPerPixel = samplesPerPixel;
    }

    /** Samples per pixel (0028,0002) this interpretation requires (PS3.3 C.7.6.3.1.1). */
    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    /** The defined term as written in a data set ("PALETTE COLOR" with a space). */
    public String definedTerm() {
        return this == PALETTE_COLOR ? "PALETTE COLOR" : name();
    }

    /** The interpretation named by a data set's value; a value PS3.3 does not define is an error. */
    public static PhotometricInterpretation of(String value) throws DicomException {
        if (value == null || value.isBlank()) {
            throw new DicomException("Photometric Interpretation (0028,0004) is missing", -1);
        }
        String term = value.strip();
        for (PhotometricInterpretation candidate : values()) {
            if (candidate.definedTerm().equals(term)) {
                return candidate;
            }
        }
        throw new DicomException("Photometric Interpretation \"" + term + "\" is not one of PS3.3 C.7.6.3.1.2", -1);
    }
}
