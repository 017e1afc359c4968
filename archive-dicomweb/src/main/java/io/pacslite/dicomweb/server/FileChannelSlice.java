package io.pacslite.dicomweb.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only view of {@code length} bytes of a file from {@code offset}, as a channel of its
 * own: position 0 is the file's {@code offset}, and the size is {@code length}. It lets
 * Undertow's {@code transferFrom(FileChannel)}, which sends from the channel's position to its
 * size, send one value cut from a stored file (a frame) by sendfile: {@link #transferTo} hands
 * the range to the file's own channel. Closing the slice does not close the file.
 */
final class FileChannelSlice extends FileChannel {

    private final FileChannel file;
    private final long offset;
    private final long length;
    private long position;

    FileChannelSlice(FileChannel file, long offset, long length) {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("invalid range: offset " + offset + ", length " + length);
        }
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long transferTo(long from, long count, WritableByteChannel target) throws IOException {
        long available = available(from, count);
        return available == 0 ? 0 : file.transferTo(offset + from, available, target);
    }

    @Override
    public int read(ByteBuffer dst, long from) throws IOException {
        if (from >= length) {
            return -1;
        }
        ByteBuffer window = dst.slice();
        window.limit((int) Math.min(window.remaining(), length - from));
        int read = file.read(window, offset + from);
        if (read > 0) {
            dst.position(dst.position() + read);
        }
        return read;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int read = read(dst, position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public long read(ByteBuffer[] dsts, int first, int count) throws IOException {
        long total = 0;
        for (int i = first; i < first + count; i++) {
            int read = read(dsts[i]);
            if (read < 0) {
                return total == 0 ? -1 : total;
            }
            total += read;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long from, long size) throws IOException {
        if (mode != MapMode.READ_ONLY) {
            throw new NonWritableChannelException();
        }
        if (from < 0 || size < 0 || from + size > length) {
            throw new IllegalArgumentException("mapping " + size + " bytes at " + from + " of a " + length + "-byte slice");
        }
        return file.map(mode, offset + from, size);
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int first, int count) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // read-only: nothing to write
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("a file slice cannot be locked");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("a file slice cannot be locked");
    }

    @Override
    protected void implCloseChannel() {
        // the file is its owner's to close
    }

    /** How many of {@code count} bytes from {@code from} lie inside the slice. */
    private long available(long from, long count) {
        if (from < 0 || count < 0) {
            throw new IllegalArgumentException("invalid range: position " + from + ", count " + count);
        }
        return from >= length ? 0 : Math.min(count, length - from);
    }
}
