package io.pacslite.archive.imports;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * One member's inflated data, from the archive's stream: it counts the compressed bytes
 * used (for the zip bomb check), and at its end checks the CRC-32 and sizes (read from the
 * data descriptor when the header did not give them).
 */
final class ZipMemberData extends InputStream {

    private final ZipReader archive;
    private final ZipReader.Entry entry;
    private final InputStream source;
    private final boolean descriptor;
    private final Inflater inflater;
    private final byte[] input;
    private final CRC32 crc = new CRC32();
    private long size;
    private long storedRead;
    /** How many bytes the last {@code setInput} gave the inflater. */
    private int lastInput;
    private boolean ended;

    ZipMemberData(ZipReader archive, ZipReader.Entry entry, InputStream source, boolean descriptor) {
        this.archive = archive;
        this.entry = entry;
        this.source = source;
        this.descriptor = descriptor;
        this.inflater = entry.method() == ZipReader.DEFLATED ? new Inflater(true) : null;
        this.input = entry.method() == ZipReader.DEFLATED ? new byte[ZipReader.BUFFER] : null;
    }

    /** The compressed bytes used so far. */
    long compressedRead() {
        return inflater == null ? storedRead : inflater.getBytesRead();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = inflater == null ? readStored(b, off, len) : readDeflated(b, off, len);
        if (n < 0) {
            end();
            return -1;
        }
        crc.update(b, off, n);
        size += n;
        return n;
    }

    private int readStored(byte[] b, int off, int len) throws IOException {
        int n = source.read(b, off, len);
        if (n > 0) {
            storedRead += n;
        }
        return n;
    }

    private int readDeflated(byte[] b, int off, int len) throws IOException {
        try {
            while (true) {
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (inflater.finished() || inflater.needsDictionary()) {
                    return -1;
                }
                if (inflater.needsInput()) {
                    int read = source.read(input, 0, input.length);
                    if (read < 0) {
                        throw new EOFException("Unexpected end of ZLIB input stream");
                    }
                    inflater.setInput(input, 0, read);
                    lastInput = read;
                }
            }
        } catch (DataFormatException e) {
            throw new ZipException("invalid deflate data: " + e.getMessage());
        }
    }

    /** At the end of the data: gives back what the inflater read too far, reads the descriptor, checks. */
    private void end() throws IOException {
        ended = true;
        long expectedCrc = entry.crc();
        long expectedSize = entry.size();
        long compressed = compressedRead();
        if (inflater != null) {
            int remaining = inflater.getRemaining();
            inflater.end();
            if (remaining > 0 && descriptor) {
                archive.unread(input, lastInput - remaining, remaining);
            }
        }
        if (descriptor) {
            byte[] first = archive.readFully(4);
            long value = ZipReader.le32(first, 0) & 0xFFFFFFFFL;
            expectedCrc = value == ZipReader.DESCRIPTOR ? ZipReader.le32(archive.readFully(4), 0) & 0xFFFFFFFFL : value;
            byte[] sizes = archive.readFully(entry.zip64() ? 16 : 8);
            long compressedSize = entry.zip64() ? ZipReader.le64(sizes, 0) : ZipReader.le32(sizes, 0) & 0xFFFFFFFFL;
            expectedSize = entry.zip64() ? ZipReader.le64(sizes, 8) : ZipReader.le32(sizes, 4) & 0xFFFFFFFFL;
            if (entry.zip64() ? compressedSize != compressed : compressedSize != (compressed & 0xFFFFFFFFL)) {
                throw new ZipException("member \"" + entry.name() + "\": its compressed size is not the descriptor's");
            }
            if (!entry.zip64()) {
                expectedSize = expectedSize == (size & 0xFFFFFFFFL) ? size : expectedSize;
            }
        } else if (source instanceof Bounded bounded) {
            bounded.skipRest();
        }
        if (size != expectedSize) {
            throw new ZipException("member \"" + entry.name() + "\" inflates to " + size + " bytes, not "
                    + expectedSize);
        }
        if (crc.getValue() != expectedCrc) {
            throw new ZipException("invalid entry CRC of member \"" + entry.name() + "\"");
        }
    }

    @Override
    public void close() {
        // the archive's stream goes on
    }

    /** The next {@code limit} bytes of a stream. */
    static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("Unexpected end of the member's data");
            }
            left -= n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] buffer = new byte[ZipReader.BUFFER];
            while (read(buffer, 0, buffer.length) >= 0) {
                // past what the inflater needed: still the member's
            }
        }
    }
}
