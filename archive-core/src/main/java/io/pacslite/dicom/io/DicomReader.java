package io.pacslite.dicom.io;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Reads DICOM: Part 10 files (PS3.10 7.1: preamble, "DICM", File Meta Information) and raw
 * data sets without them (as DIMSE sends, PS3.7 and PS3.8), in Implicit VR Little Endian,
 * Explicit VR Little and Big Endian and Deflated Explicit VR Little Endian (PS3.5 A.1-A.5),
 * with encapsulated pixel data (A.4).
 *
 * <p>Options: a stop predicate (for example {@link #stopBeforePixelData()}) ends the read
 * before the first top-level element it accepts, leaving the stream positioned there; a
 * {@link BulkDataPolicy} decides whether large binary values are loaded, referenced or
 * dropped; every length is checked against the input and a limit. Input that is not valid
 * DICOM ends in a {@link DicomException} naming the byte offset.
 *
 * <pre>{@code
 * try (DicomReader reader = DicomReader.open(path).stopBeforePixelData()) {
 *     DicomFile file = reader.readFile();
 * }
 * }</pre>
 */
public final class DicomReader implements Closeable {

    /** Default limit on a single value's length: 2 GiB less a little, the Java array limit. */
    public static final long DEFAULT_MAX_VALUE_LENGTH = Integer.MAX_VALUE - 8;

    private static final int PREAMBLE_LENGTH = 128;
    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    private final InputStream source;
    private final DicomInput input;
    private final Path file;
    private IntPredicate stopBefore = tag -> false;
    private BulkDataPolicy bulkDataPolicy = BulkDataPolicy.LOAD;
    private int bulkDataThreshold = 1024;
    private long maxValueLength = DEFAULT_MAX_VALUE_LENGTH;
    private boolean stopped;
    private boolean inflating;
    private long datasetStart = -1;

    /** A reader of a stream whose length is not known. */
    public DicomReader(InputStream source) {
        this(source, -1, null);
    }

    private DicomReader(InputStream source, long length, Path file) {
        this.source = source;
        this.input = new DicomInput(source, length);
        this.file = file;
    }

    /** A reader of a file: lengths are checked against its size and bulk data can be referenced. */
    public static DicomReader open(Path file) throws IOException {
        return new DicomReader(Files.newInputStream(file), Files.size(file), file.toAbsolutePath());
    }

    /** Stops the top-level read before the first element whose tag {@code stop} accepts. */
    public DicomReader stopBefore(IntPredicate stop) {
        this.stopBefore = stop;
        return this;
    }

    /** Stops the top-level read before Pixel Data (7FE0,0010) or any later element. */
    public DicomReader stopBeforePixelData() {
        return stopBefore(tag -> Integer.compareUnsigned(tag, Tags.PIXEL_DATA) >= 0);
    }

    /**
     * What to do with binary values (OB, OD, OF, OL, OV, OW, UN and pixel data fragments)
     * longer than {@code threshold} bytes.
     */
    public DicomReader bulkData(BulkDataPolicy policy, int threshold) {
        this.bulkDataPolicy = policy;
        this.bulkDataThreshold = threshold;
        return this;
    }

    /** Rejects any value longer than {@code limit} bytes. */
    public DicomReader maxValueLength(long limit) {
        this.maxValueLength = limit;
        return this;
    }

    /** Whether the last read ended at the stop predicate (more elements follow in the stream). */
    public boolean stoppedEarly() {
        return stopped;
    }

    /**
     * Byte offset in the input where the data set begins (after preamble and File Meta
     * Information), known once {@link #readFile()} has read the File Meta; -1 before.
     */
    public long datasetStart() {
        return datasetStart;
    }

    /** Number of bytes consumed so far (of the inflated data, once inside a deflated data set). */
    public long position() {
        return input.position();
    }

    /**
     * Reads a Part 10 file. Without the "DICM" prefix, reads File Meta Information if the
     * data starts with group 0002, and otherwise a bare data set whose encoding is recognised
     * from its first element; data that starts like neither is rejected.
     */
    public DicomFile readFile() throws IOException {
        byte[] head = new byte[PREAMBLE_LENGTH + DICM.length];
        int available = input.peek(head, head.length);
        byte[] preamble = null;
        if (available == head.length && Arrays.equals(head, PREAMBLE_LENGTH, head.length, DICM, 0, DICM.length)) {
            preamble = Arrays.copyOf(head, PREAMBLE_LENGTH);
            input.skip(head.length);
        } else if (!startsLikeDataSet(head, available)) {
            throw new DicomException("not DICOM: no \"DICM\" prefix at byte 128 and no data set at the start", 0);
        }
        Attributes fileMeta = readFileMetaInformation();
        datasetStart = input.position();
        String transferSyntaxUID = fileMeta.getString(Tag.TransferSyntaxUID);
        TransferSyntax transferSyntax = transferSyntaxUID != null && !transferSyntaxUID.isEmpty()
                ? TransferSyntax.of(transferSyntaxUID)
                : guessTransferSyntax();
        return new DicomFile(preamble, fileMeta, transferSyntax, readDataset(transferSyntax));
    }

    /** Reads a data set in the given transfer syntax from the current position. */
    public Attributes readDataset(TransferSyntax transferSyntax) throws IOException {
        input.setBigEndian(transferSyntax.bigEndian());
        if (transferSyntax.deflated()) {
            input.startInflating();
            inflating = true;
        }
        Attributes dataset = new Attributes(transferSyntax.bigEndian(), 64);
        readInto(dataset, transferSyntax.explicitVR());
        return dataset;
    }

    /**
     * Continues a read that stopped early, adding the rest of the data set to {@code dataset};
     * the stop predicate no longer applies.
     */
    public void readRest(Attributes dataset, TransferSyntax transferSyntax) throws IOException {
        stopBefore = tag -> false;
        readInto(dataset, transferSyntax.explicitVR());
    }

    /** The unread rest of the input, for a caller that streams it elsewhere (such as pixel data to disk). */
    public InputStream remainingStream() {
        return input.rest();
    }

    @Override
    public void close() throws IOException {
        try {
            input.close();
        } finally {
            source.close();
        }
    }

    private void readInto(Attributes dataset, boolean explicitVR) throws IOException {
        // Offsets inside a deflated data set are not file offsets: load what would be referenced.
        BulkDataPolicy policy = inflating && bulkDataPolicy == BulkDataPolicy.REFERENCE ? BulkDataPolicy.LOAD : bulkDataPolicy;
        DatasetParser parser = new DatasetParser(input, file, stopBefore, policy, bulkDataThreshold, maxValueLength);
        parser.readTopLevel(dataset, explicitVR);
        stopped = parser.stopped();
    }

    /** Reads the group 0002 elements, always Explicit VR Little Endian (PS3.10 7.1). */
    private Attributes readFileMetaInformation() throws IOException {
        Attributes fileMeta = new Attributes(false, 12);
        input.setBigEndian(false);
        DatasetParser parser = new DatasetParser(input, file, tag -> Tags.group(tag) != 0x0002, BulkDataPolicy.LOAD,
                Integer.MAX_VALUE, maxValueLength);
        parser.readTopLevel(fileMeta, true);
        return fileMeta;
    }

    /**
     * Recognises the encoding of a data set from its first element (for files without a
     * transfer syntax): the byte order from which reading of the group is the smaller, and
     * Explicit VR if a VR follows the tag.
     */
    private TransferSyntax guessTransferSyntax() throws IOException {
        byte[] head = new byte[6];
        if (input.peek(head, head.length) < head.length) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        int littleEndianGroup = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int bigEndianGroup = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
        boolean explicit = VR.ofCode((head[4] & 0xFF) << 8 | (head[5] & 0xFF)) != null;
        if (bigEndianGroup < littleEndianGroup) {
            return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        }
        return explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }

    /**
     * Whether a file that starts with {@code head} ({@code available} bytes, at least the
     * first 132 when the file has them) is DICOM as {@link #readFile()} sees it: "DICM" at
     * byte 128, or a data set (or File Meta) right at the start.
     */
    public static boolean looksLikeDicom(byte[] head, int available) {
        return available >= PREAMBLE_LENGTH + DICM.length
                && Arrays.equals(head, PREAMBLE_LENGTH, PREAMBLE_LENGTH + DICM.length, DICM, 0, DICM.length)
                || startsLikeDataSet(head, available);
    }

    /**
     * Whether the bytes look like the start of a data set: the first tag is in group 0002,
     * 0004 or 0008 (File Meta, directory or identifying attributes, in either byte order)
     * and is followed by a VR or a plausible length.
     */
    private static boolean startsLikeDataSet(byte[] head, int available) {
        if (available < 8) {
            return false;
        }
        int littleEndianGroup = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int bigEndianGroup = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
        int group = Math.min(littleEndianGroup, bigEndianGroup);
        if (group != 0x0002 && group != 0x0004 && group != 0x0008) {
            return false;
        }
        if (VR.ofCode((head[4] & 0xFF) << 8 | (head[5] & 0xFF)) != null) {
            return true;
        }
        long implicitLength = (head[4] & 0xFFL) | (head[5] & 0xFFL) << 8 | (head[6] & 0xFFL) << 16 | (head[7] & 0xFFL) << 24;
        return implicitLength < (1 << 16) || implicitLength == 0xFFFFFFFFL;
    }
}
