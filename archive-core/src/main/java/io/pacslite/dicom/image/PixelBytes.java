package io.pacslite.dicom.image;

import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicom.io.DicomException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads part of a Pixel Data value or fragment: a {@code byte[]} the reader loaded, or a
 * {@link BulkData} reference into the file (which lets one frame be read without the others).
 */
final class PixelBytes {

    private PixelBytes() {
    }

    /** Length in bytes of a value held as {@code byte[]} or {@link BulkData}. */
    static long length(Object value) throws DicomException {
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        if (value instanceof BulkData bulk && bulk.length() >= 0) {
            return bulk.length();
        }
        throw new DicomException("Pixel Data is neither loaded nor a reference to a file: " + value, -1);
    }

    /** {@code length} bytes of {@code value} from {@code offset}, which the caller has checked against its length. */
    static byte[] read(Object value, long offset, int length) throws IOException {
        if (value instanceof byte[] bytes) {
            byte[] part = new byte[length];
            System.arraycopy(bytes, Math.toIntExact(offset), part, 0, length);
            return part;
        }
        BulkData bulk = (BulkData) value;
        Path file = bulk.file();
        if (file == null) {
            throw new DicomException("Pixel Data refers to " + bulk.uri() + ", which is not a local file", -1);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = bulk.offset() + offset;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new DicomException("Pixel Data ends early: " + file + " is shorter than it was when read",
                            position + buffer.position());
                }
            }
        }
        return buffer.array();
    }

    /** The unsigned 32-bit little endian value at {@code at}. */
    static long uint32(byte[] data, int at) {
        return (data[at] & 0xFFL) | (data[at + 1] & 0xFFL) << 8 | (data[at + 2] & 0xFFL) << 16 | (data[at + 3] & 0xFFL) << 24;
    }
}
