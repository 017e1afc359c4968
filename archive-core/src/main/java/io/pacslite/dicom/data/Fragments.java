package io.pacslite.dicom.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item followed by the fragment
 * items, each held as {@code byte[]} or as a {@link BulkData} reference into the file.
 * Element 0 is the offset table (possibly empty).
 */
public final class Fragments extends AbstractList<Object> implements RandomAccess {

    private final List<Object> items = new ArrayList<>(4);

    /** Adds an item: {@code byte[]} or {@link BulkData}. */
    @Override
    public boolean add(Object item) {
        if (!(item instanceof byte[]) && !(item instanceof BulkData)) {
            throw new IllegalArgumentException("a fragment is byte[] or BulkData, not " + item);
        }
        return items.add(item);
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /**
     * The items as encoded in a Little Endian stream (PS3.5 A.4): each an Item tag, its
     * length and its bytes, without the closing Sequence Delimitation Item. All items must
     * be loaded.
     */
    public byte[] encodeItems() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object item : items) {
            byte[] bytes = (byte[]) item;
            out.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0,
                (byte) bytes.length, (byte) (bytes.length >>> 8), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 24)});
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** Length of item {@code index} in bytes. */
    public long lengthOf(int index) {
        Object item = items.get(index);
        return item instanceof byte[] bytes ? bytes.length : ((BulkData) item).length();
    }
}
