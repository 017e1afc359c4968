package io.pacslite.dicomweb.multipart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        StringBuilder head = new StringBuilder();
        head.append(first ? "" : "\r\n").append("--").append(boundary).append("\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\n");
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        first = false;
    }

    /** Writes the close delimiter. */
    public void finish() throws IOException {
        out.write(((first ? "" : "\r\n") + "--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
}
