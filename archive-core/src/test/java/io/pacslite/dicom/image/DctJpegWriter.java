package io.pacslite.dicom.image;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A minimal sequential DCT encoder (ITU-T T.81 Annex F, Huffman coding, a SOF1 frame) for the
 * layouts dcmtk's {@code dcmcjpeg} does not write: restart intervals, a scan per component, and
 * subsampled components of 12-bit samples. Its forward DCT is the formula of A.3.3 in double
 * precision (the decoder's basis and zig-zag order, which dcmtk's decoding checks); one
 * quantization table holds a single value (16-bit entries for 12-bit samples); its Huffman
 * tables give each DC category a 5-bit code and each AC run and size an 8-bit code. A subsampled
 * component takes the sample of the first pixel it stands for.
 */
final class DctJpegWriter {

    private static final int DC_CODE_LENGTH = 5;
    private static final int AC_CODE_LENGTH = 8;
    /** The AC symbols RRRRSSSS: EOB, ZRL, then each run 0 to 15 with each size 1 to 14; a symbol's code is its index. */
    private static final List<Integer> AC_SYMBOLS = new ArrayList<>();

    static {
        AC_SYMBOLS.add(0x00);
        AC_SYMBOLS.add(0xF0);
        for (int run = 0; run < 16; run++) {
            for (int size = 1; size <= 14; size++) {
                AC_SYMBOLS.add(run << 4 | size);
            }
        }
    }

    private final JpegStreamWriter out = new JpegStreamWriter();
    private final int rows;
    private final int columns;
    private final int precision;
    private final int[] sampling;
    private final int quantizer;
    private final int maxAcross;
    private final int maxDown;
    private final int[][] planes;

    private DctJpegWriter(int[] samples, int rows, int columns, int precision, int[] sampling, int quantizer) {
        this.rows = rows;
        this.columns = columns;
        this.precision = precision;
        this.sampling = sampling;
        this.quantizer = quantizer;
        this.maxAcross = max(sampling, 4);
        this.maxDown = max(sampling, 0);
        this.planes = new int[sampling.length][];
        for (int c = 0; c < sampling.length; c++) {
            planes[c] = plane(samples, rows, columns, sampling, c);
        }
    }

