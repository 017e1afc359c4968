package io.pacslite.dicom.transcode;

import io.pacslite.dicom.image.FrameSamples;
import io.pacslite.dicom.image.ImagePixel;
import io.pacslite.dicom.io.DicomException;
import java.io.ByteArrayOutputStream;

/**
 * A JPEG Lossless, Non-Hierarchical, First-Order Prediction encoder (Selection Value 1, PS3.5
 * A.4.1; ITU-T T.81 Annex H, process 14): a SOF3 frame of 2 to 16 bits, one DHT table, and
 * each sample predicted from the one to its left, from the one above at the start of a line,
 * and from 2^(P-1) at the start of the first (H.1.2.1). Its Huffman table gives each
 * difference category SSSS 0 to 16 a 5-bit code (the code of SSSS is SSSS).
 *
 * <p>Frames of the transfer syntax are one interleaved scan without restart intervals;
 * {@link #encode(int[], int, int, int, int, boolean, int)} also writes a scan per component and
 * restart intervals, layouts the decoder's tests need and other encoders seldom write.
 */
public final class JpegLosslessEncoder implements FrameEncoder {

    private static final int CATEGORIES = 17;
    private static final int CODE_LENGTH = 5;

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
        Codestream stream = new Codestream();
        stream.marker(0xD8);
        stream.segment(0xC3, 6 + 3 * components);
        stream.out.write(precision);
        stream.uint16(rows);
        stream.uint16(columns);
        stream.out.write(components);
        for (int c = 0; c < components; c++) {
            stream.out.writeBytes(new byte[] {(byte) (c + 1), 0x11, 0});
        }
        stream.segment(0xC4, 1 + 16 + CATEGORIES);
        stream.out.write(0);
        for (int length = 1; length <= 16; length++) {
            stream.out.write(length == CODE_LENGTH ? CATEGORIES : 0);
        }
        for (int category = 0; category < CATEGORIES; category++) {
            stream.out.write(category);
        }
        if (restartLines > 0) {
            stream.segment(0xDD, 2);
            stream.uint16(restartLines * columns);
        }
        if (scanPerComponent) {
            for (int c = 0; c < components; c++) {
                stream.scan(samples, rows, columns, components, precision, new int[] {c}, restartLines);
            }
        } else {
            int[] all = new int[components];
            for (int c = 0; c < components; c++) {
                all[c] = c;
            }
            stream.scan(samples, rows, columns, components, precision, all, restartLines);
        }
        stream.marker(0xD9);
        return stream.out.toByteArray();
    }

    /** The bytes written so far, with the entropy-coded bits not yet a whole byte. */
    private static final class Codestream {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int bitBuffer;
        private int bitCount;

        private void scan(int[] samples, int rows, int columns, int stride, int precision, int[] scanned,
                int restartLines) {
            segment(0xDA, 4 + 2 * scanned.length);
            out.write(scanned.length);
            for (int c : scanned) {
                out.write(c + 1);
                out.write(0);
            }
            out.writeBytes(new byte[] {1, 0, 0});
            int mask = (1 << precision) - 1;
            for (int row = 0; row < rows; row++) {
                boolean firstLine = restartLines == 0 ? row == 0 : row % restartLines == 0;
                if (firstLine && row > 0) {
                    padToByte();
                    marker(0xD0 + (row / restartLines - 1) % 8);
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
            padToByte();
        }

        /** SSSS and its extra bits (T.81 H.1.2.2, F.1.2.1); -32768 is category 16 without extra bits. */
        private void difference(int difference) {
            int category = difference == -32768 ? 16 : 32 - Integer.numberOfLeadingZeros(Math.abs(difference));
            bits(category, CODE_LENGTH);
            if (category > 0 && category < 16) {
                bits(difference >= 0 ? difference : difference + (1 << category) - 1, category);
            }
        }

        private void bits(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                bitBuffer = bitBuffer << 1 | (value >>> i) & 1;
                if (++bitCount == 8) {
                    out.write(bitBuffer);
                    if (bitBuffer == 0xFF) {
                        out.write(0);
                    }
                    bitBuffer = 0;
                    bitCount = 0;
                }
            }
        }

        /** Fills the last byte with 1 bits (T.81 F.1.2.3). */
        private void padToByte() {
            if (bitCount > 0) {
                bits(0xFF, 8 - bitCount);
            }
        }

        private void marker(int marker) {
            out.write(0xFF);
            out.write(marker);
        }

        private void segment(int marker, int parametersLength) {
            marker(marker);
            uint16(parametersLength + 2);
        }

        private void uint16(int value) {
            out.write(value >> 8);
            out.write(value & 0xFF);
        }
    }
}
