package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * The bits of a scan's entropy-coded data, most significant first, with the stuffing that keeps
 * markers out of it removed: a 0x00 byte after each 0xFF in JPEG (ITU-T T.81 F.1.2.3), a 0 bit
 * at the top of the byte after each 0xFF in JPEG-LS (ITU-T T.87 A.1). A marker ends the data:
 * reading into it means the frame ended before its last sample, and is an error.
 */
final class EntropyCodedBits {

    /** How a 0xFF data byte is kept apart from a marker. */
    enum Stuffing {
        /** T.81: 0xFF 0x00 is a data byte 0xFF; 0xFF and any other byte is a marker. */
        BYTE,
        /** T.87: after 0xFF, a byte below 0x80 holds 7 data bits; one from 0x80 up is a marker's second byte. */
        BIT
    }

    private final byte[] data;
    private final Stuffing stuffing;
    private int position;
    private int current;
    private int available;
    private boolean afterFF;

    EntropyCodedBits(byte[] data, int start, Stuffing stuffing) {
        this.data = data;
        this.position = start;
        this.stuffing = stuffing;
    }

    /** The next bit. */
    int readBit() throws DicomException {
        if (available == 0) {
            fill();
        }
        available--;
        return (current >>> available) & 1;
    }

    /** The next {@code count} bits (at most 31) as an unsigned number. */
    int readBits(int count) throws DicomException {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value = value << 1 | readBit();
        }
        return value;
    }

    /**
     * The next {@code size} bits (0 to 15) as the signed value they code: RECEIVE(SIZE) then
     * EXTEND (T.81 F.2.2.1, Figure F.12), so that values below 2^(SIZE-1) are negative.
     */
    int receiveExtend(int size) throws DicomException {
        if (size == 0) {
            return 0;
        }
        int value = readBits(size);
        return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
    }

    /** Skips the rest of the current byte (before a restart marker, and at the end of a scan). */
    void alignToByte() {
        available = 0;
    }

    /** The position after the bytes read so far. */
    int position() {
        return position;
    }

    /** Reads restart marker RSTn, {@code n} from 0 to 7, after the data of a restart interval (T.81 B.2.1, E.2.4). */
    void readRestartMarker(int n) throws DicomException {
        available = 0;
        afterFF = false;
        if (position + 1 >= data.length || (data[position] & 0xFF) != 0xFF) {
            throw new DicomException("restart marker RST" + n + " is missing at byte " + position, -1);
        }
        while (position + 1 < data.length && (data[position + 1] & 0xFF) == 0xFF) {
            position++;
        }
        if (position + 1 >= data.length || (data[position + 1] & 0xFF) != JpegCodestream.RST0 + n) {
            throw new DicomException("restart marker RST" + n + " is missing at byte " + position, -1);
        }
        position += 2;
    }

    private void fill() throws DicomException {
        if (position >= data.length) {
            throw new DicomException("the entropy-coded data ends before the frame's last sample", -1);
        }
        int value = data[position] & 0xFF;
        if (stuffing == Stuffing.BIT && afterFF) {
            if (value >= 0x80) {
                throw markerReached(value);
            }
            current = value;
            available = 7;
            position++;
        } else if (stuffing == Stuffing.BYTE && value == 0xFF) {
            int next = position + 1 < data.length ? data[position + 1] & 0xFF : -1;
            if (next != 0) {
                throw markerReached(next);
            }
            current = value;
            available = 8;
            position += 2;
        } else {
            current = value;
            available = 8;
            position++;
        }
        afterFF = value == 0xFF;
    }

    private DicomException markerReached(int marker) {
        return new DicomException("the entropy-coded data ends at marker FF" + Integer.toHexString(marker).toUpperCase()
                + " before the frame's last sample", -1);
    }
}
