package io.pacslite.dicom.io;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.VRResolution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * The element loop of the reader (PS3.5 section 7): data element headers in Implicit or
 * Explicit VR, values, sequences and items of defined or undefined length (7.5), and
 * encapsulated pixel data (A.4). Every length is checked against what remains of its
 * enclosing item or sequence, the input, and the configured limit before anything is read.
 */
final class DatasetParser {

    /** Deeper nesting than this is taken as a corrupt or malicious file. */
    private static final int MAX_DEPTH = 64;

    private final DicomInput input;
    private final Path file;
    private final IntPredicate stopBefore;
    private final BulkDataPolicy bulkDataPolicy;
    private final int bulkDataThreshold;
    private final long maxValueLength;
    private boolean explicitVR;
    private boolean stopped;
    private int depth;

    DatasetParser(DicomInput input, Path file, IntPredicate stopBefore, BulkDataPolicy bulkDataPolicy,
            int bulkDataThreshold, long maxValueLength) {
        this.input = input;
        this.file = file;
        this.stopBefore = stopBefore;
        this.bulkDataPolicy = bulkDataPolicy;
        this.bulkDataThreshold = bulkDataThreshold;
        this.maxValueLength = maxValueLength;
    }

    /** Whether the last top-level read ended at the stop predicate rather than at the end of input. */
    boolean stopped() {
        return stopped;
    }

    /**
     * Reads the top-level data set to the end of input, or up to (not including) the first
     * element the stop predicate accepts.
     */
    void readTopLevel(Attributes into, boolean explicitVR) throws IOException {
        this.explicitVR = explicitVR;
        stopped = false;
        while (!input.atEnd()) {
            int tag = input.readTag();
            if (stopBefore.test(tag)) {
                input.unread(4);
                stopped = true;
                return;
            }
            if (tag == Tags.ITEM_DELIMITATION || tag == Tags.SEQUENCE_DELIMITATION) {
                // Stray delimiters at the top level carry a zero length; dcmtk and pydicom skip them too.
                checkDelimiterLength(tag);
                continue;
            }
            readElement(into, tag, -1);
        }
    }

    /** Reads the elements of one item up to {@code end} (defined length) or its delimiter ({@code end} = -1). */
    private void readItem(Attributes into, long end) throws IOException {
        while (end < 0 || input.position() < end) {
            int tag = input.readTag();
            if (tag == Tags.ITEM_DELIMITATION) {
                checkDelimiterLength(tag);
                if (end < 0) {
                    return;
                }
                continue;
            }
            if (tag == Tags.ITEM || tag == Tags.SEQUENCE_DELIMITATION) {
                throw new DicomException(Tags.toString(tag) + " inside an item: a delimiter is missing", input.position() - 4);
            }
            readElement(into, tag, end);
        }
        if (input.position() != end) {
            throw new DicomException("item content overruns its length by " + (input.position() - end) + " bytes",
                    input.position());
        }
    }

    private void readElement(Attributes into, int tag, long enclosingEnd) throws IOException {
        long headerStart = input.position() - 4;
        VR vr;
        long length;
        if (explicitVR) {
            int code = input.readVRCode();
            VR explicit = VR.ofCode(code);
            if (explicit != null) {
                vr = explicit;
                length = vr.hasLongExplicitHeader() ? readLongLength() : input.readUnsignedShort();
            } else if (isUpperCaseLetters(code)) {
                // An unknown VR from a later edition of the standard: 32-bit length like UN (PS3.5 6.2).
                vr = VR.UN;
                length = readLongLength();
            } else {
                // No VR letters: an Implicit VR element in an Explicit VR stream, as some devices write.
                input.unread(2);
                length = input.readInt() & 0xFFFFFFFFL;
                vr = VRResolution.implicitVR(tag, into, length == 0xFFFFFFFFL);
            }
        } else {
            length = input.readInt() & 0xFFFFFFFFL;
            vr = VRResolution.implicitVR(tag, into, length == 0xFFFFFFFFL);
        }
        boolean undefined = length == 0xFFFFFFFFL;
        if (undefined) {
            readUndefinedLengthValue(into, tag, vr, headerStart);
            return;
        }
        if (vr == VR.SQ || vr == VR.UN && ElementDictionary.vrOf(tag) == VR.SQ) {
            // A public sequence sent as UN keeps its items in Implicit VR Little Endian (PS3.5 6.2.2).
            readSequence(into, tag, vr, containerEnd(tag, length, enclosingEnd, headerStart), vr == VR.UN);
            return;
        }
        checkLength(tag, length, enclosingEnd, headerStart);
        if (vr.isBulk() && length > bulkDataThreshold && bulkDataPolicy != BulkDataPolicy.LOAD) {
            long offset = input.position();
            input.skip(length);
            if (bulkDataPolicy == BulkDataPolicy.REFERENCE) {
                into.add(tag, vr, BulkData.inFile(file, offset, length, input.isBigEndian()));
            }
        } else {
            into.add(tag, vr, input.readBytes(length));
        }
    }

    private long readLongLength() throws IOException {
        input.skip(2);
        return input.readInt() & 0xFFFFFFFFL;
    }

