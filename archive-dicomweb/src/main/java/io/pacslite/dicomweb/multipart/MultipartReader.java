package io.pacslite.dicomweb.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart body (RFC 2046 5.1, as PS3.18 8.6.1.2 uses it for
 * {@code multipart/related}) part by part, as a stream: each part's body is an
 * {@link InputStream} that ends at the next delimiter, so no part and no body is ever held
 * whole. Memory is one buffer of {@value #BUFFER_SIZE} bytes.
 *
 * <p>Tolerant where senders are known to differ: text before the first delimiter (a leading
 * CRLF, as OHIF's upload sends, or a preamble) is skipped; the first delimiter may start the
 * body without a CRLF before it; transport padding (spaces, tabs) after a delimiter is skipped;
 * the close delimiter may lack its CRLF, or the body may end right after the last part's
 * delimiter; header lines may end in LF alone. A body without any delimiter, a part that runs
 * to the end of the body, or part headers over {@value #MAX_HEADER_BYTES} bytes end in a
 * {@link MultipartException}.
 */
public final class MultipartReader {

    static final int BUFFER_SIZE = 64 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BOUNDARY = 200;

    private final InputStream in;
    private final byte[] delimiter;
    /**
     * Boyer-Moore-Horspool shifts: how far the delimiter may move on when the byte under its
     * last position is a given value, without passing over a match.
     */
    private final int[] shifts = new int[256];
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean endOfInput;
    /** Where the last search found a delimiter (valid while it is not before {@code position}), or -1. */
    private int found = -1;
    /** Every index before this was searched without finding a delimiter. */
    private int searched;
    private boolean started;
    private boolean finished;
    private PartBody current;

    /**
     * @param boundary the {@code boundary} parameter of the Content-Type
     * @throws IllegalArgumentException if the boundary is empty or longer than 200 characters
     */
    public MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw new IllegalArgumentException("the multipart boundary must have 1 to " + MAX_BOUNDARY + " characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Arrays.fill(shifts, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shifts[delimiter[i] & 0xFF] = delimiter.length - 1 - i;
        }
        // As if the body started with a CRLF: the first delimiter needs none before it.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /** One part: its headers (names in lower case) and its body, readable until the next delimiter. */
    public record Part(Map<String, String> headers, InputStream body) {

        /** The part's Content-Type, or null if it has none. */
        public MediaType contentType() {
            String value = headers.get("content-type");
            return value == null ? null : MediaType.parse(value);
        }
    }

    /**
     * The next part, or null after the last. The body of the previous part, if not read to its
     * end, is skipped first.
     */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            skipTo(delimiterIndexOrFail("no multipart boundary found in the body"));
        } else if (current != null) {
            current.skipToEnd();
        }
        current = null;
        if (!afterDelimiter()) {
            finished = true;
            return null;
        }
        Map<String, String> headers = readHeaders();
        if (headers == null) {
            finished = true;
            return null;
        }
        current = new PartBody();
        return new Part(headers, current);
    }

    /** Skips the preamble: everything up to and including the first delimiter. */
    private void skipTo(int index) {
        position = index + delimiter.length;
    }

    private int delimiterIndexOrFail(String message) throws IOException {
        while (true) {
            int index = indexOfDelimiter();
            if (index >= 0) {
                return index;
            }
            if (endOfInput) {
                throw new MultipartException(message);
            }
            position = Math.max(position, limit - delimiter.length + 1);
            fill();
        }
    }

    /**
     * After a delimiter: "--" closes the body (false); otherwise transport padding and a line
     * break end the delimiter line (true). The end of the input here also closes the body.
     */
    private boolean afterDelimiter() throws IOException {
        ensure(2);
        if (limit - position == 0) {
            return false;
        }
        if (limit - position >= 2 && buffer[position] == '-' && buffer[position + 1] == '-') {
            position += 2;
            return false;
        }
        while (true) {
            ensure(1);
            if (position == limit) {
                return false;
            }
            byte b = buffer[position];
            if (b == ' ' || b == '\t' || b == '\r') {
                position++;
            } else if (b == '\n') {
                position++;
                return true;
            } else {
                throw new MultipartException("unexpected bytes after a multipart boundary");
            }
        }
    }

    /** Reads header lines up to the empty line; null if the input ends before any header byte. */
    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        StringBuilder line = new StringBuilder();
        while (true) {
            ensure(1);
            if (position == limit) {
                if (total == 0) {
                    return null;
                }
                throw new MultipartException("the body ends inside the headers of a part");
            }
            byte b = buffer[position++];
            if (++total > MAX_HEADER_BYTES) {
                throw new MultipartException("part headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b == '\n') {
                if (line.isEmpty()) {
                    return headers;
                }
                int colon = line.indexOf(":");
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
                line.setLength(0);
            } else if (b != '\r') {
                line.append((char) (b & 0xFF));
            }
        }
    }

    /** Makes at least {@code count} bytes available from the position, unless the input ends first. */
    private void ensure(int count) throws IOException {
        while (limit - position < count && !endOfInput) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            searched = Math.max(0, searched - position);
            found = found >= position ? found - position : -1;
            position = 0;
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }

    /**
     * Index of the next delimiter in the buffered bytes, or -1. A part body is read in many
     * small reads; each resumes the search where the last one stopped rather than scanning the
     * whole buffer again. Boyer-Moore-Horspool: in pixel data most steps skip the delimiter's
     * whole length (30 bytes and more) after reading one byte.
     */
    private int indexOfDelimiter() {
        if (found >= position) {
            return found;
        }
        int end = delimiter.length - 1;
        int last = limit - delimiter.length;
        int i = Math.max(position, searched);
        while (i <= last) {
            byte under = buffer[i + end];
            if (under == delimiter[end] && matchesAt(i)) {
                found = i;
                return i;
            }
            i += shifts[under & 0xFF];
        }
        searched = Math.max(position, last + 1);
        return -1;
    }

    private boolean matchesAt(int index) {
        for (int j = 0; j < delimiter.length - 1; j++) {
            if (buffer[index + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** The body of the current part: the bytes up to the next delimiter, which it consumes. */
    private final class PartBody extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended || current != this) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                ensure(delimiter.length);
                int index = indexOfDelimiter();
                if (index == position) {
                    ended = true;
                    position += delimiter.length;
                    return -1;
                }
                int available = index >= 0 ? index - position
                        : endOfInput ? -1 : limit - position - delimiter.length + 1;
                if (available < 0) {
                    throw new MultipartException("the body ends inside a part, before its closing boundary");
                }
                if (available > 0) {
                    int n = Math.min(length, available);
                    System.arraycopy(buffer, position, target, offset, n);
                    position += n;
                    return n;
                }
                fill();
            }
        }

        void skipToEnd() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }
}
