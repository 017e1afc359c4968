package io.pacslite.archive.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that fails once more than {@code limit} bytes have been read: a DICOMDIR is read whole, within a limit. */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0 && ++count > limit) {
            throw new IOException("larger than " + limit + " bytes");
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0 && (count += n) > limit) {
            throw new IOException("larger than " + limit + " bytes");
        }
        return n;
    }
}