    /**
     * The samples of component {@code c} in its own grid of ceil(X Hi / Hmax) x ceil(Y Vi / Vmax)
     * (T.81 A.1.1), each that of the first pixel it stands for.
     */
    static int[] plane(int[] samples, int rows, int columns, int[] sampling, int c) {
        int across = sampling[c] >> 4;
        int down = sampling[c] & 0xF;
        int width = Math.ceilDiv(columns * across, max(sampling, 4));
        int height = Math.ceilDiv(rows * down, max(sampling, 0));
        int[] plane = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int pixel = y * max(sampling, 0) / down * columns + x * max(sampling, 4) / across;
                plane[y * width + x] = samples[pixel * sampling.length + c];
            }
        }
        return plane;
    }

    private static int max(int[] sampling, int shift) {
        int max = 1;
        for (int factors : sampling) {
            max = Math.max(max, factors >> shift & 0xF);
        }
        return max;
    }

    /**
     * A frame of {@code samples} (pixel order, the samples of a pixel together, each of
     * {@code precision} bits, 8 or 12), a component for each of {@code sampling} (Hi << 4 | Vi),
     * quantized by {@code quantizer}, in one interleaved scan or a scan per component, with a
     * restart marker every {@code restartInterval} minimum coded units (0 for none).
     */
    static byte[] encode(int[] samples, int rows, int columns, int precision, int[] sampling, int quantizer,
            boolean scanPerComponent, int restartInterval) {
        DctJpegWriter writer = new DctJpegWriter(samples, rows, columns, precision, sampling, quantizer);
        JpegStreamWriter out = writer.out;
        out.marker(0xD8);
        int wide = precision > 8 ? 1 : 0;
        out.segment(0xDB, 1 + 64 * (1 + wide));
        out.uint8(wide << 4);
        for (int k = 0; k < 64; k++) {
            if (wide == 1) {
                out.uint16(quantizer);
            } else {
                out.uint8(quantizer);
            }
        }
        out.frameHeader(0xC1, precision, rows, columns, sampling);
        out.huffmanTable(0, DC_CODE_LENGTH, IntStream.range(0, 16).toArray());
        out.huffmanTable(1, AC_CODE_LENGTH, AC_SYMBOLS.stream().mapToInt(Integer::intValue).toArray());
        if (restartInterval > 0) {
            out.segment(0xDD, 2);
            out.uint16(restartInterval);
        }
        for (int[] scanned : JpegStreamWriter.scans(sampling.length, scanPerComponent)) {
            writer.scan(scanned, restartInterval);
        }
        out.marker(0xD9);
        return out.toByteArray();
    }

    private void scan(int[] scanned, int restartInterval) {
        out.scanHeader(scanned, 0, 63);
        boolean interleaved = scanned.length > 1;
        int mcusPerLine;
        int mcuLines;
        if (interleaved) {
            mcusPerLine = Math.ceilDiv(columns, 8 * maxAcross);
            mcuLines = Math.ceilDiv(rows, 8 * maxDown);
        } else {
            mcusPerLine = Math.ceilDiv(componentColumns(scanned[0]), 8);
            mcuLines = Math.ceilDiv(componentRows(scanned[0]), 8);
        }
        int[] predictions = new int[scanned.length];
        for (int mcu = 0; mcu < mcusPerLine * mcuLines; mcu++) {
            if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                out.padToByte();
                out.marker(0xD0 + (mcu / restartInterval - 1) % 8);
                predictions = new int[scanned.length];
            }
            for (int i = 0; i < scanned.length; i++) {
                int c = scanned[i];
                int across = interleaved ? sampling[c] >> 4 : 1;
                int down = interleaved ? sampling[c] & 0xF : 1;
                for (int y = 0; y < down; y++) {
                    for (int x = 0; x < across; x++) {
                        predictions[i] = block(c, (mcu % mcusPerLine) * across + x, (mcu / mcusPerLine) * down + y,
                                predictions[i]);
                    }
                }
            }
        }
        out.padToByte();
    }

    /** Codes one block of component {@code c}; returns its quantized DC coefficient. */
    private int block(int c, int blockColumn, int blockLine, int prediction) {
        double[] shifted = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                shifted[y * 8 + x] = sample(c, blockColumn * 8 + x, blockLine * 8 + y) - (1 << (precision - 1));
            }
        }
        int[] quantized = new int[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        sum += InverseDct.basis(x, u) * InverseDct.basis(y, v) * shifted[y * 8 + x];
                    }
                }
                quantized[v * 8 + u] = (int) Math.round(sum / quantizer);
            }
        }
        int dc = quantized[0];
        int category = category(dc - prediction);
        out.bits(category, DC_CODE_LENGTH);
        value(dc - prediction, category);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int coefficient = quantized[DctScan.naturalIndex(k)];
            if (coefficient == 0) {
                run++;
                continue;
            }
            for (; run >= 16; run -= 16) {
                out.bits(AC_SYMBOLS.indexOf(0xF0), AC_CODE_LENGTH);
            }
            int size = category(coefficient);
            out.bits(AC_SYMBOLS.indexOf(run << 4 | size), AC_CODE_LENGTH);
            value(coefficient, size);
            run = 0;
        }
        if (run > 0) {
            out.bits(AC_SYMBOLS.indexOf(0x00), AC_CODE_LENGTH);
        }
        return dc;
    }

    /** The sample of component {@code c} at (x, y) in its own grid, edges repeated beyond it. */
    private int sample(int c, int x, int y) {
        int width = componentColumns(c);
        return planes[c][Math.min(componentRows(c) - 1, y) * width + Math.min(width - 1, x)];
    }

    private int componentColumns(int c) {
        return Math.ceilDiv(columns * (sampling[c] >> 4), maxAcross);
    }

    private int componentRows(int c) {
        return Math.ceilDiv(rows * (sampling[c] & 0xF), maxDown);
    }

    private void value(int value, int category) {
        if (category > 0) {
            out.bits(value >= 0 ? value : value + (1 << category) - 1, category);
        }
    }

    private static int category(int value) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(value));
    }
}
