package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.util.Arrays;

/**
 * The context modeling and prediction error decoding of JPEG-LS (ITU-T T.87 A.2 to A.7): the
 * context variables A, B, C, N of the 365 regular contexts and A, N, Nn of the two run
 * interruption contexts (365 and 366), the edge-detecting predictor, the limited-length
 * Golomb codes, and the near-lossless reconstruction. One set serves a whole scan: in line and
 * sample interleaved scans the components share it (T.87 B.2, B.3).
 */
final class JpegLsContexts {

    private static final int REGULAR_CONTEXTS = 365;
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;

    private final EntropyCodedBits bits;
    private final int near;
    private final int maxValue;
    private final int threshold1;
    private final int threshold2;
    private final int threshold3;
    private final int reset;
    private final int range;
    private final int qbpp;
    private final int limit;
    private final int[] a = new int[REGULAR_CONTEXTS + 2];
    private final int[] b = new int[REGULAR_CONTEXTS];
    private final int[] c = new int[REGULAR_CONTEXTS];
    private final int[] n = new int[REGULAR_CONTEXTS + 2];
    private final int[] nn = new int[2];

    /** The variables initialised as T.87 A.2.1 says, for {@code parameters} already resolved. */
    JpegLsContexts(EntropyCodedBits bits, JpegLsParameters parameters, int near) {
        this.bits = bits;
        this.near = near;
        this.maxValue = parameters.maxValue();
        this.threshold1 = parameters.threshold1();
        this.threshold2 = parameters.threshold2();
        this.threshold3 = parameters.threshold3();
        this.reset = parameters.reset();
        this.range = (maxValue + 2 * near) / (2 * near + 1) + 1;
        this.qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
        int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxValue));
        this.limit = 2 * (bpp + Math.max(8, bpp));
        Arrays.fill(a, Math.max(2, (range + 32) / 64));
        Arrays.fill(n, 1);
    }

    /** Whether the gradients of a sample's neighbours send it to run mode (T.87 A.3.1): all within NEAR. */
    boolean flat(int ra, int rb, int rc, int rd) {
        return Math.abs(rd - rb) <= near && Math.abs(rb - rc) <= near && Math.abs(rc - ra) <= near;
    }

    /** Whether two samples are equal within NEAR, as run mode compares them (T.87 A.7.1). */
    boolean same(int x, int y) {
        return Math.abs(x - y) <= near;
    }

    /** Decodes a sample in regular mode (T.87 A.3 to A.6) from its neighbours a, b, c, d (Figure A.2). */
    int regular(int ra, int rb, int rc, int rd) throws DicomException {
        int q1 = quantize(rd - rb);
        int q2 = quantize(rb - rc);
        int q3 = quantize(rc - ra);
        int sign = 1;
        if (q1 < 0 || q1 == 0 && (q2 < 0 || q2 == 0 && q3 < 0)) {
            sign = -1;
            q1 = -q1;
            q2 = -q2;
            q3 = -q3;
        }
        int q = 81 * q1 + 9 * q2 + q3;
        int prediction = Math.clamp((long) predict(ra, rb, rc) + sign * c[q], 0, maxValue);
        int k = golombParameter(a[q], n[q]);
        int mapped = golomb(k, limit);
        // the mapping of T.87 A.5.2 undone; with k 0 and a negative bias it is the one of -Errval - 1
        int error = (mapped & 1) == 0 ? mapped >> 1 : -((mapped + 1) >> 1);
        if (near == 0 && k == 0 && 2 * b[q] <= -n[q]) {
            error = -error - 1;
        }
        update(q, error);
        return reconstruct(prediction + sign * error * (2 * near + 1));
    }

    /**
     * Decodes a run interruption sample (T.87 A.7.2) from its neighbours a and b: of RItype 1
     * (a and b equal within NEAR) predicted by a, of RItype 0 predicted by b; {@code runIndex}
     * is the RUNindex, which shortens the code's limit.
     */
    int interruption(int type, int ra, int rb, int runIndex) throws DicomException {
        int q = REGULAR_CONTEXTS + type;
        int temp = type == 1 ? a[q] + (n[q] >> 1) : a[q];
        int k = golombParameter(temp, n[q]);
        int mapped = golomb(k, limit - JpegLsScan.runLengthOrder(runIndex) - 1);
        int t = mapped + type;
        boolean map = (t & 1) == 1;
        int magnitude = (t + (map ? 1 : 0)) >> 1;
        boolean negative = map == (k != 0 || 2 * nn[type] >= n[q]);
        int error = negative ? -magnitude : magnitude;
        if (error < 0) {
            nn[type]++;
        }
        a[q] += (mapped + 1 - type) >> 1;
        if (n[q] == reset) {
            a[q] >>= 1;
            n[q] >>= 1;
            nn[type] >>= 1;
        }
        n[q]++;
        int prediction = type == 1 ? ra : rb;
        int sign = type == 0 && ra > rb ? -1 : 1;
        return reconstruct(prediction + sign * error * (2 * near + 1));
    }

    /** Q1, Q2 or Q3 of a gradient (T.87 A.3.3, Code segment A.4). */
    private int quantize(int d) {
        if (d <= -threshold3) {
            return -4;
        } else if (d <= -threshold2) {
            return -3;
        } else if (d <= -threshold1) {
            return -2;
        } else if (d < -near) {
            return -1;
        } else if (d <= near) {
            return 0;
        } else if (d < threshold1) {
            return 1;
        } else if (d < threshold2) {
            return 2;
        } else if (d < threshold3) {
            return 3;
        }
        return 4;
    }

    /** The edge-detecting predictor MED (T.87 A.4.1). */
    private static int predict(int ra, int rb, int rc) {
        if (rc >= Math.max(ra, rb)) {
            return Math.min(ra, rb);
        }
        if (rc <= Math.min(ra, rb)) {
            return Math.max(ra, rb);
        }
        return ra + rb - rc;
    }

    /** The Golomb parameter k: the least with N << k at least A (T.87 A.5.1). */
    private static int golombParameter(int a, int n) {
        int k = 0;
        while (((long) n << k) < a) {
            k++;
        }
        return k;
    }

    /** A limited-length Golomb code (T.87 A.5.3): its unary prefix, then k bits, or qbpp bits after the longest prefix. */
    private int golomb(int k, int codeLimit) throws DicomException {
        int escape = codeLimit - qbpp - 1;
        int zeros = 0;
        while (bits.readBit() == 0) {
            if (++zeros > escape) {
                throw new DicomException("a Golomb code is longer than LIMIT " + codeLimit + " allows (ITU-T T.87 A.5.3)", -1);
            }
        }
        if (zeros < escape) {
            return zeros << k | bits.readBits(k);
        }
        return bits.readBits(qbpp) + 1;
    }

    /** Updates the context's A, B, N (T.87 A.6.1) and its bias correction C (A.6.2). */
    private void update(int q, int error) {
        b[q] += error * (2 * near + 1);
        a[q] += Math.abs(error);
        if (n[q] == reset) {
            a[q] >>= 1;
            b[q] >>= 1;
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] <= -n[q]) {
            b[q] += n[q];
            if (c[q] > MIN_C) {
                c[q]--;
            }
            if (b[q] <= -n[q]) {
                b[q] = -n[q] + 1;
            }
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (c[q] < MAX_C) {
                c[q]++;
            }
            if (b[q] > 0) {
                b[q] = 0;
            }
        }
    }

    /** The reconstructed sample: the value brought back into range modulo RANGE (T.87 A.4.5) and clamped to 0..MAXVAL. */
    private int reconstruct(long value) {
        long step = (long) range * (2 * near + 1);
        if (value < -near) {
            value += step;
        } else if (value > maxValue + near) {
            value -= step;
        }
        return Math.clamp(value, 0, maxValue);
    }
}
