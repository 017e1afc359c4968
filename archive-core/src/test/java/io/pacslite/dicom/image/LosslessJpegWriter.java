package io.pacslite.dicom.image;

/**
 * A minimal lossless JPEG encoder (ITU-T T.81 Annex H, predictor 1) for the layouts dcmtk's
 * {@code dcmcjpeg} does not write: a scan per component, and restart intervals. Its Huffman
 * table gives each difference category SSSS 0 to 16 a 5-bit code (the code of SSSS is SSSS).
 */
final class LosslessJpegWriter {

    private static final int CATEGORIES = 17;
    private static final int CODE_LENGTH = 5;

    private final JpegStreamWriter out = new JpegStreamWriter();

    private LosslessJpegWriter() {
    }

    /**
     * A frame of {@code samples} (pixel order, the samples of a pixel together, each of
     * {@code precision} bits), in one interleaved scan or a scan per component, with a restart
     * marker every {@code restartLines} lines (0 for none).
     */
    static byte[] encode(int[] samples, int rows, int columns, int components, int precision, boolean scanPerComponent,
            int restartLines) {
        LosslessJpegWriter writer = new LosslessJpegWriter();
        writer.out.marker(0xD8);
        writer.out.segment(0xC3, 6 + 3 * components);
        writer.out.uint8(precision);
        writer.out.uint16(rows);
        writer.out.uint16(columns);
        writer.out.uint8(components);
        for (int c = 0; c < components; c++) {
            writer.out.uint8(c + 1);
            writer.out.uint8(0x11);
            writer.out.uint8(0);
        }
        writer.out.segment(0xC4, 1 + 16 + CATEGORIES);
        writer.out.uint8(0);
        for (int length = 1; length <= 16; length++) {
            writer.out.uint8(length == CODE_LENGTH ? CATEGORIES : 0);
        }
        for (int category = 0; category < CATEGORIES; category++) {
            writer.out.uint8(category);
        }
        if (restartLines > 0) {
            writer.out.segment(0xDD, 2);
            writer.out.uint16(restartLines * columns);
        }
        if (scanPerComponent) {
            for (int c = 0; c < components; c++) {
                writer.scan(samples, rows, columns, components, precision, new int[] {c}, restartLines);
            }
        } else {
            int[] all = new int[components];
            for (int c = 0; c < components; c++) {
                all[c] = c;
            }
            writer.scan(samples, rows, columns, components, precision, all, restartLines);
        }
        writer.out.marker(0xD9);
        return writer.out.toByteArray();
    }

    private void scan(int[] samples, int rows, int columns, int stride, int precision, int[] scanned, int restartLines) {
        out.segment(0xDA, 4 + 2 * scanned.length);
        out.uint8(scanned.length);
        for (int c : scanned) {
            out.uint8(c + 1);
            out.uint8(0);
        }
        out.uint8(1);
        out.uint8(0);
        out.uint8(0);
        int mask = (1 << precision) - 1;
        for (int row = 0; row < rows; row++) {
            boolean firstLine = restartLines == 0 ? row == 0 : row % restartLines == 0;
            if (firstLine && row > 0) {
                out.padToByte();
                out.marker(0xD0 + (row / restartLines - 1) % 8);
            }
            for (int x = 0; x < columns; x++) {
                for (int c : scanned) {
                    int at = (row * columns + x) * stride + c;
                    int prediction = x > 0 ? samples[at - stride] & mask
                            : firstLine ? 1 << (precision - 1) : samples[at - columns * stride] & mask;
                    difference(((samples[at] & mask) - prediction + 32768 & 0xFFFF) - 32768);
                }
            }
        }
        out.padToByte();
    }

    /** SSSS and its extra bits (T.81 H.1.2.2, F.1.2.1); -32768 is category 16 without extra bits. */
    private void difference(int difference) {
        int category = difference == -32768 ? 16 : 32 - Integer.numberOfLeadingZeros(Math.abs(difference));
        out.bits(category, CODE_LENGTH);
        if (category > 0 && category < 16) {
            out.bits(difference >= 0 ? difference : difference + (1 << category) - 1, category);
        }
    }
}
