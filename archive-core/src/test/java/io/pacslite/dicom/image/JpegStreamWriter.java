package io.pacslite.dicom.image;

import java.io.ByteArrayOutputStream;

/**
 * The byte level of the test encoders' JPEG codestreams (ITU-T T.81 B.1): markers, segment
 * lengths, and entropy-coded bits, most significant first, with a 0x00 stuffed after each 0xFF
 * (F.1.2.3).
 */
final class JpegStreamWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int bitBuffer;
    private int bitCount;

    /** Marker {@code 0xFF marker}. */
    void marker(int marker) {
        out.write(0xFF);
        out.write(marker);
    }

    /** A marker and the length of a segment of {@code parametersLength} bytes of parameters. */
    void segment(int marker, int parametersLength) {
        marker(marker);
        uint16(parametersLength + 2);
    }

    /** One byte. */
    void uint8(int value) {
        out.write(value);
    }

    /** Two bytes, big endian. */
    void uint16(int value) {
        out.write(value >> 8);
        out.write(value & 0xFF);
    }

    /** The low {@code count} bits of {@code value}. */
    void bits(int value, int count) {
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
    void padToByte() {
        if (bitCount > 0) {
            bits(0xFF, 8 - bitCount);
        }
    }

    /** The bytes written. */
    byte[] toByteArray() {
        return out.toByteArray();
    }
}
