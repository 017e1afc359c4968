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

    /**
     * A frame header (T.81 B.2.2) with start of frame marker {@code marker}: component c has
     * identifier c + 1, sampling factors {@code sampling[c]} (Hi << 4 | Vi) and quantization table 0.
     */
    void frameHeader(int marker, int precision, int rows, int columns, int[] sampling) {
        segment(marker, 6 + 3 * sampling.length);
        uint8(precision);
        uint16(rows);
        uint16(columns);
        uint8(sampling.length);
        for (int c = 0; c < sampling.length; c++) {
            uint8(c + 1);
            uint8(sampling[c]);
            uint8(0);
        }
    }

    /** A DHT segment (T.81 B.2.4.2) of one table, class {@code tableClass} number 0, whose codes all have {@code codeLength} bits. */
    void huffmanTable(int tableClass, int codeLength, int[] values) {
        segment(0xC4, 1 + 16 + values.length);
        uint8(tableClass << 4);
        for (int length = 1; length <= 16; length++) {
            uint8(length == codeLength ? values.length : 0);
        }
        for (int value : values) {
            uint8(value);
        }
    }

    /** A scan header (T.81 B.2.3) of the components at {@code scanned} (frame order), with Huffman tables 0 and Ah = Al = 0. */
    void scanHeader(int[] scanned, int spectralStart, int spectralEnd) {
        segment(0xDA, 4 + 2 * scanned.length);
        uint8(scanned.length);
        for (int c : scanned) {
            uint8(c + 1);
            uint8(0);
        }
        uint8(spectralStart);
        uint8(spectralEnd);
        uint8(0);
    }

    /** The components of each scan: all of them in one, or each in its own. */
    static int[][] scans(int components, boolean scanPerComponent) {
        if (scanPerComponent) {
            int[][] scans = new int[components][];
            for (int c = 0; c < components; c++) {
                scans[c] = new int[] {c};
            }
            return scans;
        }
        int[] all = new int[components];
        for (int c = 0; c < components; c++) {
            all[c] = c;
        }
        return new int[][] {all};
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
