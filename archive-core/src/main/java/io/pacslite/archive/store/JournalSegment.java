package io.pacslite.archive.store;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One preallocated, zero-filled file of the {@link Journal}. It starts with a header block
 * (magic, state, generation, CRC-32C) and holds records from {@link #FIRST_RECORD} on. The
 * generation is given when the segment becomes the one appended to, and every record carries
 * it: a record of an earlier use of the file (still there after recycling, with a valid
 * CRC) names an older generation and ends the scan. The file is written in full when created,
 * so appending is an overwrite that changes no metadata, and {@code force(false)}
 * (fdatasync) makes records durable without a file system journal commit.
 *
 * <p>Record layout (big-endian): magic {@code PLJR}, length of the whole record, CRC-32C of
 * everything after the CRC, generation (8 bytes), kind (1 byte: file or tombstone), key
 * length (2 bytes), key (ASCII), then the file's bytes. Not thread-safe: the journal's
 * append lock guards writes.
 */
final class JournalSegment implements Closeable {

    /** Where records start; the header has a block of its own, so rewriting it touches no record. */
    static final int FIRST_RECORD = 4096;
    static final int RECORD_MAGIC = 0x504C4A52; // "PLJR"
    /** magic, length, CRC; then generation, kind, key length. */
    static final int RECORD_HEADER = 4 + 4 + 4 + 8 + 1 + 2;
    static final byte FILE = 1;
    static final byte TOMBSTONE = 2;

    private static final int HEADER_MAGIC = 0x504C4A53; // "PLJS"
    private static final byte FREE = 0;
    private static final byte IN_USE = 1;
    private static final int HEADER_SIZE = 4 + 1 + 8 + 4;
    private static final int ZERO_CHUNK = 1 << 20;

    /** A record found by a scan: where it is, and what it says (the file's bytes are read on demand). */
    record Entry(JournalSegment segment, long offset, int length, byte kind, String key, int dataOffset) {

        /** The file's bytes of a {@link #FILE} record. */
        byte[] data() throws IOException {
            return segment.read(offset + dataOffset, length - dataOffset);
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private long generation;
    private boolean inUse;
    /** Next offset to append at; meaningful while in use. */
    private long position = FIRST_RECORD;
    /** Keys of the file records appended since the segment came into use, for the checkpoint. */
    private final List<String> keys = new ArrayList<>();

    private JournalSegment(Path path, FileChannel channel, long size, long generation, boolean inUse) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.generation = generation;
        this.inUse = inUse;
    }

    /**
     * Creates the file {@code path}, zero-filled to {@code size} bytes with a free header, and
     * forces it (data and metadata); the caller forces the directory.
     */
    static JournalSegment create(Path path, long size, long generation) throws IOException {
        Path partial = path.resolveSibling(path.getFileName() + ".new");
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK);
            for (long written = 0; written < size; ) {
                zeros.clear().limit((int) Math.min(ZERO_CHUNK, size - written));
                written += writeFully(channel, zeros, written);
            }
            writeFully(channel, header(FREE, generation), 0);
            channel.force(true);
        }
        Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE);
        return open(path);
    }

    /** Opens an existing segment; a header that is not valid counts as free (generation 0). */
    static JournalSegment open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
            channel.read(header, 0); // a short file reads as an invalid header: a free segment
            header.flip().limit(HEADER_SIZE);
            int magic = header.getInt();
            byte state = header.get();
            long generation = header.getLong();
            int crc = header.getInt();
            boolean valid = magic == HEADER_MAGIC && crc == crc(header.array(), 4, 1 + 8);
            return new JournalSegment(path, channel, channel.size(), valid ? generation : 0, valid && state == IN_USE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    long generation() {
        return generation;
    }

    boolean inUse() {
        return inUse;
    }

    /** Whether a record of {@code length} bytes fits after the last one. */
    boolean fits(long length) {
        return position + length <= size;
    }

    /** Whether a record of {@code length} bytes would fit in an empty segment of this size. */
    static boolean fitsEmpty(long segmentSize, long length) {
        return FIRST_RECORD + length <= segmentSize;
    }

    boolean isEmpty() {
        return position == FIRST_RECORD;
    }

    List<String> keys() {
        return keys;
    }

    /** Takes the segment into use under {@code newGeneration}: the header is written and forced first. */
    void begin(long newGeneration) throws IOException {
        writeFully(channel, header(IN_USE, newGeneration), 0);
        channel.force(false);
        generation = newGeneration;
        inUse = true;
        position = FIRST_RECORD;
        keys.clear();
    }

    /** Marks the segment free, durably, so that none of its records is replayed again. */
    void recycle() throws IOException {
        writeFully(channel, header(FREE, generation), 0);
        channel.force(false);
        inUse = false;
        position = FIRST_RECORD;
        keys.clear();
    }

    /** Writes one record at the end, without forcing; returns its length. */
    int append(byte kind, String key, ByteBuffer data) throws IOException {
        byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
        int length = RECORD_HEADER + keyBytes.length + data.remaining();
        ByteBuffer head = ByteBuffer.allocate(RECORD_HEADER + keyBytes.length);
        head.putInt(RECORD_MAGIC).putInt(length).putInt(0).putLong(generation).put(kind)
                .putShort((short) keyBytes.length).put(keyBytes).flip();
        CRC32C crc = new CRC32C();
        crc.update(head.array(), 12, head.limit() - 12);
        crc.update(data.duplicate());
        head.putInt(8, (int) crc.getValue());
        long at = position;
        channel.position(at);
        ByteBuffer[] parts = {head, data};
        while (head.hasRemaining() || data.hasRemaining()) {
            channel.write(parts);
        }
        position = at + length;
        if (kind == FILE) {
            keys.add(key);
        }
        return length;
    }

    /** Forces the records written so far (fdatasync: the file's size and blocks do not change). */
    void force() throws IOException {
        channel.force(false);
    }

    /**
     * The valid records of the current generation, in order, up to the first that is not (never
     * written, torn, or of an earlier use of the file). A free segment has none.
     */
    List<Entry> scan() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!inUse) {
            return entries;
        }
        long offset = FIRST_RECORD;
        ByteBuffer fixed = ByteBuffer.allocate(12);
        while (offset + RECORD_HEADER <= size) {
            fixed.clear();
            readFully(channel, fixed, offset);
            fixed.flip();
            int magic = fixed.getInt();
            int length = fixed.getInt();
            int crc = fixed.getInt();
            if (magic != RECORD_MAGIC || length < RECORD_HEADER || length > size - offset) {
                break;
            }
            byte[] rest = read(offset + 12, length - 12);
            if (crc != crc(rest, 0, rest.length)) {
                break;
            }
            ByteBuffer body = ByteBuffer.wrap(rest);
            long recordGeneration = body.getLong();
            byte kind = body.get();
            int keyLength = Short.toUnsignedInt(body.getShort());
            if (recordGeneration != generation || (kind != FILE && kind != TOMBSTONE)
                    || RECORD_HEADER + keyLength > length) {
                break;
            }
            String key = new String(rest, body.position(), keyLength, StandardCharsets.US_ASCII);
            entries.add(new Entry(this, offset, length, kind, key, RECORD_HEADER + keyLength));
            offset += length;
        }
        position = offset;
        return entries;
    }

    byte[] read(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(channel, buffer, offset);
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer header(byte state, long generation) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        header.putInt(HEADER_MAGIC).put(state).putLong(generation);
        header.putInt(crc(header.array(), 4, 1 + 8));
        return header.flip();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static int writeFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        int written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, at + written);
        }
        return written;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new EOFException("journal segment ends before offset " + (at + buffer.limit()));
            }
        }
    }
}
