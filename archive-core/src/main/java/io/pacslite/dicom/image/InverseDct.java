package io.pacslite.dicom.image;

/**
 * The inverse DCT of one 8 x 8 block (ITU-T T.81 A.3.3), computed in double precision as the
 * formula is written, one dimension after the other (it is separable): each row of coefficients,
 * then each column of the results. The samples are then level shifted by 2^(P-1) (A.3.1),
 * rounded to the nearest integer and clamped to the 0 to 2^P - 1 of the sample precision P
 * (A.3.3: "an IDCT output value outside the range is clamped").
 */
final class InverseDct {

    /** C(u) / 2 cos((2x + 1) u pi / 16) at {@code x * 8 + u}, with C(0) = 1 / sqrt(2) and C(u) = 1 otherwise. */
    private static final double[] BASIS = new double[64];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                BASIS[x * 8 + u] = (u == 0 ? Math.sqrt(0.5) : 1) / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private final double[] rows = new double[64];
    private final int levelShift;
    private final int maxSample;

    /** C(u) / 2 cos((2x + 1) u pi / 16), the basis function of A.3.3 along one dimension. */
    static double basis(int x, int u) {
        return BASIS[x * 8 + u];
    }

    /** The transform for samples of {@code precision} bits. */
    InverseDct(int precision) {
        this.levelShift = 1 << (precision - 1);
        this.maxSample = (1 << precision) - 1;
    }

    /**
     * The samples of a block of dequantized coefficients {@code coefficients} (S(v,u) at
     * {@code v * 8 + u}, v the vertical frequency) into {@code samples} (s(y,x) at {@code y * 8 + x}).
     */
    void transform(int[] coefficients, int[] samples) {
        for (int v = 0; v < 8; v++) {
            int row = v * 8;
            boolean acZero = true;
            for (int u = 1; u < 8 && acZero; u++) {
                acZero = coefficients[row + u] == 0;
            }
            for (int x = 0; x < 8; x++) {
                double sum = BASIS[x * 8] * coefficients[row];
                for (int u = 1; u < 8 && !acZero; u++) {
                    sum += BASIS[x * 8 + u] * coefficients[row + u];
                }
                rows[row + x] = sum;
            }
        }
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                double sum = 0;
                for (int v = 0; v < 8; v++) {
                    sum += BASIS[y * 8 + v] * rows[v * 8 + x];
                }
                double sample = Math.floor(sum + 0.5) + levelShift;
                samples[y * 8 + x] = (int) Math.max(0, Math.min(maxSample, sample));
            }
        }
    }
}
