import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The floor under STOW-RS on this machine: an Undertow server, set up as PACS-lite's (64 KiB
 * buffers, blocking handler), that only reads each POST body to its end in 64 KiB reads and
 * answers 200 with an empty DICOM JSON object; with {@code sha}, it also hashes the bytes
 * (SHA-256), as every store must. No parsing, no files, no index. WebClient's {@code stow}
 * against it gives the time that receiving (and hashing) the bodies alone takes here, to set
 * against the STOW-RS target (docs/performance-ingest.md, "The floor under STOW-RS").
 * Usage: java -cp pacslite.jar bench/dicomweb/StowFloor.java PORT [sha]
 */
public class StowFloor {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        boolean sha = args.length > 1 && args[1].equals("sha");
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setBufferSize(64 * 1024)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
                .setHandler(new BlockingHandler(exchange -> receive(exchange, sha)))
                .build()
                .start();
        System.out.println("StowFloor listening on 127.0.0.1:" + port + (sha ? ", hashing" : ""));
    }

    private static void receive(HttpServerExchange exchange, boolean sha) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        InputStream in = exchange.getInputStream();
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (sha) {
                digest.update(buffer, 0, n);
            }
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/dicom+json");
        exchange.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
    }
}
