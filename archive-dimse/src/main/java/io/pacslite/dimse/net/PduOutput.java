package io.pacslite.dimse.net;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;

/**
 * The writing side of an association's connection: encoded PDUs go out whole, each write
 * bounded by {@link SendWatch}. Over plain TCP the socket belongs to a {@link SocketChannel}
 * (see {@link #plainSocket()}), and a direct buffer, such as a batch of P-DATA-TFs read from a
 * file ({@link DataSetFragments}), goes from there to the kernel without a copy through the
 * Java heap; over TLS the bytes go through the socket's stream, which encrypts them.
 */
final class PduOutput {

    private final Socket socket;
    private final Duration limit;
    private final WritableByteChannel channel;
    /** The TLS socket's stream, flushed after each write; null over plain TCP. */
    private final OutputStream stream;

    /** Writes to {@code socket}, connected; a write blocked for longer than {@code limit} closes it. */
    PduOutput(Socket socket, Duration limit) throws IOException {
        this.socket = socket;
        this.limit = limit;
        SocketChannel socketChannel = socket.getChannel();
        if (socketChannel != null) {
            channel = socketChannel;
            stream = null;
        } else {
            stream = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            channel = Channels.newChannel(stream);
        }
    }

    /**
     * A new unconnected socket for plain TCP, the adaptor of a {@link SocketChannel} so that
     * {@link PduOutput} can write direct buffers to it.
     */
    static Socket plainSocket() throws IOException {
        return SocketChannel.open().socket();
    }

    /** Writes {@code bytes} whole. */
    void write(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    /** Writes the bytes of {@code bytes} from its position to its limit, whole. */
    void write(ByteBuffer bytes) throws IOException {
        SendWatch.write(socket, limit, () -> {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (stream != null) {
                stream.flush();
            }
        });
    }
}
