package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.io.DicomException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The compressed bytes of each frame of encapsulated Pixel Data (PS3.5 A.4): one fragment per
 * frame when the counts agree; else the fragments the Basic Offset Table assigns to the frame;
 * else, for a single frame, all fragments together.
 */
final class EncapsulatedFrames {

    /** Length of an Item tag and its length field, counted by Basic Offset Table offsets (PS3.5 A.4). */
    private static final int ITEM_HEADER = 8;

    private final Fragments fragments;
    private final int numberOfFrames;
    private final long[] offsetTable;

    EncapsulatedFrames(Fragments fragments, int numberOfFrames) throws IOException {
        if (fragments.size() < 2) {
            throw new DicomException("encapsulated Pixel Data has no fragments", -1);
        }
        this.fragments = fragments;
        this.numberOfFrames = numberOfFrames;
        this.offsetTable = offsetTable(fragments);
        if (fragments.size() - 1 != numberOfFrames && numberOfFrames > 1 && offsetTable.length != numberOfFrames) {
            throw new DicomException("cannot tell the fragments of each frame: " + (fragments.size() - 1) + " fragments for "
                    + numberOfFrames + " frames and a Basic Offset Table of " + offsetTable.length + " offsets", -1);
        }
    }

    /** The compressed bytes of frame {@code index}. */
    byte[] frame(int index) throws IOException {
        if (fragments.size() - 1 == numberOfFrames) {
            return fragment(index + 1);
        }
        if (numberOfFrames == 1 && offsetTable.length == 0) {
            return concatenate(1, fragments.size());
        }
        long start = offsetTable[index];
        long end = index + 1 < offsetTable.length ? offsetTable[index + 1] : Long.MAX_VALUE;
        int first = -1;
        int last = fragments.size();
        long position = 0;
        for (int i = 1; i < fragments.size(); i++) {
            if (position == start) {
                first = i;
            }
            if (position == end) {
                last = i;
            }
            position += ITEM_HEADER + fragments.lengthOf(i);
        }
        if (first < 0 || last <= first) {
            throw new DicomException("the Basic Offset Table gives frame " + (index + 1) + " offset " + start
                    + ", where no fragment starts", -1);
        }
        return concatenate(first, last);
    }

    private byte[] fragment(int index) throws IOException {
        Object item = fragments.get(index);
        return PixelBytes.read(item, 0, Math.toIntExact(PixelBytes.length(item)));
    }

    private byte[] concatenate(int from, int to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(fragment(i));
        }
        return out.toByteArray();
    }

    /** The Basic Offset Table's offsets (little endian 32-bit values, PS3.5 A.4); empty when there is none. */
    private static long[] offsetTable(Fragments fragments) throws IOException {
        byte[] table = PixelBytes.read(fragments.get(0), 0, Math.toIntExact(PixelBytes.length(fragments.get(0))));
        long[] offsets = new long[table.length / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = PixelBytes.uint32(table, 4 * i);
        }
        return offsets;
    }
}
