package io.pacslite.dicom.dump;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.VRResolution;
import java.io.PrintWriter;
import java.util.HexFormat;

/**
 * Prints data sets one element a line, the way dcmdump does: tag, VR, value (text in
 * brackets, numbers bare, binary as hex), then length, VM and keyword. Items of sequences
 * and pixel data fragments are indented below their element.
 */
public final class DumpWriter {

    /** Values longer than this many characters are cut and end in "...". */
    private static final int MAX_VALUE_WIDTH = 64;
    private static final int MAX_HEX_BYTES = 16;

    private final PrintWriter out;
    private boolean inFull;

    public DumpWriter(PrintWriter out) {
        this.out = out;
    }

    /** Prints every value whole, as dcmdump +L does, instead of cutting long ones. */
    public DumpWriter printValuesInFull() {
        this.inFull = true;
        return this;
    }

    /** Prints every element of {@code dataset}, starting at indentation {@code depth}. */
    public void write(Attributes dataset, int depth) {
        for (int i = 0; i < dataset.size(); i++) {
            int tag = dataset.tagAt(i);
            Object value = dataset.valueAt(i);
            VR vr = VRResolution.presentedVR(tag, dataset.vrAt(i), value, dataset);
            switch (value) {
                case Sequence sequence -> writeSequence(tag, vr, sequence, depth);
                case Fragments fragments -> writeFragments(tag, vr, fragments, depth);
                case BulkData bulk -> line(depth, tag, vr, "(" + bulk.length() + " bytes at offset " + bulk.offset() + ")",
                        bulk.length(), 1);
                case byte[] bytes -> line(depth, tag, vr, render(dataset, vr, bytes), bytes.length, multiplicity(dataset, vr, bytes));
                default -> throw new IllegalStateException("unexpected value " + value.getClass());
            }
        }
    }

    private void writeSequence(int tag, VR vr, Sequence sequence, int depth) {
        line(depth, tag, vr, "(Sequence with " + (sequence.hasUndefinedLength() ? "undefined" : "explicit")
                + " length #=" + sequence.size() + ")", -1, 1);
        for (Attributes item : sequence) {
            indent(depth + 1);
            out.println("(FFFE,E000) na (Item with " + item.size() + " elements)");
            write(item, depth + 2);
        }
    }

    private void writeFragments(int tag, VR vr, Fragments fragments, int depth) {
        line(depth, tag, vr, "(PixelSequence #=" + fragments.size() + ")", -1, 1);
        for (int i = 0; i < fragments.size(); i++) {
            Object fragment = fragments.get(i);
            String shown = fragment instanceof byte[] bytes
                    ? bytes.length == 0 ? "(no value available)" : hex(bytes, false, false)
                    : "(" + fragments.lengthOf(i) + " bytes in file)";
            indent(depth + 1);
            out.println("(FFFE,E000) pi " + shown + "  # " + fragments.lengthOf(i) + (i == 0 ? ", offset table" : ""));
        }
    }

    private void line(int depth, int tag, VR vr, String value, long length, int multiplicity) {
        indent(depth);
        String keyword = Tags.isPrivateCreator(tag) ? "PrivateCreator" : ElementDictionary.keywordOf(tag);
        String shown = !inFull && value.length() > MAX_VALUE_WIDTH ? value.substring(0, MAX_VALUE_WIDTH) + "..." : value;
        StringBuilder text = new StringBuilder(96);
        text.append(Tags.toString(tag)).append(' ').append(vr.name()).append(' ').append(shown);
        while (text.length() < 56) {
            text.append(' ');
        }
        text.append(" # ").append(length < 0 ? "u/l" : Long.toString(length)).append(", ").append(multiplicity)
                .append(' ').append(keyword.isEmpty() ? "Unknown" : keyword);
        out.println(text);
    }

    private String render(Attributes dataset, VR vr, byte[] bytes) {
        if (bytes.length == 0) {
            return "(no value available)";
        }
        return switch (vr.kind()) {
            case TEXT -> "[" + String.join("\\", dataset.decodeStrings(bytes, vr)) + "]";
            case BINARY -> vr == VR.AT ? tags(dataset.decodeLongs(bytes, vr))
                    : String.join("\\", dataset.decodeStrings(bytes, vr));
            case BULK, SEQUENCE -> hex(bytes, vr == VR.OW, dataset.isBigEndian());
        };
    }

    private static int multiplicity(Attributes dataset, VR vr, byte[] bytes) {
        if (bytes.length == 0) {
            return 0;
        }
        return vr.isBulk() ? 1 : dataset.decodeStrings(bytes, vr).length;
    }

    /** Attribute Tag values as "(gggg,eeee)", as dcmdump prints them. */
    private static String tags(long[] tags) {
        StringBuilder text = new StringBuilder(tags.length * 12);
        for (long tag : tags) {
            text.append(text.isEmpty() ? "" : "\\").append(Tags.toString((int) tag));
        }
        return text.toString();
    }

    /**
     * Binary values in hex, as dcmdump prints them: bytes, or for OW 16-bit words in the data
     * set's byte order (an odd last byte as if padded, PS3.5 7.1.1).
     */
    private String hex(byte[] bytes, boolean words, boolean bigEndian) {
        int unit = words ? 2 : 1;
        int units = (bytes.length + unit - 1) / unit;
        int shown = inFull ? units : Math.min(units, MAX_HEX_BYTES / unit);
        StringBuilder text = new StringBuilder(shown * (2 * unit + 1));
        HexFormat format = HexFormat.of();
        for (int i = 0; i < shown; i++) {
            text.append(i > 0 ? "\\" : "");
            if (words) {
                int first = bytes[2 * i] & 0xFF;
                int second = 2 * i + 1 < bytes.length ? bytes[2 * i + 1] & 0xFF : 0;
                text.append(format.toHexDigits((short) (bigEndian ? first << 8 | second : second << 8 | first)));
            } else {
                text.append(format.toHexDigits(bytes[i]));
            }
        }
        return shown < units ? text + "..." : text.toString();
    }

    private void indent(int depth) {
        for (int i = 0; i < depth; i++) {
            out.print("  ");
        }
    }
}
