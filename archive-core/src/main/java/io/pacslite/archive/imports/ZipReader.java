package io.pacslite.archive.imports;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads a ZIP archive (APPNOTE.TXT 6.3) front to back as a stream, member by member, from its
 * local file headers: what {@link java.util.zip.ZipInputStream} does, with two differences
 * the import needs. A member whose sizes its local header gives can be read raw
 * ({@link #readRaw}), so that it is inflated by a worker thread and not by the one thread that
 * reads the archive (inflating is most of the reading's cost); and the end is checked: an
 * archive must end in its central directory, so one cut short between two members is
 * truncated, not complete.
 *
 * <p>Members are STORED or DEFLATED (method 0 or 8; others are reported, and skipped when their
 * size is known). A DEFLATED member without sizes (bit 3: a data descriptor follows) is
 * inflated from the stream, and the bytes the inflater read past its end are pushed back. A
 * STORED member without sizes cannot be delimited in a stream: such an archive is refused, as
 * {@code ZipInputStream} does. ZIP64 sizes are read from the extra field. Every member is
 * checked against its CRC-32 and sizes when it has been read. Not thread-safe.
 */
final class ZipReader {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final int LOC = 0x04034b50;
    private static final int CEN = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64 = 0x06064b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final int BUFFER = 64 * 1024;

    private final PushbackInputStream in;
    private final Charset dosNames;
    private int entries;

    /**
     * @param raw the archive's bytes
     * @param dosNames the character set of names without the UTF-8 flag (bit 11)
     */
    ZipReader(InputStream raw, Charset dosNames) {
        this.in = new PushbackInputStream(raw, BUFFER);
        this.dosNames = dosNames;
    }

    /**
     * One member, as its local header describes it.
     *
     * @param compressedSize its size in the archive, or -1 when a data descriptor gives it
     * @param size its inflated size, or -1 when a data descriptor gives it
     * @param crc its CRC-32, or -1 when a data descriptor gives it
     */
    record Entry(String name, int flags, int method, long crc, long compressedSize, long size, boolean zip64) {

        /** Whether the sizes and CRC are known before the data (no data descriptor). */
        boolean sizesKnown() {
            return (flags & 8) == 0;
        }

        boolean encrypted() {
            return (flags & 1) != 0;
        }

        boolean directory() {
            return name.endsWith("/") || name.endsWith("\\");
        }
    }

    /** How many members have been read so far. */
    int entries() {
        return entries;
    }

    /**
     * The next member's header, or null where the central directory begins (the archive's
     * members are all read).
     *
     * @throws EOFException if the archive ends before its central directory (truncated)
     * @throws ZipException if something else stands where a member or the directory should
     */
    Entry next() throws IOException {
        byte[] signature = in.readNBytes(4);
        if (signature.length < 4) {
            throw new EOFException("it ends after " + entries + " members, without its central directory");
        }
        int kind = le32(signature, 0);
        if (kind == CEN || kind == END || kind == END64) {
            return null;
        }
        if (kind != LOC) {
            throw new ZipException("no member header where member " + (entries + 1) + " should begin");
        }
        byte[] header = readFully(26);
        int flags = le16(header, 2);
        int method = le16(header, 4);
        long crc = le32(header, 10) & 0xFFFFFFFFL;
        long compressed = le32(header, 14) & 0xFFFFFFFFL;
        long size = le32(header, 18) & 0xFFFFFFFFL;
        byte[] name = readFully(le16(header, 22));
        byte[] extra = readFully(le16(header, 24));
        boolean zip64 = false;
        for (int at = 0; at + 4 <= extra.length;) {
            int id = le16(extra, at);
            int length = le16(extra, at + 2);
            if (id == 0x0001) {
                zip64 = true;
                int field = at + 4;
                if (size == 0xFFFFFFFFL && field + 8 <= at + 4 + length && field + 8 <= extra.length) {
                    size = le64(extra, field);
                    field += 8;
                }
                if (compressed == 0xFFFFFFFFL && field + 8 <= at + 4 + length && field + 8 <= extra.length) {
                    compressed = le64(extra, field);
                }
            }
            at += 4 + length;
        }
        entries++;
        String decoded = new String(name, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : dosNames);
        if ((flags & 8) != 0) {
            return new Entry(decoded, flags, method, -1, -1, -1, zip64);
        }
        if (compressed < 0 || size < 0) {
            throw new ZipException("member " + entries + " has an impossible size");
        }
        return new Entry(decoded, flags, method, crc, compressed, size, zip64);
    }

    /** Whether this reader can read the member's data (STORED or DEFLATED, not encrypted, delimited). */
    static String unsupported(Entry entry) {
        if (entry.encrypted()) {
            return "is encrypted";
        }
        if (entry.method() != STORED && entry.method() != DEFLATED) {
            return "is compressed with method " + entry.method() + " (only STORED and DEFLATED are read)";
        }
        return null;
    }

    /**
     * The member's data as it is in the archive; for a member whose sizes are known and that
     * fits in an array.
     *
     * @throws EOFException if the archive ends inside it
     */
    byte[] readRaw(Entry entry) throws IOException {
        if (!entry.sizesKnown() || entry.compressedSize() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("not a member of known size: " + entry.name());
        }
        return readFully((int) entry.compressedSize());
    }

    /** Skips the data of a member whose sizes are known. */
    void skipRaw(Entry entry) throws IOException {
        long left = entry.compressedSize();
        byte[] buffer = new byte[BUFFER];
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("Unexpected end of the member's data");
            }
            left -= n;
        }
    }

    /**
     * The member's inflated data as a stream, checked against its CRC-32 and size at its end
     * (a {@link ZipException} if they differ); read it to its end before {@link #next}.
     *
     * @throws ZipException if it cannot be read from a stream (STORED with a data descriptor)
     */
    MemberData open(Entry entry) throws IOException {
        if (entry.sizesKnown()) {
            return new MemberData(entry, new Bounded(in, entry.compressedSize()), false);
        }
        if (entry.method() != DEFLATED) {
            throw new ZipException("member \"" + entry.name() + "\" is STORED with a data descriptor, which a stream"
                    + " cannot delimit");
        }
        return new MemberData(entry, in, true);
    }

    /** Inflates a member's raw data (from {@link #readRaw}) whole, checking its size and CRC-32. */
    static byte[] inflate(Entry entry, byte[] raw) throws ZipException {
        if (entry.size() > Integer.MAX_VALUE - 8) {
            throw new ZipException("member \"" + entry.name() + "\" is too large to hold");
        }
        byte[] data;
        if (entry.method() == STORED) {
            if (raw.length != entry.size()) {
                throw new ZipException("member \"" + entry.name() + "\" is STORED with two different sizes");
            }
            data = raw;
        } else {
            data = new byte[(int) entry.size()];
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(raw);
                int done = 0;
                while (done < data.length) {
                    int n = inflater.inflate(data, done, data.length - done);
                    if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    done += n;
                }
                if (done != data.length || !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                    throw new ZipException("member \"" + entry.name() + "\" does not inflate to the size its header says");
                }
            } catch (DataFormatException e) {
                throw new ZipException("member \"" + entry.name() + "\": " + e.getMessage());
            } finally {
                inflater.end();
            }
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        if (crc.getValue() != entry.crc()) {
            throw new ZipException("invalid entry CRC of member \"" + entry.name() + "\"");
        }
        return data;
    }

    /** The first {@code length} inflated bytes of a member's raw data (fewer if it is shorter). */
    static byte[] head(Entry entry, byte[] raw, int length) throws ZipException {
        if (entry.method() == STORED) {
            return java.util.Arrays.copyOf(raw, Math.min(length, raw.length));
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw);
            byte[] head = new byte[length];
            int done = 0;
            while (done < length) {
                int n = inflater.inflate(head, done, length - done);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                done += n;
            }
            return java.util.Arrays.copyOf(head, done);
        } catch (DataFormatException e) {
            throw new ZipException("member \"" + entry.name() + "\": " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /**
     * One member's inflated data, from the archive's stream: it counts the compressed bytes
     * used (for the zip bomb check), and at its end checks the CRC-32 and sizes (read from the
     * data descriptor when the header did not give them).
     */
    final class MemberData extends InputStream {

        private final Entry entry;
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

        private MemberData(Entry entry, InputStream source, boolean descriptor) {
            this.entry = entry;
            this.source = source;
            this.descriptor = descriptor;
            this.inflater = entry.method() == DEFLATED ? new Inflater(true) : null;
            this.input = entry.method() == DEFLATED ? new byte[BUFFER] : null;
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
                    in.unread(input, lastInput - remaining, remaining);
                }
            }
            if (descriptor) {
                byte[] first = readFully(4);
                long value = le32(first, 0) & 0xFFFFFFFFL;
                expectedCrc = value == DESCRIPTOR ? le32(readFully(4), 0) & 0xFFFFFFFFL : value;
                byte[] sizes = readFully(entry.zip64() ? 16 : 8);
                long compressedSize = entry.zip64() ? le64(sizes, 0) : le32(sizes, 0) & 0xFFFFFFFFL;
                expectedSize = entry.zip64() ? le64(sizes, 8) : le32(sizes, 4) & 0xFFFFFFFFL;
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
    }

    private byte[] readFully(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("Unexpected end of the archive inside member " + Math.max(entries, 1));
        }
        return bytes;
    }

    /** The next {@code limit} bytes of a stream. */
    private static final class Bounded extends InputStream {
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
            byte[] buffer = new byte[BUFFER];
            while (read(buffer, 0, buffer.length) >= 0) {
                // past what the inflater needed: still the member's
            }
        }
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static long le64(byte[] b, int at) {
        return (le32(b, at) & 0xFFFFFFFFL) | (long) le32(b, at + 4) << 32;
    }
}
