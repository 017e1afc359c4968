package io.pacslite.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * A buffered byte source for the parser that counts its position, reads numbers in the
 * current byte order, and never allocates more than it has data for: a value whose length
 * lies is read in bounded chunks and ends in a {@link DicomException} at the end of input.
 */
final class DicomInput {

    private static final int BUFFER_SIZE = 16 * 1024;
    /** Values up to this size are allocated at once; larger ones grow as data arrives. */
    private static final int TRUSTED_ALLOCATION = 1 << 20;

    private InputStream in;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    private long bufferStart;
    private long length;
    private boolean bigEndian;

    /**
     * @param length total number of bytes the stream holds, or -1 if unknown
     */
    DicomInput(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    long position() {
        return bufferStart + pos;
    }

    /** Bytes left before the end of input, or -1 if the total is unknown. */
    long remaining() {
        return length < 0 ? -1 : length - position();
    }

    void setBigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    boolean isBigEndian() {
        return bigEndian;
    }

    /** Whether the input is exhausted. */
    boolean atEnd() throws IOException {
        return !ensure(1);
    }

    /** Makes at least {@code n} (at most the buffer size) bytes available; false if the input ends first. */
    boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            bufferStart += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    /** The bytes available in the buffer from the current position, without consuming them. */
    int peek(byte[] into, int n) throws IOException {
        ensure(n);
        int available = Math.min(n, limit - pos);
        System.arraycopy(buffer, pos, into, 0, available);
        return available;
    }

    private void require(int n) throws IOException {
        if (!ensure(n)) {
            throw new DicomException("unexpected end of data: needed " + n + " bytes, "
                    + (limit - pos) + " left", position());
        }
    }

    int readUnsignedShort() throws IOException {
        require(2);
        int b0 = buffer[pos] & 0xFF;
        int b1 = buffer[pos + 1] & 0xFF;
        pos += 2;
        return bigEndian ? (b0 << 8) | b1 : (b1 << 8) | b0;
    }

    int readInt() throws IOException {
        require(4);
        int b0 = buffer[pos] & 0xFF;
        int b1 = buffer[pos + 1] & 0xFF;
        int b2 = buffer[pos + 2] & 0xFF;
        int b3 = buffer[pos + 3] & 0xFF;
        pos += 4;
        return bigEndian ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3 : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
    }

    /** Reads a tag: group then element, each in the current byte order. */
    int readTag() throws IOException {
        require(4);
        int group = readUnsignedShort();
        return (group << 16) | readUnsignedShort();
    }

    /** Reads the two characters of an Explicit VR as a 16-bit code (always in stream order). */
    int readVRCode() throws IOException {
        require(2);
        int code = ((buffer[pos] & 0xFF) << 8) | (buffer[pos + 1] & 0xFF);
        pos += 2;
        return code;
    }

    /** Steps back over bytes just read from the buffer (at most 8). */
    void unread(int n) {
        if (n > pos) {
            throw new IllegalStateException("cannot unread " + n + " bytes");
        }
        pos -= n;
    }

    /** Reads exactly {@code n} bytes into a new array. */
    byte[] readBytes(long n) throws IOException {
        if (n > Integer.MAX_VALUE - 8) {
            throw new DicomException("value of " + n + " bytes is too large to load", position());
        }
        int size = (int) n;
        if (size <= TRUSTED_ALLOCATION || (length >= 0 && n <= remaining())) {
            byte[] value = new byte[size];
            readFully(value, 0, size);
            return value;
        }
        byte[] value = new byte[TRUSTED_ALLOCATION];
        int filled = 0;
        while (filled < size) {
            if (filled == value.length) {
                value = java.util.Arrays.copyOf(value, (int) Math.min(size, (long) value.length * 2));
            }
            int chunk = value.length - filled;
            readFully(value, filled, chunk);
            filled += chunk;
        }
        return value;
    }

    void readFully(byte[] into, int offset, int n) throws IOException {
        int buffered = Math.min(n, limit - pos);
        System.arraycopy(buffer, pos, into, offset, buffered);
        pos += buffered;
        int done = buffered;
        while (done < n) {
            int read = in.read(into, offset + done, n - done);
            if (read < 0) {
                throw new DicomException("unexpected end of data: value needs " + (n - done)
                        + " more bytes", position());
            }
            done += read;
            bufferStart += read;
        }
    }

    void skip(long n) throws IOException {
        long buffered = Math.min(n, limit - pos);
        pos += (int) buffered;
        long left = n - buffered;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new DicomException("unexpected end of data: " + left + " bytes to skip", position());
                }
                skipped = 1;
            }
            left -= skipped;
            bufferStart += skipped;
        }
    }

    /**
     * From here on, reads through raw deflate (PS3.5 A.5, RFC 1951); positions then count
     * inflated bytes.
     */
    void startInflating() {
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buffer.clone(), pos, limit - pos), in);
        in = new InflatedInput(rest);
        length = -1;
        bufferStart = 0;
        pos = 0;
        limit = 0;
    }

    /** Releases what reading needs beyond the source stream (the inflater of a deflated data set). */
    void close() throws IOException {
        if (in instanceof InflatedInput inflated) {
            inflated.close();
        }
    }

    /** The stream from the current position on, for a caller that takes over (the buffer's bytes come first). */
    InputStream rest() {
        return new SequenceInputStream(new ByteArrayInputStream(buffer.clone(), pos, limit - pos), in);
    }

    /**
     * Inflated data, whose corrupt or cut-off deflate stream is a {@link DicomException}
     * like any other invalid input (the JDK reports it as ZipException or EOFException).
     */
    private final class InflatedInput extends FilterInputStream {

        private final Inflater inflater;

        InflatedInput(InputStream deflated) {
            this(deflated, new Inflater(true));
        }

        private InflatedInput(InputStream deflated, Inflater inflater) {
            super(new InflaterInputStream(deflated, inflater, 8192));
            this.inflater = inflater;
        }

        /** Frees the inflater's native memory now rather than when it is collected. */
        @Override
        public void close() throws IOException {
            inflater.end();
            super.close();
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] into, int offset, int n) throws IOException {
            try {
                return super.read(into, offset, n);
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        private DicomException corrupt(IOException e) {
            return new DicomException("deflated data set is corrupt (PS3.5 A.5): " + e.getMessage(), position(), e);
        }
    }
}
