package io.pacslite.dicomweb.server;

import io.undertow.io.BufferWritableOutputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/** Writing responses: error answers with a reason, and bodies (gzip-compressed for JSON when the client accepts it). */
public final class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
    private static final HttpString WARNING = new HttpString("Warning");

    private Responses() {
    }

    /**
     * Answers with {@code status} and {@code reason} as plain text and in a Warning header
     * (PS3.18 8.5). If the response has already started (a multipart stream broke off), the
     * connection is closed so the client sees a truncated body rather than a wrong one.
     */
    public static void error(HttpServerExchange exchange, int status, String reason) {
        if (exchange.isResponseStarted()) {
            LOG.warn("{} {} broke off after the response started: {}", exchange.getRequestMethod(),
                    exchange.getRequestPath(), reason);
            exchange.setPersistent(false);
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.setStatusCode(status);
        String oneLine = reason.replaceAll("[\\r\\n\"]", " ");
        exchange.getResponseHeaders().put(WARNING, "299 pacslite \"" + oneLine + "\"");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(oneLine + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Starts a body of {@code contentType}; when {@code compressible} and the client accepts
     * gzip, the body is gzip-encoded. The caller closes the stream.
     */
    public static OutputStream body(HttpServerExchange exchange, String contentType, boolean compressible)
            throws IOException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        if (compressible) {
            exchange.getResponseHeaders().put(Headers.VARY, "Accept-Encoding");
            if (acceptsGzip(exchange)) {
                exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
                return new GZIPOutputStream(exchange.getOutputStream(), 8192);
            }
        }
        return exchange.getOutputStream();
    }

    /**
     * Writes the rest of a file to a response stream, zero copy (the kernel's sendfile, through
     * {@link FileChannel} transfer) when the stream is Undertow's own, which it is unless the
     * body is being compressed. Undertow 2.3 marks {@code transferFrom} deprecated without a
     * blocking replacement (its own blocking sender still calls it), so the warning is
     * silenced here, in this one place.
     */
    @SuppressWarnings("deprecation")
    public static void transfer(FileChannel file, OutputStream out) throws IOException {
        if (out instanceof BufferWritableOutputStream undertow) {
            undertow.transferFrom(file);
        } else {
            Channels.newInputStream(file).transferTo(out);
        }
    }

    /**
     * Writes {@code length} bytes of a file from {@code offset} to a response stream, zero copy
     * like {@link #transfer(FileChannel, OutputStream)} (a frame cut from a stored file goes out
     * by one sendfile instead of 16 KiB copies).
     *
     * @throws EOFException if the file ends before the range does
     */
    public static void transfer(FileChannel file, long offset, long length, OutputStream out) throws IOException {
        requireRange(file, offset, length);
        transfer(new FileChannelSlice(file, offset, length), out);
    }

    /** @throws EOFException if {@code length} bytes from {@code offset} do not lie within {@code file} */
    static void requireRange(FileChannel file, long offset, long length) throws IOException {
        long size = file.size();
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new EOFException("range of " + length + " bytes at " + offset + " runs past the end of a "
                    + size + "-byte file");
        }
    }

    /** Sends a small text body. */
    public static void text(HttpServerExchange exchange, int status, String contentType, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(text, StandardCharsets.UTF_8);
    }

    private static boolean acceptsGzip(HttpServerExchange exchange) {
        HeaderValues values = exchange.getRequestHeaders().get(Headers.ACCEPT_ENCODING);
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String coding : value.split(",")) {
                String[] pieces = coding.trim().split(";");
                if (pieces[0].trim().equalsIgnoreCase("gzip")
                        && !(pieces.length > 1 && pieces[1].replace(" ", "").matches("q=0(\\.0*)?"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
