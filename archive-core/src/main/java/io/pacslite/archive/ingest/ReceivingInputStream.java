package io.pacslite.archive.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The sender's stream, with its failures told apart from the archive's own: an
 * {@link IOException} from reading it (the association aborted, the connection lost, the
 * upload cut off) becomes a {@link ReceiveFailedException}, which ingest reports as
 * {@link StoreReason#RECEIVE_FAILED}, not as a storage failure.
 */
final class ReceivingInputStream extends FilterInputStream {

    /** Reading the sender's stream failed. */
    static final class ReceiveFailedException extends IOException {
        ReceiveFailedException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    ReceivingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new ReceiveFailedException(e);
        }
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        try {
            return super.read(into, offset, length);
        } catch (IOException e) {
            throw new ReceiveFailedException(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw new ReceiveFailedException(e);
        }
    }
}
