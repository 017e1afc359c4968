package io.pacslite.archive.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and notes whether the end was reached: the size of a file
 * read in the same pass as its hash (reindexing), the bytes an import has received. Not
 * thread-safe.
 */
public class CountingInputStream extends FilterInputStream {

    private long count;
    private boolean sawEnd;

    public CountingInputStream(InputStream in) {
        super(in);
    }

    /** How many bytes were read (skipped bytes are read). */
    public long count() {
        return count;
    }

    /** Whether a read found the end of the stream. */
    public boolean sawEnd() {
        return sawEnd;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            sawEnd = true;
        } else {
            count++;
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            sawEnd = true;
        } else {
            count += n;
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
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

    /** Called with each count read; for subclasses. */
    protected void counted(int n) {
    }
}
