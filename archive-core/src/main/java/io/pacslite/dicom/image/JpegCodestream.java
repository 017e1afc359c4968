package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * The marker segments of a JPEG (ITU-T T.81 B.1.1) or JPEG-LS (ITU-T T.87 C.1) codestream,
 * read in order. Every segment's length is checked against the data before its parameters are
 * read, so a length that lies is an error, never a read past the frame.
 */
final class JpegCodestream {

    /** Start of image (T.81 B.1.1.3). */
    static final int SOI = 0xD8;
    /** End of image. */
    static final int EOI = 0xD9;
    /** Start of scan (T.81 B.2.3). */
    static final int SOS = 0xDA;
    /** Define Huffman tables (T.81 B.2.4.2). */
    static final int DHT = 0xC4;
    /** Define restart interval (T.81 B.2.4.4). */
    static final int DRI = 0xDD;
    /** The first restart marker RST0; RST7 is {@code RST0 + 7} (T.81 B.1.1.3). */
    static final int RST0 = 0xD0;

    private final byte[] data;
    private int position;

    /** A codestream that must start with SOI. */
    JpegCodestream(byte[] data) throws DicomException {
        if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw new DicomException("it does not start with the SOI marker FFD8", -1);
        }
        this.data = data;
        this.position = 2;
    }

    /** The codestream's bytes. */
    byte[] data() {
        return data;
    }

    /** The position of the next byte to read. */
    int position() {
        return position;
    }

    /**
     * The second byte of the next marker, read from {@code from} on (where a scan's entropy-coded
     * data ended); bytes before the marker's 0xFF and fill bytes 0xFF are skipped (T.81 B.1.1.2).
     */
    int nextMarker(int from) throws DicomException {
        position = from;
        while (position < data.length && (data[position] & 0xFF) != 0xFF) {
            position++;
        }
        while (position < data.length && (data[position] & 0xFF) == 0xFF) {
            position++;
        }
        if (position >= data.length) {
            throw new DicomException("it ends without the EOI marker FFD9", -1);
        }
        return data[position++] & 0xFF;
    }

    /** The next marker right after the previous segment. */
    int nextMarker() throws DicomException {
        if (position >= data.length || (data[position] & 0xFF) != 0xFF) {
            throw new DicomException("no marker at byte " + position + " where one must follow a segment", -1);
        }
        return nextMarker(position);
    }

    /** The marker segment that follows the marker just read: its length (which counts itself) checked. */
    Segment segment(String name) throws DicomException {
        if (position + 2 > data.length) {
            throw new DicomException("the " + name + " segment has no length", -1);
        }
        int length = (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
        if (length < 2 || position + length > data.length) {
            throw new DicomException("the " + name + " segment's length " + length + " does not fit the "
                    + (data.length - position) + " bytes left", -1);
        }
        Segment segment = new Segment(name, data, position + 2, position + length);
        position += length;
        return segment;
    }

    /** The parameters of one marker segment, read in order; reading past its end is an error. */
    static final class Segment {

        private final String name;
        private final byte[] data;
        private final int end;
        private int position;

        private Segment(String name, byte[] data, int start, int end) {
            this.name = name;
            this.data = data;
            this.position = start;
            this.end = end;
        }

        /** The next 8-bit parameter. */
        int uint8() throws DicomException {
            if (position >= end) {
                throw new DicomException("the " + name + " segment is shorter than its parameters", -1);
            }
            return data[position++] & 0xFF;
        }

        /** The next 16-bit parameter (big endian, T.81 B.1.1.4). */
        int uint16() throws DicomException {
            return uint8() << 8 | uint8();
        }

        /** Whether parameters are left. */
        boolean hasMore() {
            return position < end;
        }

        /** A segment's name for messages, like "SOF3". */
        String name() {
            return name;
        }
    }
}
