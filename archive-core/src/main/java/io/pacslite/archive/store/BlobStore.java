package io.pacslite.archive.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

/**
 * Where instance files live (DESIGN "Storage and index"): write a temp blob, commit it
 * under a key, open it whole or by byte range, delete it, list the keys. Keys come from
 * {@link StorageKeys}; every method taking a key rejects any other string with an
 * {@link IllegalArgumentException}. The local file system implementation is
 * {@link FileSystemBlobStore}; object storage can implement the same interface later.
 */
public interface BlobStore extends Closeable {

    /** A new, empty temp blob; the caller writes it, then commits or closes it. */
    TempBlob createTemp() throws IOException;

    /**
     * Makes {@code temp} the file of {@code key}, durably: once this returns, the bytes and
     * the name survive a crash (DESIGN principle 3). Closes the temp's output if still open.
     * On success the temp is consumed (closing it does nothing); on any exception it is not,
     * and the caller still closes it.
     *
     * @param replace whether an existing file under {@code key} is replaced (atomically: a
     *                reader sees the old file or the new one, never a mix)
     * @throws java.nio.file.FileAlreadyExistsException if {@code key} exists and not
     *         {@code replace}; the existing file is unchanged and the temp may be committed again
     * @throws IllegalStateException if the temp was already committed or closed
     */
    void commit(TempBlob temp, String key, boolean replace) throws IOException;

    /**
     * Reads the file of {@code key}, unbuffered.
     *
     * @throws java.nio.file.NoSuchFileException if there is none
     */
    InputStream open(String key) throws IOException;

    /**
     * Reads exactly {@code length} bytes of the file of {@code key} starting at
     * {@code offset}, unbuffered.
     *
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative, or their sum overflows
     * @throws java.io.EOFException if the range runs past the end of the file (checked at
     *         open; a read also throws it if the file turns out shorter)
     * @throws java.nio.file.NoSuchFileException if there is no file
     */
    InputStream openRange(String key, long offset, long length) throws IOException;

    /** Whether a file exists under {@code key}. */
    boolean exists(String key);

    /**
     * The size in bytes of the file of {@code key}.
     *
     * @throws java.nio.file.NoSuchFileException if there is none
     */
    long size(String key) throws IOException;

    /** Deletes the file of {@code key} if there is one, and tidies up what that leaves empty. Idempotent. */
    void delete(String key) throws IOException;

    /**
     * Every committed key, lazily and in no particular order; files that are not keys are
     * skipped. The caller closes the stream.
     */
    Stream<String> list() throws IOException;
}
