package io.pacslite.dicomweb.wado;

import io.pacslite.archive.store.BlobStore;
import io.pacslite.archive.store.FileSystemBlobStore;
import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicomweb.server.IoThreadBody;
import io.pacslite.dicomweb.server.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Bytes of a stored instance: a range of its file (a value the reader left in place) or bytes
 * already in memory (small values, and every value of a deflated file). Big endian values are
 * swapped to little endian (PS3.18 8.7.3.3: bulk data is sent little endian) and so are
 * loaded.
 */
sealed interface StoredValue {

    long length();

    void writeTo(OutputStream out) throws IOException;

    /** Adds the bytes to a body written from the IO thread: a range of a file, or the bytes. */
    void addTo(IoThreadBody body) throws IOException;

    /** The bytes in memory (read from the file for a range). */
    byte[] bytes() throws IOException;

    /** The bytes from {@code offset}, {@code length} of them. */
    StoredValue slice(long offset, long length);

    record FileRange(BlobStore blobs, String key, long offset, long length) implements StoredValue {
        /** Zero copy (sendfile) from a file system store; copied from any other. */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            if (blobs instanceof FileSystemBlobStore files) {
                try (FileChannel file = FileChannel.open(files.pathOf(key), StandardOpenOption.READ)) {
                    Responses.transfer(file, offset, length, out);
                }
                return;
            }
            try (InputStream in = blobs.openRange(key, offset, length)) {
                in.transferTo(out);
            }
        }

        /** The range itself (sendfile) from a file system store; the bytes loaded from any other. */
        @Override
        public void addTo(IoThreadBody body) throws IOException {
            if (blobs instanceof FileSystemBlobStore files) {
                body.file(FileChannel.open(files.pathOf(key), StandardOpenOption.READ), offset, length);
            } else {
                body.bytes(bytes());
            }
        }

        @Override
        public StoredValue slice(long from, long count) {
            return new FileRange(blobs, key, offset + from, count);
        }

        @Override
        public byte[] bytes() throws IOException {
            try (InputStream in = blobs.openRange(key, offset, length)) {
                return in.readNBytes(Math.toIntExact(length));
            }
        }
    }

    record Loaded(byte[] bytes) implements StoredValue {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }

        @Override
        public void addTo(IoThreadBody body) {
            body.bytes(bytes);
        }

        @Override
        public StoredValue slice(long from, long count) {
            return new Loaded(Arrays.copyOfRange(bytes, Math.toIntExact(from), Math.toIntExact(from + count)));
        }
    }

    /** A value as the reader gave it: {@link BulkData} in the file, or loaded bytes. */
    static StoredValue of(Object value, BlobStore blobs, String key) {
        return switch (value) {
            case BulkData bulk -> new FileRange(blobs, key, bulk.offset(), bulk.length());
            case byte[] bytes -> new Loaded(bytes);
            default -> throw new IllegalArgumentException("not a binary value: " + value.getClass().getSimpleName());
        };
    }
}
