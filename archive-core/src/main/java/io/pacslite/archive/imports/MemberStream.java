package io.pacslite.archive.imports;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.zip.ZipException;

/**
 * One input of an import, or one member of a ZIP archive in it, as read: it counts the bytes,
 * stops a zip bomb (for a ZIP member: the import's inflated bytes over
 * {@link ImportLimits#maxInflatedBytes}, or the member's inflated bytes over
 * {@link ImportLimits#maxRatio} times the compressed bytes it took), and turns a failure of the
 * stream under it into an {@link ImportException} naming the archive and member, which it
 * keeps: the ingest path turns any read failure into a failed store, and the import asks here
 * whether the input itself broke. Closing it leaves the stream under it open.
 */
final class MemberStream extends InputStream {

    private final InputStream source;
    private final String archive;
    private final String member;
    private final LongSupplier compressed;
    private final AtomicLong inflated;
    private final ImportLimits limits;
    private long count;
    private ImportException failure;

    private MemberStream(InputStream source, String archive, String member, LongSupplier compressed,
            AtomicLong inflated, ImportLimits limits) {
        this.source = source;
        this.archive = archive;
        this.member = member;
        this.compressed = compressed;
        this.inflated = inflated;
        this.limits = limits;
    }

    /** An input of the import (a file, a request body, a part of one), read without limits. */
    static MemberStream input(InputStream source, String name) {
        return new MemberStream(source, null, name, null, null, null);
    }

    /**
     * A member of a ZIP archive: {@code data} is its inflated data, {@code compressed} says how
     * many compressed bytes it has used so far, {@code inflated} counts the import's inflated
     * bytes.
     */
    static MemberStream zipMember(InputStream data, String archive, String member, LongSupplier compressed,
            AtomicLong inflated, ImportLimits limits) {
        return new MemberStream(data, archive, member, compressed, inflated, limits);
    }

    /** The failure that stopped this stream, or null. */
    ImportException failure() {
        return failure;
    }

    /** Throws the failure that stopped this stream, if any. */
    void rethrowFailure() throws ImportException {
        if (failure != null) {
            throw failure;
        }
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** Reads the rest, counted and checked like any read. */
    void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // counted by read
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        int n;
        try {
            n = source.read(b, off, len);
        } catch (ImportException e) {
            failure = e;
            throw e;
        } catch (IOException e) {
            failure = wrap(e);
            throw failure;
        }
        if (n > 0) {
            count += n;
            check(n);
        }
        return n;
    }

    private void check(int n) throws ImportException {
        if (compressed == null) {
            return;
        }
        if (inflated.addAndGet(n) > limits.maxInflatedBytes()) {
            failure = new ImportException("the ZIP archive \"" + archive + "\" is refused: its members inflate to more"
                    + " than the limit of " + limits.maxInflatedBytes() + " bytes (at member \"" + member + "\")");
            throw failure;
        }
        if (count > limits.ratioFloor()) {
            long used = Math.max(1, compressed.getAsLong());
            if (count / used >= limits.maxRatio()) {
                failure = new ImportException("the ZIP archive \"" + archive + "\" is refused: member \"" + member
                        + "\" inflates more than " + limits.maxRatio() + " times (" + count + " bytes from "
                        + used + "), like a zip bomb");
                throw failure;
            }
        }
    }

    private ImportException wrap(IOException e) {
        if (archive == null) {
            return new ImportException("reading \"" + member + "\" failed: " + e.getMessage(), e);
        }
        boolean truncated = e instanceof EOFException || String.valueOf(e.getMessage()).contains("EOF");
        if (truncated) {
            return new ImportException("the ZIP archive \"" + archive + "\" is truncated: it ends inside member \""
                    + member + "\" (" + e.getMessage() + ")", e);
        }
        if (e instanceof ZipException) {
            return new ImportException("the ZIP archive \"" + archive + "\" is damaged at member \"" + member + "\": "
                    + e.getMessage(), e);
        }
        return new ImportException("reading member \"" + member + "\" of \"" + archive + "\" failed: "
                + e.getMessage(), e);
    }

    @Override
    public void close() {
        // the stream under it belongs to the caller
    }
}
