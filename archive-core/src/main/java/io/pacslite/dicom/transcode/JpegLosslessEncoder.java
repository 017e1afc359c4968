package io.pacslite.dicom.transcode;

import io.pacslite.dicom.image.FrameSamples;
import io.pacslite.dicom.image.ImagePixel;
import io.pacslite.dicom.io.DicomException;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A JPEG Lossless, Non-Hierarchical, First-Order Prediction encoder (Selection Value 1, PS3.5
 * A.4.1; ITU-T T.81 Annex H, process 14): a SOF3 frame of 2 to 16 bits, one DHT table, and
 * each sample predicted from the one to its left, from the one above at the start of a line,
 * and from 2^(P-1) at the start of the first (H.1.2.1). The Huffman table of the difference
 * categories SSSS is built for the frame ({@link HuffmanCodes}, T.81 K.2): the differences are
 * found twice, once to count them and once to code them.
 *
 * <p>Frames of the transfer syntax are one interleaved scan without restart intervals;
 * {@link #encode(int[], int, int, int, int, boolean, int)} also writes a scan per component and
 * restart intervals, layouts the decoder's tests need and other encoders seldom write.
 */
public final class JpegLosslessEncoder implements FrameEncoder {

    private static final int CATEGORIES = 17;

    private final ImagePixel pixel;

    private JpegLosslessEncoder(ImagePixel pixel) {
        this.pixel = pixel;
    }

    /** The encoder of frames of {@code pixel}; more than 16 bits stored are refused (T.81 H.1.1 allows 2 to 16). */
    static JpegLosslessEncoder of(ImagePixel pixel) throws DicomException {
        if (pixel.bitsStored() > 16) {
            throw new DicomException("JPEG Lossless holds samples of 2 to 16 bits (ITU-T T.81 H.1.1), this image has "
                    + pixel.bitsStored() + " bits stored", -1);
        }
        return new JpegLosslessEncoder(pixel);
    }

    /** The frame in one interleaved scan: each stored value's Bits Stored bits (two's complement as they are). */
    @Override
    public byte[] encode(FrameSamples frame) {
        return encode(frame.samples(), pixel.rows(), pixel.columns(), pixel.samplesPerPixel(),
                Math.max(2, pixel.bitsStored()), false, 0);
    }

    /**
     * A frame of {@code samples} (pixel order, the samples of a pixel together, the low
     * {@code precision} bits of each taken), in one interleaved scan or a scan per component,
     * with a restart marker every {@code restartLines} lines (0 for none).
     */
    public static byte[] encode(int[] samples, int rows, int columns, int components, int precision,
            boolean scanPerComponent, int restartLines) {
        int[][] scans = new int[scanPerComponent ? components : 1][];
        for (int s = 0; s < scans.length; s++) {
            scans[s] = scanPerComponent ? new int[] {s} : IntStream.range(0, components).toArray();
        }
        long[] frequencies = new long[CATEGORIES];
        for (int[] scanned : scans) {
            predict(samples, rows, columns, components, precision, scanned, restartLines,
                    difference -> frequencies[category(difference)]++);
        }
        HuffmanCodes table = HuffmanCodes.optimal(frequencies);
        Codestream stream = new Codestream(table, samples.length * ((precision + 7) / 8) / 2 + 1024);
        stream.marker(0xD8);
        stream.segment(0xC3, 6 + 3 * components);
        stream.write(precision);
        stream.uint16(rows);
        stream.uint16(columns);
        stream.write(components);
        for (int c = 0; c < components; c++) {
            stream.write(c + 1);
            stream.write(0x11);
            stream.write(0);
        }
        stream.segment(0xC4, 1 + 16 + table.values().length);
        stream.write(0);
        for (int length = 1; length <= 16; length++) {
            stream.write(table.counts()[length]);
        }
        for (int value : table.values()) {
            stream.write(value);
        }
        if (restartLines > 0) {
            stream.segment(0xDD, 2);
            stream.uint16(restartLines * columns);
        }
        for (int[] scanned : scans) {
            stream.segment(0xDA, 4 + 2 * scanned.length);
            stream.write(scanned.length);
            for (int c : scanned) {
                stream.write(c + 1);
                stream.write(0);
            }
            stream.write(1);
            stream.write(0);
            stream.write(0);
            predict(samples, rows, columns, components, precision, scanned, restartLines, stream);
            stream.padToByte();
        }
        stream.marker(0xD9);
        return stream.toByteArray();
    }

    /**
     * Gives {@code differences} the difference of each sample of a scan from its prediction, in
     * scan order: the sample to the left, the one above at the start of a line, 2^(P-1) at the
     * start of the first line and of each restart interval (H.1.2.1), modulo 2^16 (H.1.2.2).
     */
    private static void predict(int[] samples, int rows, int columns, int stride, int precision, int[] scanned,
            int restartLines, Differences differences) {
        int mask = (1 << precision) - 1;
        for (int row = 0; row < rows; row++) {
            boolean firstLine = restartLines == 0 ? row == 0 : row % restartLines == 0;
            if (firstLine && row > 0) {
                differences.restart((row / restartLines - 1) % 8);
            }
            for (int x = 0; x < columns; x++) {
                for (int c : scanned) {
                    int at = (row * columns + x) * stride + c;
                    int prediction = x > 0 ? samples[at - stride] & mask
                            : firstLine ? 1 << (precision - 1) : samples[at - columns * stride] & mask;
                    differences.difference(((samples[at] & mask) - prediction + 32768 & 0xFFFF) - 32768);
                }
            }
        }
    }

    /** SSSS of a difference (T.81 Table H.2); -32768 is category 16. */
    private static int category(int difference) {
        return difference == -32768 ? 16 : 32 - Integer.numberOfLeadingZeros(Math.abs(difference));
    }

    /** Where the differences of a scan go. */
    private interface Differences {

        void difference(int difference);

        /** Restart marker RSTn comes next (T.81 E.1.4); only the writer cares. */
        default void restart(int n) {
        }
    }

    /** The codestream written so far, with the entropy-coded bits not yet a whole byte. */
    private static final class Codestream implements Differences {

        private final HuffmanCodes table;
        private byte[] bytes;
        private int length;
        private long bitBuffer;
        private int bitCount;

        Codestream(HuffmanCodes table, int capacity) {
            this.table = table;
            this.bytes = new byte[capacity];
        }

        /** SSSS's code and its extra bits (T.81 H.1.2.2, F.1.2.1); category 16 has none. */
        @Override
        public void difference(int difference) {
            int category = category(difference);
            bits(table.code(category), table.size(category));
            if (category > 0 && category < 16) {
                bits(difference >= 0 ? difference : difference + (1 << category) - 1, category);
            }
        }

        @Override
        public void restart(int n) {
            padToByte();
            marker(0xD0 + n);
        }

        private void bits(int value, int count) {
            bitBuffer = bitBuffer << count | value & ((1L << count) - 1);
            bitCount += count;
            while (bitCount >= 8) {
                bitCount -= 8;
                int next = (int) (bitBuffer >>> bitCount) & 0xFF;
                write(next);
                if (next == 0xFF) {
                    write(0);
                }
            }
        }

        /** Fills the last byte with 1 bits (T.81 F.1.2.3). */
        void padToByte() {
            if (bitCount > 0) {
                bits(0xFF, 8 - bitCount);
            }
        }

        void marker(int marker) {
            write(0xFF);
            write(marker);
        }

        void segment(int marker, int parametersLength) {
            marker(marker);
            uint16(parametersLength + 2);
        }

        void uint16(int value) {
            write(value >> 8);
            write(value & 0xFF);
        }

        void write(int value) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = (byte) value;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
