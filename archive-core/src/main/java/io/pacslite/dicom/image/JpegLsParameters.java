package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * The JPEG-LS coding parameters of a scan (ITU-T T.87 C.2.4.1.1): the largest sample value
 * MAXVAL, the gradient thresholds T1, T2, T3 and the context RESET value, as an LSE preset
 * parameters segment gives them, or their defaults where it gives 0 or there is none.
 *
 * @param maxValue MAXVAL
 * @param reset RESET
 */
record JpegLsParameters(int maxValue, int threshold1, int threshold2, int threshold3, int reset) {

    /** No LSE segment: every parameter takes its default. */
    static final JpegLsParameters DEFAULTS = new JpegLsParameters(0, 0, 0, 0, 0);

    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;
    private static final int DEFAULT_RESET = 64;

    /** Reads an LSE segment of type 1, preset coding parameters (T.87 C.2.4.1.1), after its ID. */
    static JpegLsParameters read(JpegCodestream.Segment segment) throws DicomException {
        return new JpegLsParameters(segment.uint16(), segment.uint16(), segment.uint16(), segment.uint16(),
                segment.uint16());
    }

    /**
     * The parameters for samples of {@code precision} bits coded with {@code near}: the defaults
     * of T.87 C.2.4.1.1.2 (Table C.3) filled in, and every value checked against the ranges of
     * Table C.2.
     */
    JpegLsParameters resolve(int precision, int near) throws DicomException {
        int maxPossible = (1 << precision) - 1;
        int max = maxValue == 0 ? maxPossible : maxValue;
        if (max > maxPossible) {
            throw new DicomException("its LSE segment gives MAXVAL " + max + ", more than " + precision + " bits hold", -1);
        }
        if (near > Math.min(255, max / 2)) {
            throw new DicomException("a scan has NEAR " + near + ", more than min(255, MAXVAL / 2) for MAXVAL " + max
                    + " (ITU-T T.87 C.2.3)", -1);
        }
        int t1;
        int t2;
        int t3;
        if (max >= 128) {
            int factor = (Math.min(max, 4095) + 128) / 256;
            t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, max);
            t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, max);
            t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, max);
        } else {
            int factor = 256 / (max + 1);
            t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, max);
            t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, max);
            t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, max);
        }
        JpegLsParameters resolved = new JpegLsParameters(max, threshold1 == 0 ? t1 : threshold1,
                threshold2 == 0 ? t2 : threshold2, threshold3 == 0 ? t3 : threshold3,
                reset == 0 ? DEFAULT_RESET : reset);
        if (resolved.threshold1 < near + 1 || resolved.threshold2 < resolved.threshold1
                || resolved.threshold3 < resolved.threshold2 || resolved.threshold3 > max
                || resolved.reset < 3 || resolved.reset > Math.max(255, max)) {
            throw new DicomException("its coding parameters " + resolved + " are out of the ranges of ITU-T T.87 Table C.2"
                    + " for NEAR " + near, -1);
        }
        return resolved;
    }

    /** CLAMP of T.87 C.2.4.1.1.2: {@code value}, or {@code low} when it is not from {@code low} to {@code max}. */
    private static int clamp(int value, int low, int max) {
        return value > max || value < low ? low : value;
    }
}
