package io.pacslite.dicom.image;

import java.util.Arrays;
import java.util.stream.IntStream;

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
        int[] sampling = new int[components];
        Arrays.fill(sampling, 0x11);
        writer.out.frameHeader(0xC3, precision, rows, columns, sampling);
        writer.out.huffmanTable(0, CODE_LENGTH, IntStream.range(0, CATEGORIES).toArray());
        if (restartLines > 0) {
            writer.out.segment(0xDD, 2);
            writer.out.uint16(restartLines * columns);
        }
        for (int[] scanned : JpegStreamWriter.scans(components, scanPerComponent)) {
            writer.scan(samples, rows, columns, components, precision, scanned, restartLines);
        }
        writer.out.marker(0xD9);
        return writer.out.toByteArray();
    }

    private void scan(int[] samples, int rows, int columns, int stride, int precision, int[] scanned, int restartLines) {
        out.scanHeader(scanned, 1, 0);
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