    private void readUndefinedLengthValue(Attributes into, int tag, VR vr, long headerStart) throws IOException {
        switch (vr) {
            case SQ -> readSequence(into, tag, vr, -1, false);
            // UN of undefined length holds Implicit VR Little Endian items (PS3.5 6.2.2, CP-246).
            case UN -> readSequence(into, tag, vr, -1, true);
            case OB, OW -> readFragments(into, tag, vr);
            default -> throw new DicomException("undefined length is not allowed for " + vr + " element "
                    + Tags.toString(tag), headerStart);
        }
    }

    private void readSequence(Attributes into, int tag, VR vr, long end, boolean implicitLittleEndianItems)
            throws IOException {
        if (++depth > MAX_DEPTH) {
            throw new DicomException("sequences nested deeper than " + MAX_DEPTH, input.position());
        }
        Sequence sequence = new Sequence(end < 0, implicitLittleEndianItems);
        into.add(tag, vr, sequence);
        boolean savedExplicit = explicitVR;
        boolean savedBigEndian = input.isBigEndian();
        if (implicitLittleEndianItems) {
            explicitVR = false;
            input.setBigEndian(false);
        }
        try {
            while (end < 0 || input.position() < end) {
                long itemStart = input.position();
                int itemTag = input.readTag();
                long itemLength = input.readInt() & 0xFFFFFFFFL;
                if (itemTag == Tags.SEQUENCE_DELIMITATION) {
                    if (end < 0) {
                        return;
                    }
                    continue;
                }
                if (itemTag != Tags.ITEM) {
                    throw new DicomException("expected an item in sequence " + Tags.toString(tag) + " but found "
                            + Tags.toString(itemTag), itemStart);
                }
                Attributes item = new Attributes(input.isBigEndian(), 8);
                boolean itemUndefined = itemLength == 0xFFFFFFFFL;
                sequence.addItem(item, itemUndefined);
                if (itemUndefined) {
                    readItem(item, -1);
                } else {
                    readItem(item, containerEnd(Tags.ITEM, itemLength, end, itemStart));
                }
            }
            if (input.position() != end) {
                throw new DicomException("sequence " + Tags.toString(tag) + " overruns its length", input.position());
            }
        } finally {
            explicitVR = savedExplicit;
            input.setBigEndian(savedBigEndian);
            depth--;
        }
    }

    private void readFragments(Attributes into, int tag, VR vr) throws IOException {
        Fragments fragments = new Fragments();
        while (true) {
            long itemStart = input.position();
            int itemTag = input.readTag();
            long length = input.readInt() & 0xFFFFFFFFL;
            if (itemTag == Tags.SEQUENCE_DELIMITATION) {
                break;
            }
            if (itemTag != Tags.ITEM) {
                throw new DicomException("expected a fragment item in " + Tags.toString(tag) + " but found "
                        + Tags.toString(itemTag), itemStart);
            }
            checkLength(Tags.ITEM, length, -1, itemStart);
            boolean offsetTable = fragments.isEmpty();
            if (!offsetTable && length > bulkDataThreshold && bulkDataPolicy != BulkDataPolicy.LOAD) {
                long offset = input.position();
                input.skip(length);
                fragments.add(BulkData.inFile(file, offset, length, false));
            } else {
                fragments.add(input.readBytes(length));
            }
        }
        if (bulkDataPolicy != BulkDataPolicy.SKIP || fragments.isEmpty()) {
            into.add(tag, vr, fragments);
        }
    }

    private void checkLength(int tag, long length, long enclosingEnd, long headerStart) throws IOException {
        if (length > maxValueLength) {
            throw new DicomException("length " + length + " of " + Tags.toString(tag) + " exceeds the limit of "
                    + maxValueLength + " bytes", headerStart);
        }
        long remaining = input.remaining();
        if (remaining >= 0 && length > remaining) {
            throw new DicomException("length " + length + " of " + Tags.toString(tag) + " exceeds the "
                    + remaining + " bytes left in the input", headerStart);
        }
        if (enclosingEnd >= 0 && input.position() + length > enclosingEnd) {
            throw new DicomException("length " + length + " of " + Tags.toString(tag)
                    + " runs past the end of its item or sequence", headerStart);
        }
    }

    /**
     * Where a sequence or item of defined length ends. One that claims more bytes than the
     * file has left is read to the end of the file, as dcmtk and pydicom do (files edited
     * without fixing the lengths exist); each element inside is still checked.
     */
    private long containerEnd(int tag, long length, long enclosingEnd, long headerStart) throws IOException {
        long remaining = input.remaining();
        if (remaining >= 0 && length > remaining && (enclosingEnd < 0 || enclosingEnd >= input.position() + remaining)) {
            return input.position() + remaining;
        }
        checkLength(tag, length, enclosingEnd, headerStart);
        return input.position() + length;
    }

    private void checkDelimiterLength(int tag) throws IOException {
        int length = input.readInt();
        if (length != 0) {
            throw new DicomException(Tags.toString(tag) + " has length " + Integer.toUnsignedString(length)
                    + " instead of 0", input.position() - 8);
        }
    }

    private static boolean isUpperCaseLetters(int code) {
        int first = code >>> 8;
        int second = code & 0xFF;
        return first >= 'A' && first <= 'Z' && second >= 'A' && second <= 'Z';
    }
}
