package io.pacslite.dicomweb.server;

import io.undertow.server.HttpServerExchange;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * A response body of byte pieces and file ranges whose length is known beforehand, written
 * from the connection's IO thread without blocking, file ranges by sendfile, and the exchange
 * ended there. An endpoint (on its virtual thread) adds the pieces, calls {@link #send} and
 * returns.
 *
 * <p>Why not the blocking stream: an exchange that ends on a worker thread re-arms its
 * keep-alive connection for the next request from that thread, and Undertow 2.3's IO thread
 * busy-waits ({@code HttpReadListener.handleEvent}) while it does so if the next request has
 * already arrived, which a client that sends its next request as soon as the last byte came
 * makes the rule. With many small answers over few connections (a viewer fetching frames,
 * PS3.18 10.4.1.1.3) that wait cost a fifth of the server's CPU on two busy cores. Ended on
 * the IO thread, the exchange re-arms the connection without the wait.
 */
public final class IoThreadBody {

    private static final Logger LOG = LoggerFactory.getLogger(IoThreadBody.class);

    /** One piece of the body: written from where it stopped until it reports it is done. */
    private sealed interface Piece {

        /** Writes what the channel takes now; true when the piece is all written. */
        boolean writeTo(StreamSinkChannel channel) throws IOException;
    }

    private record Bytes(ByteBuffer buffer) implements Piece {
        @Override
        public boolean writeTo(StreamSinkChannel channel) throws IOException {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class FileRange implements Piece {
        private final FileChannel file;
        private long position;
        private final long end;

        FileRange(FileChannel file, long offset, long length) {
            this.file = file;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public boolean writeTo(StreamSinkChannel channel) throws IOException {
            while (position < end) {
                long sent = channel.transferFrom(file, position, end - position);
                if (sent == 0) {
                    return false;
                }
                position += sent;
            }
            return true;
        }
    }

    private final List<Piece> pieces = new ArrayList<>();
    private final List<FileChannel> files = new ArrayList<>();
    private long length;
    private int next;

    /** Adds bytes to the body. */
    public IoThreadBody bytes(byte[] bytes) {
        pieces.add(new Bytes(ByteBuffer.wrap(bytes)));
        length += bytes.length;
        return this;
    }

    /**
     * Adds {@code length} bytes of {@code file} from {@code offset}; the body owns the channel
     * from now on and closes it when it is sent or fails.
     *
     * @throws EOFException if the file ends before the range does (the channel is closed)
     */
    public IoThreadBody file(FileChannel file, long offset, long length) throws IOException {
        files.add(file);
        try {
            Responses.requireRange(file, offset, length);
        } catch (IOException e) {
            close();
            throw e;
        }
        pieces.add(new FileRange(file, offset, length));
        this.length += length;
        return this;
    }

    /** The body's length so far. */
    public long length() {
        return length;
    }

    /** Closes the files of a body that will not be sent. */
    public void close() {
        files.forEach(IoUtils::safeClose);
    }

    /**
     * Announces the body's length, commits the response (its status and headers as set now;
     * commit listeners run on this thread) and hands the writing to the IO thread. The caller,
     * an {@link Endpoint} on its blocking thread, returns right after and writes nothing more.
     */
    public void send(HttpServerExchange exchange) {
        exchange.setResponseContentLength(length);
        StreamSinkChannel channel = exchange.getResponseChannel();
        exchange.dispatch(exchange.getIoThread(), () -> write(exchange, channel));
    }

    /** On the IO thread: writes what the channel takes, then waits for it to take more, and ends. */
    private void write(HttpServerExchange exchange, StreamSinkChannel channel) {
        try {
            for (; next < pieces.size(); next++) {
                if (!pieces.get(next).writeTo(channel)) {
                    waitForWritable(exchange, channel);
                    return;
                }
            }
            channel.shutdownWrites();
            if (!channel.flush()) {
                waitForWritable(exchange, channel);
                return;
            }
            channel.suspendWrites();
            channel.getWriteSetter().set(null);
            close();
            exchange.endExchange();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {} broke off after the response started: {}", exchange.getRequestMethod(),
                    exchange.getRequestPath(), e.toString());
            close();
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    private void waitForWritable(HttpServerExchange exchange, StreamSinkChannel channel) {
        channel.getWriteSetter().set(writable -> write(exchange, channel));
        channel.resumeWrites();
    }
}
