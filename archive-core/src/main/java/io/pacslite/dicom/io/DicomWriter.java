package io.pacslite.dicom.io;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicom.data.ByteSwap;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes DICOM: Part 10 files (PS3.10 7.1) and raw data sets, in Implicit VR Little Endian,
 * Explicit VR Little and Big Endian and Deflated Explicit VR Little Endian (PS3.5 A.1-A.5).
 *
 * <p>Sequences and items keep the length encoding they were read with (defined lengths are
 * recomputed), values are written as held, and binary values are byte-swapped only when the
 * byte order changes, so a data set read and written again in its own transfer syntax gives
 * the same bytes. Encapsulated pixel data can only be written in the transfer syntax it was
 * encoded for.
 */
public final class DicomWriter {

    private final OutputStream target;
    private boolean keepGroupLengths;

    /** A writer to {@code target}; the caller closes it. */
    public DicomWriter(OutputStream target) {
        this.target = target;
    }

    /**
     * Writes Group Length elements (gggg,0000) of the data set as held instead of
     * recomputing them (PS3.5 7.2): for a data set written unchanged in the encoding it
     * was read in, whose group lengths may be wrong but are to be kept byte for byte. The
     * File Meta group length is always recomputed.
     */
    public DicomWriter keepGroupLengths() {
        this.keepGroupLengths = true;
        return this;
    }

