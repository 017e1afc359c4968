package io.pacslite.dicomweb.multipart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Writes a {@code multipart/related} body (RFC 2387, PS3.18 8.6.1.2) part by part: call
 * {@link #startPart}, write the part's bytes to the same stream, and {@link #finish} after the
 * last. Part headers are written exactly as {@code Content-Type:} and {@code Content-Length:}
 * (OHIF's parser looks for that spelling).
 */
public final class MultipartWriter {

    private final OutputStream out;
    private final String boundary;
    private boolean first = true;

    public MultipartWriter(OutputStream out, String boundary) {
        this.out = out;
        this.boundary = boundary;
    }

    /** A boundary that cannot occur in DICOM data by chance. */
    public static String newBoundary() {
        return "pacslite-" + UUID.randomUUID();
    }

    /** The response's Content-Type: {@code multipart/related; type="<partType>"; boundary=<boundary>}. */
    public static String contentType(String partType, String boundary) {
        return "multipart/related; type=\"" + partType + "\"; boundary=" + boundary;
    }

    /**
     * Starts a part; its bytes follow on the stream.
     *
     * @param length the part's length, or -1 to leave Content-Length out
     */
    public void startPart(String contentType, long length) throws IOException {
        out.write(partHead(first, contentType, length).getBytes(StandardCharsets.ISO_8859_1));
        first = false;
    }

    /** Writes the close delimiter. */
    public void finish() throws IOException {
        out.write(closeDelimiter(first).getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The length of the whole body {@link #startPart} and {@link #finish} write around parts of
     * these content types and lengths (every length known), so that a response can announce
     * its Content-Length before the first byte and the server can send files zero copy.
     */
    public long bodyLength(List<String> contentTypes, List<Long> lengths) {
        long total = 0;
        for (int i = 0; i < contentTypes.size(); i++) {
            total += partHead(i == 0, contentTypes.get(i), lengths.get(i)).length() + lengths.get(i);
        }
        return total + closeDelimiter(contentTypes.isEmpty()).length();
    }

    /** The delimiter and headers before a part (RFC 2046 5.1.1: CRLF belongs to the delimiter). */
    private String partHead(boolean firstPart, String contentType, long length) {
        StringBuilder head = new StringBuilder();
        head.append(firstPart ? "" : "\r\n").append("--").append(boundary).append("\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\n");
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private String closeDelimiter(boolean noParts) {
        return (noParts ? "" : "\r\n") + "--" + boundary + "--\r\n";
    }
}
