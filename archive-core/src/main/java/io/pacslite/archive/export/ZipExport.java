package io.pacslite.archive.export;

import io.pacslite.archive.store.FileSystemBlobStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an {@link Export} as a ZIP archive (PKWARE APPNOTE; ZIP64 when it grows past 4 GiB or
 * 65,535 members), streamed: member after member, nothing held whole. The DICOMDIR, if any,
 * comes first. A member exported as stored is STORED (not compressed again: most pixel data
 * is either compressed already or compresses poorly, and the copy is what is fast), with its
 * size and CRC-32 in its local header, so that any ZIP reader, streaming ones included, takes
 * it; the CRC costs one extra pass over the file, mapped from the page cache. A transcoded member,
 * whose size is not known before it is written, is DEFLATED at the fastest level, its size
 * and CRC following it in a data descriptor.
 */
public final class ZipExport {

    private static final int BUFFER = 256 * 1024;
    /** The most of a file mapped at once (a mapping holds at most 2 GiB; an instance may have 4). */
    private static final long MAPPED_WINDOW = 1L << 28;

    private ZipExport() {
    }

    /** Writes the ZIP to {@code out}, which stays open. */
    public static void write(Export export, FileSystemBlobStore blobs, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        if (export.dicomdir() != null) {
            CRC32 crc = new CRC32();
            crc.update(export.dicomdir());
            zip.putNextEntry(stored(Export.DICOMDIR, export.dicomdir().length, crc.getValue()));
            zip.write(export.dicomdir());
            zip.closeEntry();
        }
        byte[] buffer = new byte[BUFFER];
        for (Member member : export.members()) {
            if (member.asStored()) {
                writeStored(zip, member.name(), blobs.pathOf(member.instance().fileKey()), buffer);
            } else {
                zip.putNextEntry(new ZipEntry(member.name()));
                member.write(blobs, zip);
            }
            zip.closeEntry();
        }
        zip.finish();
    }

    private static ZipEntry stored(String name, long size, long crc) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc);
        return entry;
    }

    /**
     * A stored file as a STORED member: its CRC computed over the file mapped into memory (no
     * copy; stored files are replaced by rename, never truncated in place, so a mapping stays
     * valid), then its bytes written through {@code buffer}, one copy on their way to
     * {@code zip} (throughput measured in docs/dicomweb.md).
     */
    private static void writeStored(ZipOutputStream zip, String name, Path file, byte[] buffer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            CRC32 crc = new CRC32();
            for (long at = 0; at < size; at += MAPPED_WINDOW) {
                crc.update(window(channel, at, size));
            }
            zip.putNextEntry(stored(name, size, crc.getValue()));
            for (long at = 0; at < size; at += MAPPED_WINDOW) {
                MappedByteBuffer bytes = window(channel, at, size);
                while (bytes.hasRemaining()) {
                    int length = Math.min(buffer.length, bytes.remaining());
                    bytes.get(buffer, 0, length);
                    zip.write(buffer, 0, length);
                }
            }
        }
    }

    /** The part of the file from {@code at}, at most {@link #MAPPED_WINDOW} bytes, mapped. */
    private static MappedByteBuffer window(FileChannel channel, long at, long size) throws IOException {
        return channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(MAPPED_WINDOW, size - at));
    }
}
