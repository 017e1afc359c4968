package io.pacslite.archive.export;

import io.pacslite.archive.store.FileSystemBlobStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
 * it; the CRC costs one extra read of the file, from the page cache. A transcoded member,
 * whose size is not known before it is written, is DEFLATED at the fastest level, its size
 * and CRC following it in a data descriptor.
 */
public final class ZipExport {

    private static final int BUFFER = 256 * 1024;

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
        for (Member member : export.members()) {
            if (member.asStored()) {
                Path file = blobs.pathOf(member.instance().fileKey());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    zip.putNextEntry(stored(member.name(), channel.size(), crc(channel)));
                }
            } else {
                zip.putNextEntry(new ZipEntry(member.name()));
            }
            member.write(blobs, zip);
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

    private static long crc(FileChannel channel) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            crc.update(buffer);
            buffer.clear();
        }
        return crc.getValue();
    }
}
