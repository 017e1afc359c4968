package io.pacslite.archive.ingest;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through, keeping a copy of those read while recording (the header, which the
 * archive writes to the file after its own File Meta), and failing once more than the
 * allowed number of bytes has come through.
 */
final class RecordingInputStream extends FilterInputStream {

    /** Thrown when the input is longer than the maximum instance size. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("instance is larger than the limit of " + limit + " bytes");
        }
    }

    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream(8192);
    private final long limit;
    private long count;
    private boolean recording = true;

    RecordingInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
            if (recording) {
                recorded.write(b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        int n = super.read(into, offset, length);
        if (n > 0) {
            count(n);
            if (recording) {
                recorded.write(into, offset, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be recorded or counted too: read them instead.
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
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

    /** Stops keeping a copy; bytes still count against the limit. */
    void stopRecording() {
        recording = false;
    }

    /** The bytes recorded so far (the first ones read, in order). */
    byte[] recorded() {
        return recorded.toByteArray();
    }

    private void count(int n) throws TooLargeException {
        count += n;
        if (count > limit) {
            throw new TooLargeException(limit);
        }
    }
}
