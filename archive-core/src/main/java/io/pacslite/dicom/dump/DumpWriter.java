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
            String shown = fragment instanceof byte[] bytes ? hex(bytes, inFull) : "(" + fragments.lengthOf(i) + " bytes in file)";
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
            case BINARY -> String.join("\\", dataset.decodeStrings(bytes, vr));
            case BULK, SEQUENCE -> hex(bytes, inFull);
        };
    }

    private static int multiplicity(Attributes dataset, VR vr, byte[] bytes) {
        if (bytes.length == 0) {
            return 0;
        }
        return vr.isBulk() ? 1 : dataset.decodeStrings(bytes, vr).length;
    }

    private static String hex(byte[] bytes, boolean inFull) {
        int shown = inFull ? bytes.length : Math.min(bytes.length, MAX_HEX_BYTES);
        StringBuilder text = new StringBuilder(shown * 3);
        HexFormat format = HexFormat.of();
        for (int i = 0; i < shown; i++) {
            text.append(i > 0 ? "\\" : "").append(format.toHexDigits(bytes[i]));
        }
        return shown < bytes.length ? text + "..." : text.toString();
    }

    private void indent(int depth) {
        for (int i = 0; i < depth; i++) {
            out.print("  ");
        }
    }
}
