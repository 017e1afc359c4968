package io.pacslite.archive.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The output of a {@link TempBlob}: counts the bytes, hashes them (SHA-256) and writes them
 * to the file, each byte once. Bytes are gathered in buffers of {@value #BUFFER_SIZE}; each
 * full buffer is hashed and written by a virtual thread while the caller fills the next, so
 * the thread that receives an instance (from a socket) never waits for the hash or the write
 * of what it received before (docs/performance-ingest.md). The buffers go to the file in
 * order, one after another. The last, partial buffer is hashed and written by the caller on
 * {@link #close()}, which first waits for the rest: an instance smaller than one buffer is
 * never handed to another thread at all.
 *
 * <p>A failed background write is reported by a later {@link #write} or by {@link #close()}.
 * Not thread-safe: one writer.
 */
final class TempBlobOutput extends OutputStream {

    static final int BUFFER_SIZE = 64 * 1024;
    /** Buffers per output: the one being filled, and up to two more being hashed and written. */
    private static final int BUFFERS = 3;
    private static final Executor WRITERS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("temp-blob-writer-", 0).factory());

    private final FileChannel channel;
    private final MessageDigest digest = Sha256.newDigest();
    private final byte[][] buffers = new byte[BUFFERS][];
    /** The background write of each buffer, if one was started; the buffer is free once it is done. */
    private final CompletableFuture<?>[] writes = new CompletableFuture<?>[BUFFERS];
    /** The last background write started: the next one starts after it, so they stay in order. */
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    private int current;
    private int buffered;
    private long size;
    private String sha256;
    private boolean closed;

    TempBlobOutput(FileChannel channel) {
        this.channel = channel;
        buffers[0] = new byte[BUFFER_SIZE];
    }

    /** Bytes written so far, including bytes still in a buffer. */
    long size() {
        return size;
    }

    /** The SHA-256 of every byte written as 64 lowercase hex digits; null until {@link #close()}. */
    String sha256() {
        return sha256;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (buffered == BUFFER_SIZE) {
            handOff();
        }
        buffers[current][buffered++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        int remaining = length;
        while (remaining > 0) {
            if (buffered == BUFFER_SIZE) {
                handOff();
            }
            int n = Math.min(remaining, BUFFER_SIZE - buffered);
            System.arraycopy(bytes, offset + length - remaining, buffers[current], buffered, n);
            buffered += n;
            remaining -= n;
        }
        size += length;
    }

    /**
     * Writes every byte so far to the file (the caller's share after the background ones); it
     * does not fsync (a commit does).
     */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        drain();
    }

    /** Writes what is left and fixes {@link #sha256()}. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        drain();
        closed = true;
        sha256 = Sha256.hex(digest);
    }

    /**
     * Stops without writing what is left: waits until no background write is running any
     * more (so none writes after the file is closed), ignoring their failures.
     */
    void abandon() {
        closed = true;
        lastWrite.handle((done, failure) -> null).join();
    }

    /** Starts the background write of the full current buffer and moves on to the next. */
    private void handOff() throws IOException {
        byte[] full = buffers[current];
        lastWrite = lastWrite.thenRunAsync(() -> {
            try {
                hashAndWrite(full, BUFFER_SIZE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, WRITERS);
        writes[current] = lastWrite;
        current = (current + 1) % BUFFERS;
        await(writes[current]);
        writes[current] = null;
        if (buffers[current] == null) {
            buffers[current] = new byte[BUFFER_SIZE];
        }
        buffered = 0;
    }

    /** Waits for the background writes, then hashes and writes the current buffer's bytes. */
    private void drain() throws IOException {
        await(lastWrite);
        if (buffered > 0) {
            hashAndWrite(buffers[current], buffered);
            buffered = 0;
        }
    }

    private void hashAndWrite(byte[] bytes, int length) throws IOException {
        digest.update(bytes, 0, length);
        ByteBuffer remaining = ByteBuffer.wrap(bytes, 0, length);
        while (remaining.hasRemaining()) {
            channel.write(remaining);
        }
    }

    private static void await(CompletableFuture<?> write) throws IOException {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the temp file was being written");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw new IOException(io.getCause().getMessage(), io.getCause());
            }
            throw new IOException("writing the temp file failed", e.getCause());
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the temp blob's output is closed");
        }
    }
}
