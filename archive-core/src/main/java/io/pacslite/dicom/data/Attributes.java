package io.pacslite.dicom.data;

import io.pacslite.dicom.text.SpecificCharacterSet;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A data set or a sequence item (PS3.5 section 7): data elements kept in ascending tag order
 * in parallel arrays, found by binary search.
 *
 * <p>Values are kept as they were read until asked for: {@code byte[]} in this data set's
 * byte order, a {@link Sequence}, {@link Fragments} for encapsulated pixel data (PS3.5 A.4),
 * or a {@link BulkData} reference to bytes left in the file. Text is decoded with the
 * {@link SpecificCharacterSet} in effect (PS3.5 6.1.2.3): this data set's own, or else the
 * enclosing one's. Not thread-safe for writing.
 */
public final class Attributes {

    private static final int[] NO_TAGS = {};
    private static final VR[] NO_VRS = {};
    private static final Object[] NO_VALUES = {};
    static final byte[] EMPTY = {};

    private int[] tags = NO_TAGS;
    private VR[] vrs = NO_VRS;
    private Object[] values = NO_VALUES;
    private int size;
    private final boolean bigEndian;
    private Attributes parent;
    private SpecificCharacterSet characterSet;

    /** An empty, little endian data set. */
    public Attributes() {
        this(false, 16);
    }

    /**
     * An empty data set whose binary values are held in the given byte order.
     *
     * @param initialCapacity how many elements to make room for
     */
    public Attributes(boolean bigEndian, int initialCapacity) {
        this.bigEndian = bigEndian;
        if (initialCapacity > 0) {
            tags = new int[initialCapacity];
            vrs = new VR[initialCapacity];
            values = new Object[initialCapacity];
        }
    }

    /** Whether binary values held as bytes are big endian (Explicit VR Big Endian, retired). */
    public boolean isBigEndian() {
        return bigEndian;
    }

    /** The data set that holds the sequence this item belongs to; null at the top level. */
    public Attributes parent() {
        return parent;
    }

    void setParent(Attributes parent) {
        this.parent = parent;
        this.characterSet = null;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The tag of the element at {@code index} (0 .. size-1), in ascending order. */
    public int tagAt(int index) {
        checkIndex(index);
        return tags[index];
    }

    public VR vrAt(int index) {
        checkIndex(index);
        return vrs[index];
    }

    /** The raw value at {@code index}: byte[], Sequence, Fragments, BulkData. */
    public Object valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    /** The position of {@code tag}, or a negative number (-(insertion point) - 1) if absent. */
    public int indexOf(int tag) {
        int n = size;
        if (n > 0 && Integer.compareUnsigned(tags[n - 1], tag) < 0) {
            return -n - 1;
        }
        int low = 0;
        int high = n - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = Integer.compareUnsigned(tags[mid], tag);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** The VR of {@code tag}, or null if absent. */
    public VR vrOf(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? vrs[i] : null;
    }

    /** The raw value of {@code tag} (see {@link #valueAt}), or null if absent. */
    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? values[i] : null;
    }

    /** The raw bytes of {@code tag}, or null if absent or not held as bytes. */
    public byte[] getBytes(int tag) {
        return getValue(tag) instanceof byte[] bytes ? bytes : null;
    }

    /** The sequence at {@code tag}, or null. */
    public Sequence getSequence(int tag) {
        return getValue(tag) instanceof Sequence sequence ? sequence : null;
    }

    /**
     * Sets {@code tag} to a raw value (byte[] in this data set's byte order, Sequence,
     * Fragments or BulkData; null means an empty value), replacing any value it had.
     */
    public void set(int tag, VR vr, Object value) {
        Object stored = value == null ? EMPTY : value;
        if (stored instanceof Sequence sequence) {
            sequence.attachTo(this);
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = stored;
        } else {
            insert(-i - 1, tag, vr, stored);
        }
        if (tag == io.pacslite.dicom.dict.Tag.SpecificCharacterSet) {
            characterSet = null;
        }
    }

    /** Sets a text value (several values joined with backslashes), encoded with this data set's character set. */
    public void setString(int tag, VR vr, String... strings) {
        String joined = String.join("\\", strings);
        byte[] bytes = vr.usesSpecificCharacterSet()
                ? specificCharacterSet().encode(joined, vr == VR.PN)
                : joined.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        set(tag, vr, ValueCodec.padToEven(bytes, vr));
    }

    /** Sets binary integer values (US, SS, UL, SL, SV, UV, AT) or IS text values. */
    public void setInts(int tag, VR vr, long... ints) {
        set(tag, vr, ValueCodec.encodeInts(ints, vr, bigEndian));
    }

    /** Sets binary floating point values (FL, FD, OF, OD) or DS text values. */
    public void setDoubles(int tag, VR vr, double... doubles) {
        set(tag, vr, ValueCodec.encodeDoubles(doubles, vr, bigEndian));
    }

    /** Removes {@code tag}; returns whether it was there. */
    public boolean remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        if (tag == io.pacslite.dicom.dict.Tag.SpecificCharacterSet) {
            characterSet = null;
        }
        return true;
    }

