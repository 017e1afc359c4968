package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.io.DicomException;
import java.io.IOException;

/**
 * A lookup table as PS3.3 describes them (C.11.1.1.1 for Modality and VOI LUTs, C.7.6.3.1.5
 * for palettes): a descriptor of three values (number of entries, 0 meaning 65536; the first
 * input value mapped; bits per entry) and the entries. Inputs below the first mapped value
 * take the first entry, inputs past the last take the last.
 *
 * @param firstMapped the input value of the first entry
 * @param entries the output values
 * @param bitsPerEntry how many bits each output value has
 */
public record LookupTable(long firstMapped, int[] entries, int bitsPerEntry) {

    /** The output for input {@code value}. */
    public int lookup(long value) {
        long index = value - firstMapped;
        return entries[(int) Math.max(0, Math.min(entries.length - 1, index))];
    }

    /** The largest output the entries can hold: 2^bitsPerEntry - 1. */
    public int maxOutput() {
        return (1 << bitsPerEntry) - 1;
    }

    /**
     * Reads a table from a descriptor and its data, elements of {@code dataset}. Entries are 16-bit
     * words (US or OW), except a palette's of 8 bits, which are single bytes (PS3.3
     * C.7.6.3.1.6). A first mapped value is signed when the pixels are (Pixel Representation 1).
     */
    static LookupTable read(Attributes dataset, int descriptorTag, int dataTag, boolean packedBytes, boolean signedInput)
            throws IOException {
        long[] descriptor = dataset.getLongs(descriptorTag);
        Object value = dataset.getValue(dataTag);
        if (descriptor.length != 3 || value == null) {
            throw new DicomException("lookup table " + Tags.toString(descriptorTag) + " needs a descriptor of 3 values and its data", -1);
        }
        int count = descriptor[0] == 0 ? 65536 : (int) (descriptor[0] & 0xFFFF);
        long first = signedInput ? (short) descriptor[1] : descriptor[1] & 0xFFFF;
        int bits = (int) descriptor[2];
        if (bits < 1 || bits > 16) {
            throw new DicomException("lookup table " + Tags.toString(descriptorTag) + " has entries of " + bits + " bits", -1);
        }
        boolean bytes = packedBytes && bits == 8;
        int needed = bytes ? count : 2 * count;
        long length = PixelBytes.length(value);
        if (length < needed) {
            throw new DicomException("lookup table " + Tags.toString(dataTag) + " has " + length + " bytes for " + count
                    + " entries of " + bits + " bits", -1);
        }
        // Large LUT Data may have been left in the file like Pixel Data.
        byte[] data = PixelBytes.read(value, 0, needed);
        int[] entries = new int[count];
        for (int i = 0; i < count; i++) {
            entries[i] = bytes ? data[i] & 0xFF : word(data, 2 * i, dataset.isBigEndian());
        }
        return new LookupTable(first, entries, bits);
    }

    private static int word(byte[] data, int at, boolean bigEndian) {
        int first = data[at] & 0xFF;
        int second = data[at + 1] & 0xFF;
        return bigEndian ? first << 8 | second : second << 8 | first;
    }
}
