package io.pacslite.archive.imports;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * Reads a ZIP archive (APPNOTE.TXT 6.3) front to back as a stream, member by member, from its
 * local file headers: what {@link java.util.zip.ZipInputStream} does, with two differences the
 * import needs. A member whose sizes its local header gives can be read raw
 * ({@link #readRaw}), so that it is inflated by a worker thread ({@link ZipInflation}) and not by the
 * one thread that reads the archive (inflating is most of the reading's cost); and the end is
 * checked: an archive must end in its central directory, so one cut short between two members
 * is truncated, not complete.
 *
 * <p>Members are STORED or DEFLATED (method 0 or 8; others are reported, and skipped when
 * their size is known). A DEFLATED member without sizes (bit 3: a data descriptor follows) is
 * inflated from the stream ({@link ZipMemberData}), and the bytes the inflater read past its
 * end are pushed back. A STORED member without sizes cannot be delimited in a stream: such an
 * archive is refused, as {@code ZipInputStream} does. ZIP64 sizes are read from the extra
 * field. Every member is checked against its CRC-32 and sizes when it has been read. Not
 * thread-safe.
 */
final class ZipReader {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final int LOC = 0x04034b50;
    private static final int CEN = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64 = 0x06064b50;
    static final int DESCRIPTOR = 0x08074b50;
    static final int BUFFER = 64 * 1024;

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
    ZipMemberData open(Entry entry) throws IOException {
        if (entry.sizesKnown()) {
            return new ZipMemberData(this, entry, new ZipMemberData.Bounded(in, entry.compressedSize()), false);
        }
        if (entry.method() != DEFLATED) {
            throw new ZipException("member \"" + entry.name() + "\" is STORED with a data descriptor, which a stream"
                    + " cannot delimit");
        }
        return new ZipMemberData(this, entry, in, true);
    }

    /** Gives bytes read past a member's data back to the archive's stream (at most {@value #BUFFER}). */
    void unread(byte[] bytes, int offset, int length) throws IOException {
        in.unread(bytes, offset, length);
    }

    /** The archive's next {@code length} bytes. */
    byte[] readFully(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("Unexpected end of the archive inside member " + Math.max(entries, 1));
        }
        return bytes;
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long le64(byte[] b, int at) {
        return (le32(b, at) & 0xFFFFFFFFL) | (long) le32(b, at + 4) << 32;
    }
}
