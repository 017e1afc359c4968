package io.pacslite.dicom.io;

import java.io.IOException;
import java.io.OutputStream;

/** Writes element headers in a byte order through a small buffer; values go straight through. */
final class DicomOutput {

    private final OutputStream out;
    private final byte[] header = new byte[12];
    private boolean bigEndian;

    DicomOutput(OutputStream out) {
        this.out = out;
    }

    OutputStream stream() {
        return out;
    }

    void setBigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    boolean isBigEndian() {
        return bigEndian;
    }

    /** Tag and 32-bit length: the Implicit VR header (PS3.5 7.1.3), also used for items and delimiters. */
    void writeImplicitHeader(int tag, int length) throws IOException {
        putTag(tag);
        putInt(4, length);
        out.write(header, 0, 8);
    }

    /** Explicit VR header with a 16-bit length (PS3.5 Table 7.1-2). */
    void writeShortExplicitHeader(int tag, int vrCode, int length) throws IOException {
        putTag(tag);
        header[4] = (byte) (vrCode >>> 8);
        header[5] = (byte) vrCode;
        putShort(6, length);
        out.write(header, 0, 8);
    }

    /** Explicit VR header with two reserved bytes and a 32-bit length (PS3.5 Table 7.1-1). */
    void writeLongExplicitHeader(int tag, int vrCode, int length) throws IOException {
        putTag(tag);
        header[4] = (byte) (vrCode >>> 8);
        header[5] = (byte) vrCode;
        header[6] = 0;
        header[7] = 0;
        putInt(8, length);
        out.write(header, 0, 12);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    private void putTag(int tag) {
        putShort(0, tag >>> 16);
        putShort(2, tag);
    }

    private void putShort(int at, int value) {
        if (bigEndian) {
            header[at] = (byte) (value >>> 8);
            header[at + 1] = (byte) value;
        } else {
            header[at] = (byte) value;
            header[at + 1] = (byte) (value >>> 8);
        }
    }

    private void putInt(int at, int value) {
        if (bigEndian) {
            putShort(at, value >>> 16);
            putShort(at + 2, value);
        } else {
            putShort(at, value);
            putShort(at + 2, value >>> 16);
        }
    }
}
