package io.pacslite.archive.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through, keeping a copy of those read while recording (the header, which the
 * archive writes to the file after its own File Meta), and failing once more than the
 * allowed number of bytes has come through.
 */
final class RecordingInputStream extends ObservedInputStream {

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
    void observe(byte[] bytes, int offset, int length) throws TooLargeException {
        count += length;
        if (count > limit) {
            throw new TooLargeException(limit);
        }
        if (recording) {
            recorded.write(bytes, offset, length);
        }
    }

    /** Stops keeping a copy; bytes still count against the limit. */
    void stopRecording() {
        recording = false;
    }

    /** The bytes recorded so far (the first ones read, in order). */
    byte[] recorded() {
        return recorded.toByteArray();
    }
}