    /** Removes every element whose tag matches. */
    public void removeIf(IntPredicate matches) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!matches.test(tags[i])) {
                tags[kept] = tags[i];
                vrs[kept] = vrs[i];
                values[kept] = values[i];
                kept++;
            }
        }
        Arrays.fill(values, kept, size, null);
        size = kept;
        characterSet = null;
    }

    /**
     * Appends an element read from a stream. Elements normally arrive in ascending order
     * (PS3.5 7.1); one out of order is inserted in place, and a repeated tag replaces the
     * earlier value.
     */
    public void add(int tag, VR vr, Object value) {
        if (size == 0 || Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            if (value instanceof Sequence sequence) {
                sequence.attachTo(this);
            }
            insert(size, tag, vr, value == null ? EMPTY : value);
        } else {
            set(tag, vr, value);
        }
    }

    // ---- typed access -------------------------------------------------------------------

    /**
     * The Specific Character Set in effect for this data set: its own (0008,0005), else the
     * enclosing data set's, else the default repertoire (PS3.5 6.1.2.3; PS3.3 C.12.1.1.2).
     */
    public SpecificCharacterSet specificCharacterSet() {
        SpecificCharacterSet result = characterSet;
        if (result == null) {
            int i = indexOf(io.pacslite.dicom.dict.Tag.SpecificCharacterSet);
            if (i >= 0 && values[i] instanceof byte[] bytes) {
                result = SpecificCharacterSet.of(ValueCodec.splitAscii(bytes));
            } else {
                result = parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.DEFAULT;
            }
            characterSet = result;
        }
        return result;
    }

    /**
     * Decodes a value as if it were an element of this data set with the given VR: text
     * with this data set's character set, binary numbers in its byte order.
     */
    public String[] decodeStrings(byte[] value, VR vr) {
        return ValueCodec.decodeStrings(value, vr, bigEndian, this);
    }

    /** Decodes integer values (see {@link #getLongs}) of a value in this data set's byte order. */
    public long[] decodeLongs(byte[] value, VR vr) {
        return ValueCodec.decodeLongs(value, vr, bigEndian);
    }

    /** Decodes numeric values (see {@link #getDoubles}) of a value in this data set's byte order. */
    public double[] decodeDoubles(byte[] value, VR vr) {
        return ValueCodec.decodeDoubles(value, vr, bigEndian);
    }

    /** All values of a text element, decoded and with padding removed; empty array if absent or empty. */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] bytes)) {
            return ValueCodec.NO_STRINGS;
        }
        return ValueCodec.decodeStrings(bytes, vrs[i], bigEndian, this);
    }

    /** The first value of an element as text (numbers formatted), or null if absent or empty. */
    public String getString(int tag) {
        String[] strings = getStrings(tag);
        return strings.length > 0 ? strings[0] : null;
    }

    /** The first value of an element as text, or {@code defaultValue}. */
    public String getString(int tag, String defaultValue) {
        String value = getString(tag);
        return value != null ? value : defaultValue;
    }

    /** All values of an integer element (US, SS, UL, SL, SV, UV, IS), or an empty array. */
    public long[] getLongs(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] bytes)) {
            return ValueCodec.NO_LONGS;
        }
        return ValueCodec.decodeLongs(bytes, vrs[i], bigEndian);
    }

    /** The first integer value of {@code tag}, or {@code defaultValue} if absent, empty or not a number. */
    public int getInt(int tag, int defaultValue) {
        try {
            long[] longs = getLongs(tag);
            return longs.length > 0 ? (int) longs[0] : defaultValue;
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** All values of a numeric element (FL, FD, OF, OD, DS and the integer VRs), or an empty array. */
    public double[] getDoubles(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] bytes)) {
            return ValueCodec.NO_DOUBLES;
        }
        return ValueCodec.decodeDoubles(bytes, vrs[i], bigEndian);
    }

    /**
     * The Private Creator that reserves the block of private {@code tag} (PS3.5 7.8.1), or
     * null if the tag is not private or its block has no creator.
     */
    public String privateCreatorOf(int tag) {
        if (!Tags.isPrivate(tag) || Tags.isPrivateCreator(tag)) {
            return null;
        }
        return getString(Tags.privateCreatorOf(tag));
    }

    /**
     * The tag that private element {@code (gggg,00ee)} of {@code creator} has in this data
     * set: {@code (gggg,xxee)} where (gggg,00xx) holds {@code creator}; -1 if no block of
     * group gggg is reserved for that creator (PS3.5 7.8.1).
     */
    public int privateTag(String creator, int group, int elementOffset) {
        for (int block = 0x10; block <= 0xFF; block++) {
            int creatorTag = (group << 16) | block;
            if (creator.equals(getString(creatorTag))) {
                return (group << 16) | (block << 8) | (elementOffset & 0xFF);
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < size; i++) {
            text.append(Tags.toString(tags[i])).append(' ').append(vrs[i]).append('\n');
        }
        return text.toString();
    }

    private void insert(int at, int tag, VR vr, Object value) {
        if (size == tags.length) {
            int capacity = Math.max(16, size * 2);
            tags = Arrays.copyOf(tags, capacity);
            vrs = Arrays.copyOf(vrs, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        if (at < size) {
            System.arraycopy(tags, at, tags, at + 1, size - at);
            System.arraycopy(vrs, at, vrs, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
        }
        tags[at] = tag;
        vrs[at] = vr;
        values[at] = value;
        size++;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
    }
}
