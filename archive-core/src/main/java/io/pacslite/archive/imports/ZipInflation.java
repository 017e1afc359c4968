package io.pacslite.archive.imports;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A ZIP member's raw data (from {@link ZipReader#readRaw}) turned into its bytes on a worker
 * thread: STORED data as it is, DEFLATED data (APPNOTE.TXT 4.4.5, method 8: raw deflate)
 * inflated. Whole, checked against the sizes and CRC-32 of the member's header; or only its
 * first bytes, to tell what the member is before inflating it all.
 */
final class ZipInflation {

    private ZipInflation() {
    }

    /** The member's bytes, whole, checked against its size and CRC-32. */
    static byte[] inflate(ZipReader.Entry entry, byte[] raw) throws ZipException {
        if (entry.size() > Integer.MAX_VALUE - 8) {
            throw new ZipException("member \"" + entry.name() + "\" is too large to hold");
        }
        byte[] data;
        if (entry.method() == ZipReader.STORED) {
            if (raw.length != entry.size()) {
                throw new ZipException("member \"" + entry.name() + "\" is STORED with two different sizes");
            }
            data = raw;
        } else {
            data = new byte[(int) entry.size()];
            Inflater inflater = new Inflater(true);
            try {
                int done = inflateInto(inflater, raw, data);
                if (done != data.length || !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                    throw new ZipException("member \"" + entry.name() + "\" does not inflate to the size its header says");
                }
            } catch (DataFormatException e) {
                throw invalid(entry, e);
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

    /** The member's first {@code length} bytes (fewer if it is shorter); nothing is checked. */
    static byte[] head(ZipReader.Entry entry, byte[] raw, int length) throws ZipException {
        if (entry.method() == ZipReader.STORED) {
            return Arrays.copyOf(raw, Math.min(length, raw.length));
        }
        Inflater inflater = new Inflater(true);
        try {
            byte[] head = new byte[length];
            return Arrays.copyOf(head, inflateInto(inflater, raw, head));
        } catch (DataFormatException e) {
            throw invalid(entry, e);
        } finally {
            inflater.end();
        }
    }

    /** Inflates {@code raw} into {@code out} until it is full or the data ends; how many bytes it got. */
    private static int inflateInto(Inflater inflater, byte[] raw, byte[] out) throws DataFormatException {
        inflater.setInput(raw);
        int done = 0;
        while (done < out.length) {
            int n = inflater.inflate(out, done, out.length - done);
            if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                break;
            }
            done += n;
        }
        return done;
    }

    private static ZipException invalid(ZipReader.Entry entry, DataFormatException e) {
        return new ZipException("member \"" + entry.name() + "\": " + e.getMessage());
    }
}
