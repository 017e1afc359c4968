package io.pacslite.dicomweb.stow;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers the exception a read of the request body threw. Ingest reports it only as
 * {@code RECEIVE_FAILED} with its message; the request is answered from the exception itself
 * (malformed multipart: 400, over the size limit: 413, client gone: no answer), so it is kept
 * and thrown again once the store has returned.
 */
final class WatchedInputStream extends FilterInputStream {

    private IOException failure;

    WatchedInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Throws the exception a read threw, if one did. */
    void rethrowFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}
