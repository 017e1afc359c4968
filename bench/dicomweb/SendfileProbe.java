import io.undertow.Undertow;
import io.undertow.io.UndertowOutputStream;
import io.undertow.util.Headers;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a multipart answer of stored files costs on Undertow with and without a Content-Length
 * (docs/benchmarks-dicomweb.md, "Where the time goes"): serves the .dcm files of FOLDER as one
 * multipart/related answer the way WadoService does (part headers through the output stream,
 * each file by UndertowOutputStream.transferFrom, on a virtual thread), chunked at /chunked
 * and with the whole length announced at /fixed. Fetch both with WebClient get.
 *
 * Usage: java -cp pacslite.jar SendfileProbe.java FOLDER PORT
 */
public class SendfileProbe {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        String boundary = "probe-boundary";
        List<byte[]> partHeaders = new ArrayList<>();
        long length = 0;
        for (Path file : files) {
            byte[] header = ("\r\n--" + boundary + "\r\nContent-Type: application/dicom\r\nContent-Length: "
                    + Files.size(file) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            partHeaders.add(header);
            length += header.length + Files.size(file);
        }
        byte[] close = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long total = length + close.length;
        Undertow.builder().addHttpListener(Integer.parseInt(args[1]), "127.0.0.1")
                .setHandler(exchange -> exchange.dispatch(Thread::startVirtualThread, ex -> {
                    ex.startBlocking();
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE,
                            "multipart/related; type=\"application/dicom\"; boundary=" + boundary);
                    if (ex.getRequestPath().endsWith("/fixed")) {
                        ex.setResponseContentLength(total);
                    }
                    OutputStream out = ex.getOutputStream();
                    for (int i = 0; i < files.size(); i++) {
                        out.write(partHeaders.get(i));
                        try (FileChannel file = FileChannel.open(files.get(i))) {
                            ((UndertowOutputStream) out).transferFrom(file);
                        }
                    }
                    out.write(close);
                    out.close();
                }))
                .build().start();
        System.out.println("serving " + files.size() + " files, " + total + " bytes, on port " + args[1]);
    }
}
