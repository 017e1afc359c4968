package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * A Huffman table of a JPEG codestream: the number of codes of each length from 1 to 16 and
 * the value of each code (the DHT segment, ITU-T T.81 B.2.4.2), with the codes generated as
 * in T.81 Annex C and decoded as in F.2.2.3 (MINCODE, MAXCODE, VALPTR).
 */
final class HuffmanTable {

    private static final int MAX_LENGTH = 16;

    private final int[] minCode = new int[MAX_LENGTH + 1];
    private final int[] maxCode = new int[MAX_LENGTH + 1];
    private final int[] valuePointer = new int[MAX_LENGTH + 1];
    private final int[] values;

    private HuffmanTable(int[] counts, int[] values) throws DicomException {
        this.values = values;
        int code = 0;
        int k = 0;
        for (int length = 1; length <= MAX_LENGTH; length++) {
            valuePointer[length] = k;
            minCode[length] = code;
            code += counts[length];
            k += counts[length];
            maxCode[length] = counts[length] == 0 ? -1 : code - 1;
            if (code > 1 << length) {
                throw new DicomException("a Huffman table has more codes of " + length + " bits than there are", -1);
            }
            code <<= 1;
        }
    }

    /**
     * The table number {@code id} of {@code defined} that a scan header selects (T.81 B.2.3);
     * {@code kind} ("DC", "AC", or empty for the lossless process's one kind) names it in the
     * refusal when no DHT segment defined it.
     */
    static HuffmanTable selected(HuffmanTable[] defined, int id, String kind) throws DicomException {
        if (id > 3 || defined[id] == null) {
            throw new DicomException("a scan uses " + (kind.isEmpty() ? "" : kind + " ") + "Huffman table " + id
                    + ", which no DHT segment defines", -1);
        }
        return defined[id];
    }

    /**
     * Reads the tables of a DHT segment (T.81 B.2.4.2) into {@code tables[Tc][Th]}: class Tc 0
     * (DC or lossless) or 1 (AC), of which the process has {@code tables.length}, number Th 0 to 3.
     */
    static void readSegment(JpegCodestream.Segment segment, HuffmanTable[][] tables) throws DicomException {
        while (segment.hasMore()) {
            int classAndId = segment.uint8();
            int tableClass = classAndId >> 4;
            int id = classAndId & 0x0F;
            if (tableClass >= tables.length || id > 3) {
                throw new DicomException("a DHT segment defines table class " + tableClass + " number " + id
                        + ", not class 0 to " + (tables.length - 1) + ", number 0 to 3", -1);
            }
            tables[tableClass][id] = read(segment);
        }
    }

    /** Reads one table's Li and Vi,j from a DHT segment, after its Tc and Th (T.81 B.2.4.2). */
    private static HuffmanTable read(JpegCodestream.Segment segment) throws DicomException {
        int[] counts = new int[MAX_LENGTH + 1];
        int total = 0;
        for (int length = 1; length <= MAX_LENGTH; length++) {
            counts[length] = segment.uint8();
            total += counts[length];
        }
        if (total > 256) {
            throw new DicomException("a Huffman table has " + total + " codes, more than 256", -1);
        }
        int[] values = new int[total];
        for (int i = 0; i < total; i++) {
            values[i] = segment.uint8();
        }
        return new HuffmanTable(counts, values);
    }

    /** The value of the next code in {@code bits} (T.81 F.2.2.3, Figure F.16). */
    int decode(EntropyCodedBits bits) throws DicomException {
        int code = 0;
        for (int length = 1; length <= MAX_LENGTH; length++) {
            code = code << 1 | bits.readBit();
            if (code <= maxCode[length]) {
                return values[valuePointer[length] + code - minCode[length]];
            }
        }
        throw new DicomException("the entropy-coded data holds a code that is not in its Huffman table", -1);
    }
}
