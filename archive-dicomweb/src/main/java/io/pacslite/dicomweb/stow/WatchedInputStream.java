package io.pacslite.dicomweb.stow;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers the exception a read of the request body threw. The ingest path reports any
 * I/O error as a storage failure; this tells a broken request (malformed multipart, over the
 * size limit, client gone) apart from a failing disk, so the client gets a 4xx.
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
