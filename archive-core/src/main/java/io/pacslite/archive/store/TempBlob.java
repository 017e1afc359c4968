package io.pacslite.archive.store;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file being written in a store's temp area, not yet visible under any key. Write the
 * instance bytes to {@link #output()}, then hand the blob to {@link BlobStore#commit}; or
 * {@link #close()} it without committing to abort, which deletes the file. The bytes are
 * counted and hashed (SHA-256) once, as they stream through ({@link TempBlobOutput}). Not
 * thread-safe: one writer.
 */
public final class TempBlob implements Closeable {

    private final Path path;
    private final FileChannel channel;
    private final TempBlobOutput output;
    /** Files up to this size are read back for the journal ({@link #readBack()}); 0 reads none. */
    private final int readBackLimit;
    private boolean finished;
    private boolean consumed;
    private boolean closed;

    private TempBlob(Path path, FileChannel channel, int readBackLimit) {
        this.path = path;
        this.channel = channel;
        this.output = new TempBlobOutput(channel);
        this.readBackLimit = readBackLimit;
    }

    /**
     * Creates the file {@code path}, which must not exist yet; a file of at most
     * {@code readBackLimit} bytes can be read back whole ({@link #readBack()}).
     */
    static TempBlob create(Path path, int readBackLimit) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        return new TempBlob(path, channel, readBackLimit);
    }

    /**
     * Where to write the instance bytes; buffered, hashed and written behind the caller
     * ({@link TempBlobOutput}). Closing it flushes the bytes to
     * the file and fixes {@link #sha256()}; {@link BlobStore#commit} closes it if the caller
     * has not.
     */
    public OutputStream output() {
        return output;
    }

    /** Bytes written to {@link #output()} so far, including bytes still in its buffer. */
    public long size() {
        return output.size();
    }

    /**
     * The SHA-256 of the bytes written, as 64 lowercase hex digits; known once the output
     * has been closed (directly, or by a commit).
     *
     * @throws IllegalStateException if the output is still open
     */
    public String sha256() {
        String sha256 = output.sha256();
        if (sha256 == null) {
            throw new IllegalStateException("the SHA-256 is known once the output is closed");
        }
        return sha256;
    }

    /** Aborts: unless committed, closes and deletes the temp file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        output.abandon();
        try {
            channel.close();
        } finally {
            if (!consumed) {
                Files.deleteIfExists(path);
            }
        }
    }

    Path path() {
        return path;
    }

    /** Closes the output, which fixes the size and SHA-256. Idempotent. */
    void closeOutput() throws IOException {
        output.close();
    }

    /**
     * The whole file's bytes, read back from the file (the page cache: it has just been
     * written); null if the file is larger than the limit given at creation, or already
     * finished (closed by a commit that was refused). Read back rather than kept in memory
     * as they stream, so that a large file, which outgrows the limit only after its first
     * bytes, costs no copy at all (docs/performance-ingest.md).
     *
     * @throws IllegalStateException if the output is still open
     */
    ByteBuffer readBack() throws IOException {
        long size = output.size();
        if (output.sha256() == null) {
            throw new IllegalStateException("the file is read back once the output is closed");
        }
        if (finished || size > readBackLimit) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) size);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, bytes.position()) < 0) {
                throw new EOFException("temp file " + path + " is shorter than the " + size + " bytes written");
            }
        }
        return bytes.flip();
    }

    /**
     * Makes the file ready to be renamed: closes the output, then (if {@code fsync}) forces
     * the bytes and metadata to disk and closes the file. Idempotent, so a commit refused
     * because the key exists can be retried with {@code replace}.
     */
    void finish(boolean fsync) throws IOException {
        if (closed) {
            throw new IllegalStateException("the temp blob is already " + (consumed ? "committed" : "closed"));
        }
        if (finished) {
            return;
        }
        output.close();
        if (fsync) {
            channel.force(true);
        }
        channel.close();
        finished = true;
    }

    /** After a successful commit: the file now lives under a key, and closing must not delete it. */
    void markConsumed() {
        consumed = true;
        closed = true;
    }
}
