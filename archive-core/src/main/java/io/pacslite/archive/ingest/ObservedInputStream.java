package io.pacslite.archive.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that shows every byte that passes through it to {@link #observe}: read, or
 * skipped (skipping reads, so nothing passes unseen). The ingest path records, copies,
 * counts and hashes with it.
 */
abstract class ObservedInputStream extends FilterInputStream {

    private byte[] scratch;

    ObservedInputStream(InputStream in) {
        super(in);
    }

    /** Called with every run of bytes that passed, in order. */
    abstract void observe(byte[] bytes, int offset, int length) throws IOException;

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            observe(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        int n = super.read(into, offset, length);
        if (n > 0) {
            observe(into, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (scratch == null) {
            scratch = new byte[64 * 1024];
        }
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
