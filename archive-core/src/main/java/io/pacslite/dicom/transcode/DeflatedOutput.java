package io.pacslite.dicom.transcode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The deflated data set of Deflated Explicit VR Little Endian (PS3.5 A.5): the data set's
 * Explicit VR Little Endian bytes compressed with deflate (RFC 1951) without a zlib header or
 * trailer, after the File Meta Information, which stays as it is.
 */
final class DeflatedOutput {

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final DeflaterOutputStream stream;

    DeflatedOutput(OutputStream out) {
        this.stream = new DeflaterOutputStream(out, deflater, 64 * 1024);
    }

    /** Where to write the data set's bytes. */
    OutputStream stream() {
        return stream;
    }

    /** Writes what remains of the deflated stream, without closing what it writes to. */
    void finish() throws IOException {
        try {
            stream.finish();
        } finally {
            deflater.end();
        }
    }
}
