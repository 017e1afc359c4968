package io.pacslite.dicom.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The value of an SQ element: a list of items, each a data set (PS3.5 7.5). Remembers how
 * it was encoded, so that a file read and written again keeps its bytes: whether the
 * sequence and each item had undefined length, and whether the items are Implicit VR Little
 * Endian whatever the transfer syntax (a UN element of undefined length, PS3.5 6.2.2).
 */
public final class Sequence extends AbstractList<Attributes> implements RandomAccess {

    private final List<Attributes> items = new ArrayList<>(4);
    private final List<Boolean> itemUndefinedLength = new ArrayList<>(4);
    private boolean undefinedLength;
    private final boolean implicitLittleEndianItems;
    private Attributes owner;

    /** An empty sequence that will be written with undefined length. */
    public Sequence() {
        this(true, false);
    }

    /**
     * @param undefinedLength whether the sequence was (or is to be) encoded with undefined length
     * @param implicitLittleEndianItems whether the items are Implicit VR Little Endian
     *     regardless of the transfer syntax (UN of undefined length, PS3.5 6.2.2)
     */
    public Sequence(boolean undefinedLength, boolean implicitLittleEndianItems) {
        this.undefinedLength = undefinedLength;
        this.implicitLittleEndianItems = implicitLittleEndianItems;
    }

    public boolean hasUndefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    public boolean hasImplicitLittleEndianItems() {
        return implicitLittleEndianItems;
    }

    /** Whether item {@code index} was encoded with undefined length. */
    public boolean itemHasUndefinedLength(int index) {
        return itemUndefinedLength.get(index);
    }

    /** Adds an item; it will be written with undefined length. */
    @Override
    public boolean add(Attributes item) {
        return addItem(item, true);
    }

    /** Adds an item read from a stream, remembering its length encoding. */
    public boolean addItem(Attributes item, boolean itemUndefined) {
        item.setParent(owner);
        items.add(item);
        itemUndefinedLength.add(itemUndefined);
        return true;
    }

    @Override
    public Attributes get(int index) {
        return items.get(index);
    }

    @Override
    public Attributes remove(int index) {
        itemUndefinedLength.remove(index);
        return items.remove(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** The data set that holds this sequence. */
    public Attributes owner() {
        return owner;
    }

    void attachTo(Attributes owner) {
        this.owner = owner;
        for (Attributes item : items) {
            item.setParent(owner);
        }
    }
}