    /**
     * File Meta Information for a new file (PS3.10 7.1): version 00\01, the SOP Class and
     * Instance, the transfer syntax, and PACS-lite as the implementation.
     */
    public static Attributes createFileMeta(String sopClassUID, String sopInstanceUID, String transferSyntaxUID) {
        Attributes meta = new Attributes(false, 8);
        meta.set(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUID);
        meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUID);
        meta.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUID);
        meta.setString(Tag.ImplementationClassUID, VR.UI, Implementation.CLASS_UID);
        meta.setString(Tag.ImplementationVersionName, VR.SH, Implementation.VERSION_NAME);
        return meta;
    }

    /**
     * Writes a Part 10 file: the preamble (128 zero bytes if null), "DICM", the File Meta
     * Information with its group length recomputed, and the data set in the transfer syntax
     * the meta names.
     */
    public void writeFile(byte[] preamble, Attributes fileMeta, Attributes dataset) throws IOException {
        String transferSyntaxUID = fileMeta.getString(Tag.TransferSyntaxUID);
        if (transferSyntaxUID == null) {
            throw new IllegalArgumentException("File Meta Information has no Transfer Syntax UID");
        }
        OutputStream out = new BufferedOutputStream(target, 64 * 1024);
        writeHeader(out, preamble, fileMeta);
        writeDataset(out, dataset, TransferSyntax.of(transferSyntaxUID));
        out.flush();
    }

    /**
     * Writes only the start of a Part 10 file: preamble (128 zero bytes if null), "DICM" and
     * the File Meta Information with its group length recomputed. The caller appends the
     * data set, encoded as the meta's Transfer Syntax UID says (as the archive does with the
     * bytes it received).
     */
    public void writeFileHeader(byte[] preamble, Attributes fileMeta) throws IOException {
        OutputStream out = new BufferedOutputStream(target, 1024);
        writeHeader(out, preamble, fileMeta);
        out.flush();
    }

    private static void writeHeader(OutputStream out, byte[] preamble, Attributes fileMeta) throws IOException {
        out.write(preamble != null ? preamble : new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        new Encoder(out, false, true, false).writeElements(withGroupLength(fileMeta));
    }

    /** Writes a data set in {@code transferSyntax} without preamble or File Meta Information (as DIMSE sends it). */
    public void writeDataset(Attributes dataset, TransferSyntax transferSyntax) throws IOException {
        OutputStream out = new BufferedOutputStream(target, 64 * 1024);
        writeDataset(out, dataset, transferSyntax);
        out.flush();
    }

    private void writeDataset(OutputStream out, Attributes dataset, TransferSyntax transferSyntax)
            throws IOException {
        if (transferSyntax.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            DeflaterOutputStream deflated = new DeflaterOutputStream(out, deflater, 8192);
            new Encoder(deflated, transferSyntax.bigEndian(), transferSyntax.explicitVR(), keepGroupLengths)
                    .writeElements(dataset);
            deflated.finish();
            deflater.end();
        } else {
            new Encoder(out, transferSyntax.bigEndian(), transferSyntax.explicitVR(), keepGroupLengths)
                    .writeElements(dataset);
        }
    }

    /** A copy of the meta elements with (0002,0000) set to the length of the rest of the group. */
    private static Attributes withGroupLength(Attributes fileMeta) {
        Attributes meta = new Attributes(false, fileMeta.size() + 1);
        for (int i = 0; i < fileMeta.size(); i++) {
            meta.add(fileMeta.tagAt(i), fileMeta.vrAt(i), fileMeta.valueAt(i));
        }
        meta.remove(Tag.FileMetaInformationGroupLength);
        long length = new Encoder(OutputStream.nullOutputStream(), false, true, false).lengthOf(meta);
        meta.setInts(Tag.FileMetaInformationGroupLength, VR.UL, length);
        return meta;
    }

    /** Encodes elements in one byte order and VR mode; items of UN sequences switch to Implicit VR Little Endian. */
    private static final class Encoder {

        private final DicomOutput out;
        private final boolean keepGroupLengths;
        private boolean explicitVR;

        Encoder(OutputStream stream, boolean bigEndian, boolean explicitVR, boolean keepGroupLengths) {
            this.out = new DicomOutput(stream);
            this.out.setBigEndian(bigEndian);
            this.explicitVR = explicitVR;
            this.keepGroupLengths = keepGroupLengths;
        }

        void writeElements(Attributes dataset) throws IOException {
            for (int i = 0; i < dataset.size(); i++) {
                int tag = dataset.tagAt(i);
                if (!keepGroupLengths && Tags.isGroupLength(tag) && dataset.valueAt(i) instanceof byte[] bytes && bytes.length == 4) {
                    writeGroupLength(dataset, i);
                } else {
                    writeElement(dataset, tag, dataset.vrAt(i), dataset.valueAt(i));
                }
            }
        }

        /**
         * A Group Length element (gggg,0000) states the encoded length of the rest of its
         * group (PS3.5 7.2), which depends on the transfer syntax: it is recomputed.
         */
        private void writeGroupLength(Attributes dataset, int index) throws IOException {
            int group = Tags.group(dataset.tagAt(index));
            long length = 0;
            for (int j = index + 1; j < dataset.size() && Tags.group(dataset.tagAt(j)) == group; j++) {
                length += elementLength(dataset.tagAt(j), dataset.vrAt(j), dataset.valueAt(j));
            }
            int value = checkedLength(length);
            writeHeader(dataset.tagAt(index), VR.UL, 4);
            byte[] bytes = out.isBigEndian()
                    ? new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}
                    : new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
            out.write(bytes);
        }

        private void writeElement(Attributes dataset, int tag, VR vr, Object value) throws IOException {
            switch (value) {
                case Sequence sequence -> writeSequence(tag, vr, sequence);
                case Fragments fragments -> writeFragments(tag, vr, fragments);
                case BulkData bulkData -> {
                    writeHeader(tag, vr, checkedLength(bulkData.length()));
                    copyBulkData(bulkData, vr);
                }
                case byte[] bytes -> {
                    writeHeader(tag, vr, bytes.length);
                    out.write(dataset.isBigEndian() == out.isBigEndian() || vr == VR.UN ? bytes : ByteSwap.swapped(bytes, vr));
                }
                default -> throw new IllegalArgumentException("unexpected value " + value.getClass());
            }
        }

        private void writeHeader(int tag, VR vr, int length) throws IOException {
            if (!explicitVR) {
                out.writeImplicitHeader(tag, length);
            } else if (vr.hasLongExplicitHeader()) {
                out.writeLongExplicitHeader(tag, vr.code(), length);
            } else if ((length & 0xFFFF0000) == 0) {
                out.writeShortExplicitHeader(tag, vr.code(), length);
            } else {
                // Too long for a 16-bit length: PS3.5 6.2.2 allows UN with a 32-bit length.
                out.writeLongExplicitHeader(tag, VR.UN.code(), length);
            }
        }

        private void writeSequence(int tag, VR vr, Sequence sequence) throws IOException {
            boolean savedExplicit = explicitVR;
            boolean savedBigEndian = out.isBigEndian();
            writeHeader(tag, vr, sequence.hasUndefinedLength() ? Tags.UNDEFINED_LENGTH : checkedLength(itemsLength(sequence)));
            if (sequence.hasImplicitLittleEndianItems()) {
                explicitVR = false;
                out.setBigEndian(false);
            }
            for (int i = 0; i < sequence.size(); i++) {
                Attributes item = sequence.get(i);
                boolean undefined = sequence.itemHasUndefinedLength(i);
                out.writeImplicitHeader(Tags.ITEM, undefined ? Tags.UNDEFINED_LENGTH : checkedLength(lengthOf(item)));
                writeElements(item);
                if (undefined) {
                    out.writeImplicitHeader(Tags.ITEM_DELIMITATION, 0);
                }
            }
            explicitVR = savedExplicit;
            out.setBigEndian(savedBigEndian);
            if (sequence.hasUndefinedLength()) {
                out.writeImplicitHeader(Tags.SEQUENCE_DELIMITATION, 0);
            }
        }

        private void writeFragments(int tag, VR vr, Fragments fragments) throws IOException {
            writeHeader(tag, vr, Tags.UNDEFINED_LENGTH);
            for (Object fragment : fragments) {
                if (fragment instanceof byte[] bytes) {
                    out.writeImplicitHeader(Tags.ITEM, bytes.length);
                    out.write(bytes);
                } else {
                    BulkData bulkData = (BulkData) fragment;
                    out.writeImplicitHeader(Tags.ITEM, checkedLength(bulkData.length()));
                    copyBulkData(bulkData, VR.OB);
                }
            }
            out.writeImplicitHeader(Tags.SEQUENCE_DELIMITATION, 0);
        }

        private void copyBulkData(BulkData bulkData, VR vr) throws IOException {
            Path file = bulkData.file();
            if (file == null) {
                throw new IOException("cannot write bulk data that is not in a local file: " + bulkData.uri());
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(bulkData.offset());
                InputStream in = Channels.newInputStream(channel);
                if (bulkData.bigEndian() == out.isBigEndian() || vr.swapUnit() <= 1) {
                    copy(in, bulkData.length());
                } else {
                    out.write(ByteSwap.swapped(in.readNBytes(checkedLength(bulkData.length())), vr));
                }
            }
        }

        private void copy(InputStream in, long length) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new IOException("bulk data file ended " + left + " bytes early");
                }
                out.stream().write(buffer, 0, read);
                left -= read;
            }
        }

        /** The encoded length of the elements of {@code dataset} in this encoder's mode. */
        long lengthOf(Attributes dataset) {
            long total = 0;
            for (int i = 0; i < dataset.size(); i++) {
                total += elementLength(dataset.tagAt(i), dataset.vrAt(i), dataset.valueAt(i));
            }
            return total;
        }

        private long elementLength(int tag, VR vr, Object value) {
            long valueLength = switch (value) {
                case Sequence sequence -> {
                    long items = itemsLength(sequence);
                    yield sequence.hasUndefinedLength() ? items + 8 : items;
                }
                case Fragments fragments -> {
                    long total = 8;
                    for (int i = 0; i < fragments.size(); i++) {
                        total += 8 + fragments.lengthOf(i);
                    }
                    yield total;
                }
                case BulkData bulkData -> bulkData.length();
                case byte[] bytes -> bytes.length;
                default -> throw new IllegalArgumentException("unexpected value " + value.getClass());
            };
            int headerLength = !explicitVR ? 8
                    : vr.hasLongExplicitHeader() || (value instanceof byte[] b && b.length > 0xFFFF) ? 12 : 8;
            return headerLength + valueLength;
        }

        private long itemsLength(Sequence sequence) {
            boolean savedExplicit = explicitVR;
            if (sequence.hasImplicitLittleEndianItems()) {
                explicitVR = false;
            }
            long total = 0;
            for (int i = 0; i < sequence.size(); i++) {
                total += 8 + lengthOf(sequence.get(i)) + (sequence.itemHasUndefinedLength(i) ? 8 : 0);
            }
            explicitVR = savedExplicit;
            return total;
        }

        private static int checkedLength(long length) {
            if (length < 0 || length > 0xFFFFFFFEL) {
                throw new IllegalArgumentException("value too long for DICOM: " + length + " bytes");
            }
            return (int) length;
        }
    }
}
