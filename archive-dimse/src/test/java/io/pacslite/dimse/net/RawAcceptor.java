package io.pacslite.dimse.net;

import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PduReader;
import io.pacslite.dimse.pdu.PresentationContextAc;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A hand-driven acceptor on a raw socket, for peer behaviour our own server never shows. */
final class RawAcceptor implements Closeable {

    /** What the acceptor does with the one connection it takes. */
    @FunctionalInterface
    interface Script {
        void run(RawAcceptor peer) throws Exception;
    }

    private final ServerSocket server;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Socket socket;
    private PduReader reader;

    RawAcceptor(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(10_000);
                socket = accepted;
                reader = new PduReader(accepted.getInputStream(), 1 << 20);
                script.run(this);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
    }

    RemoteAe ae() {
        return new RemoteAe("127.0.0.1", server.getLocalPort(), "RAWSCP");
    }

    /** Reads the A-ASSOCIATE-RQ and accepts each context in its first transfer syntax, announcing {@code maxPduLength}. */
    AssociateRq accept(long maxPduLength) throws IOException {
        AssociateRq rq = (AssociateRq) read().orElseThrow();
        send(AssociateAc.answering(rq, rq.presentationContexts().stream()
                .map(pc -> new PresentationContextAc(pc.id(), PresentationContextAc.Result.ACCEPTANCE,
                        pc.transferSyntaxes().getFirst()))
                .toList(), UserInformation.of(new MaximumLength(maxPduLength))));
        return rq;
    }

    static PresentationContextRq first(AssociateRq rq) {
        return rq.presentationContexts().getFirst();
    }

    void send(Pdu pdu) throws IOException {
        socket.getOutputStream().write(PduCodec.encode(pdu));
    }

    /** The next PDU, or empty once the requestor closed the connection. */
    Optional<Pdu> read() throws IOException {
        return reader.read();
    }

    /** Waits for the script to end and rethrows what it threw. */
    void finish() throws Exception {
        try {
            done.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new AssertionError("the acceptor script did not end", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
