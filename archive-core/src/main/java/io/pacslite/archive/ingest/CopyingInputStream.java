package io.pacslite.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies every byte read (or skipped) to an output: the parser checks the data set's structure while it streams to the file. */
final class CopyingInputStream extends ObservedInputStream {

    private final OutputStream copy;

    CopyingInputStream(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    @Override
    void observe(byte[] bytes, int offset, int length) throws IOException {
        copy.write(bytes, offset, length);
    }
}
