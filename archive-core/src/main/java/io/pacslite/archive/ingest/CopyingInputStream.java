package io.pacslite.archive.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies every byte read (or skipped) to an output: the parser checks the data set's structure while it streams to the file. */
final class CopyingInputStream extends FilterInputStream {

    private final OutputStream copy;
    private final byte[] scratch = new byte[64 * 1024];

    CopyingInputStream(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            copy.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        int n = super.read(into, offset, length);
        if (n > 0) {
            copy.write(into, offset, n);
        }
        return n;
    }

    /** Skipped bytes are read, so that they are copied too. */
    @Override
    public long skip(long n) throws IOException {
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
