import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The one DICOMweb client of the benchmark (docs/benchmarks-dicomweb.md): it sends the same
 * requests, byte for byte apart from the Host port, to PACS-lite and to Orthanc, over HTTP/1.1
 * keep-alive connections. HTTP/1.1 is spoken here on a plain socket (request line, Host,
 * Accept, and for a POST Content-Type and Content-Length; answers by Content-Length or
 * chunked) because java.net.http's body streaming tops out near 400 MB/s on this machine,
 * below what both servers send, while this reads at socket speed. Each command prints its
 * figures and ends with one line "result VALUE DETAIL" for bench/dicomweb/run, then, when the
 * environment names the server's process (SERVER_PID, and CLK_TCK), "cpu SECONDS": the server's
 * user + system CPU time over the timed part alone; a wrong status, count or byte total is an
 * exception (exit 1).
 *
 * Usage (java -cp pacslite.jar WebClient.java ...):
 *   bodies FILESDIR OUTDIR PER_REQUEST   multipart STOW bodies of the sorted files, and
 *                                        OUTDIR/instances.txt: "study series sop bytes" per file
 *   stow BASE BODYDIR                    POST each body to BASE/studies in turn; result: seconds
 *   get URL ACCEPT TIMES MIN_BYTES [TEXT COUNT]
 *                                        TIMES GETs one after another; each answer at least
 *                                        MIN_BYTES and holding TEXT exactly COUNT times;
 *                                        result: median milliseconds
 *   frames BASE INSTANCES CONNECTIONS FRAME_BYTES [WARMUP_INSTANCES WARMUP_FRAME_BYTES]
 *                                        frame 1 of every instance of an instances.txt, from
 *                                        CONNECTIONS threads sharing one queue, each answer
 *                                        status 200 and one multipart part of exactly
 *                                        FRAME_BYTES ({@link OnePart}); first, untimed, the
 *                                        same for WARMUP_INSTANCES (this client's JIT, the
 *                                        server's connections); result: frames/s; also
 *                                        "client cpu": this client's own CPU time
 */
public class WebClient {
    static final String BOUNDARY = "pacslite-bench-7f3a9c";
    static final String STOW_TYPE = "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;
    static final String FRAMES_ACCEPT = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
    static final int TIMEOUT_MS = 600_000;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "bodies" -> bodies(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "stow" -> stow(args[1], Path.of(args[2]));
            case "get" -> get(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]),
                    args.length > 6 ? args[5] : null, args.length > 6 ? Integer.parseInt(args[6]) : 0);
            case "frames" -> {
                if (args.length > 6) {
                    fetchFrames(args[1], Path.of(args[5]), Integer.parseInt(args[3]), Long.parseLong(args[6]));
                }
                long cpu = serverCpuTicks();
                long clientCpu = cpuTicks("self");
                long start = System.nanoTime();
                long bytes = fetchFrames(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("client cpu %.2f s%n", (cpuTicks("self") - clientCpu) / ticksPerSecond());
                long frames = Files.lines(Path.of(args[2])).count();
                System.out.printf("%d frames in %.3f s, %d bytes%n", frames, seconds, bytes);
                System.out.printf("result %.1f %d frames%n", frames / seconds, frames);
                printServerCpu(cpu);
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static void bodies(Path files, Path out, int perRequest) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(files)) {
            paths = walk.filter(p -> p.toString().endsWith(".dcm")).sorted(Comparator.naturalOrder()).toList();
        }
        Files.createDirectories(out);
        List<String> instances = new ArrayList<>();
        for (int first = 0; first < paths.size(); first += perRequest) {
            Path body = out.resolve(String.format("body-%03d.mime", first / perRequest));
            try (OutputStream o = Files.newOutputStream(body)) {
                for (Path p : paths.subList(first, Math.min(paths.size(), first + perRequest))) {
                    byte[] file = Files.readAllBytes(p);
                    writePart(o, file);
                    instances.add(uids(p) + " " + file.length);
                }
                writeClose(o);
            }
        }
        Files.write(out.resolve("instances.txt"), instances);
        System.out.printf("result %d %d bodies%n", paths.size(), (paths.size() + perRequest - 1) / perRequest);
    }

    /** One part of a STOW-RS body (PS3.18 10.5.1.1): boundary, headers, the Part 10 bytes. */
    static void writePart(OutputStream o, byte[] file) throws IOException {
        o.write(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nContent-Length: "
                + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        o.write(file);
        o.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The close delimiter that ends a STOW-RS body. */
    static void writeClose(OutputStream o) throws IOException {
        o.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    static String uids(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file).stopBeforePixelData()) {
            Attributes ds = reader.readFile().dataset();
            return ds.getString(Tag.StudyInstanceUID) + " " + ds.getString(Tag.SeriesInstanceUID) + " "
                    + ds.getString(Tag.SOPInstanceUID);
        }
    }

    static void stow(String base, Path bodyDir) throws Exception {
        List<Path> bodies;
        try (Stream<Path> list = Files.list(bodyDir)) {
            bodies = list.filter(p -> p.toString().endsWith(".mime")).sorted().toList();
        }
        Client client = new Client(base);
        long cpu = serverCpuTicks();
        long start = System.nanoTime();
        for (Path body : bodies) {
            long t = System.nanoTime();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int status = client.send("POST", URI.create(base).getRawPath() + "/studies", "application/dicom+json", STOW_TYPE, body, answer);
            if (status != 200) {
                throw new IllegalStateException(body.getFileName() + ": HTTP " + status + " "
                        + answer.toString(StandardCharsets.UTF_8).substring(0, Math.min(500, answer.size())));
            }
            System.out.printf("%s: %.3f s%n", body.getFileName(), (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("result %.3f %d requests%n", (System.nanoTime() - start) / 1e9, bodies.size());
        printServerCpu(cpu);
        client.close();
    }

    static void get(String url, String accept, int times, long minBytes, String text, int count) throws Exception {
        URI uri = URI.create(url);
        Client client = new Client(url);
        double[] ms = new double[times];
        long bytes = 0;
        long cpu = serverCpuTicks();
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            if (text == null) {
                Counter counter = new Counter();
                check(url, client.send("GET", uri.getRawPath(), accept, null, null, counter));
                bytes = counter.bytes;
            } else {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                check(url, client.send("GET", uri.getRawPath(), accept, null, null, answer));
                bytes = answer.size();
                int found = occurrences(answer.toString(StandardCharsets.ISO_8859_1), text);
                if (found != count) {
                    throw new IllegalStateException(url + ": " + text + " found " + found + " times, expected " + count);
                }
            }
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (bytes < minBytes) {
                throw new IllegalStateException(url + ": " + bytes + " bytes, expected at least " + minBytes);
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = times % 2 == 1 ? sorted[times / 2] : (sorted[times / 2 - 1] + sorted[times / 2]) / 2;
        System.out.println("ms: " + Arrays.toString(Arrays.stream(ms).map(m -> Math.round(m * 10) / 10.0).toArray()));
        System.out.printf("result %.1f %d bytes%n", median, bytes);
        printServerCpu(cpu);
        client.close();
    }

    /** Returns the bytes received (multipart bodies). */
    static long fetchFrames(String base, Path instancesFile, int connections, long frameBytes) throws Exception {
        List<String[]> instances = Files.readAllLines(instancesFile).stream().map(l -> l.split(" ")).toList();
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        String path = URI.create(base).getRawPath();
        onConnections(base, connections, client -> {
            OnePart answer = new OnePart();
            for (int i; (i = next.getAndIncrement()) < instances.size(); ) {
                String[] uid = instances.get(i);
                String frame = path + "/studies/" + uid[0] + "/series/" + uid[1] + "/instances/" + uid[2] + "/frames/1";
                answer.reset();
                check(frame, client.send("GET", frame, FRAMES_ACCEPT, null, null, answer));
                long part = answer.partLength(client.answerType);
                if (part != frameBytes) {
                    throw new IllegalStateException(frame + ": a part of " + part + " bytes, expected one of " + frameBytes
                            + " (Content-Type " + client.answerType + ", " + answer.bytes + " bytes)");
                }
                bytes.addAndGet(answer.bytes);
            }
        });
        return bytes.get();
    }

    /** What one connection's thread does with its Client. */
    interface Work {
        void run(Client client) throws Exception;
    }

    /**
     * Runs work on that many threads at once, each with its own keep-alive connection to base
     * (a browser's connections per host); fails when any of them did.
     */
    static void onConnections(String base, int connections, Work work) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Client client = new Client(base)) {
                    work.run(client);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " connection(s) failed", failures.get(0));
        }
    }

    /** The server's user + system CPU ticks so far (proc(5), /proc/PID/stat fields 14 and 15), or -1. */
    static long serverCpuTicks() throws IOException {
        String pid = System.getenv("SERVER_PID");
        return pid == null ? -1 : cpuTicks(pid);
    }

    /** A process's user + system CPU ticks so far (proc(5), /proc/PID/stat fields 14 and 15); "self" for this one. */
    static long cpuTicks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static void printServerCpu(long before) throws IOException {
        if (before >= 0) {
            System.out.printf("cpu %.2f%n", (serverCpuTicks() - before) / ticksPerSecond());
        }
    }

    static double ticksPerSecond() {
        return Long.parseLong(System.getenv().getOrDefault("CLK_TCK", "100"));
    }

    static void check(String url, int status) {
        if (status != 200) {
            throw new IllegalStateException(url + ": HTTP " + status);
        }
    }

    static int occurrences(String haystack, String needle) {
        int found = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            found++;
        }
        return found;
    }

    /** Counts the bytes of an answer's body and drops them. */
    static final class Counter extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /**
     * Checks that an answer is a multipart/related body (RFC 2046 5.1.1) of one part, without
     * scanning the part's bytes: it keeps the body's first and last bytes and counts the rest,
     * so the part's length is the count less its head (delimiter and headers) and the close
     * delimiter; a second part would add its delimiter and headers to that length. Reused
     * across the answers of one connection.
     */
    static final class OnePart extends OutputStream {
        long bytes;
        private final byte[] head = new byte[1024];
        private final byte[] tail = new byte[256];
        private int headLength;
        private int tailLength;

        void reset() {
            bytes = 0;
            headLength = 0;
            tailLength = 0;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            int toHead = Math.min(len, head.length - headLength);
            System.arraycopy(b, off, head, headLength, toHead);
            headLength += toHead;
            if (len >= tail.length) {
                System.arraycopy(b, off + len - tail.length, tail, 0, tail.length);
                tailLength = tail.length;
            } else {
                int keep = Math.min(tailLength, tail.length - len);
                System.arraycopy(tail, tailLength - keep, tail, 0, keep);
                System.arraycopy(b, off, tail, keep, len);
                tailLength = keep + len;
            }
        }

        /** The length of the one part's body, given the answer's Content-Type; -1 when it is not one part. */
        long partLength(String contentType) {
            String boundary = contentType == null ? null : parameter(contentType, "boundary");
            if (boundary == null) {
                return -1;
            }
            String first = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
            int delimiter = first.indexOf("--" + boundary + "\r\n");
            int headers = delimiter < 0 ? -1 : first.indexOf("\r\n\r\n", delimiter);
            String last = new String(tail, 0, tailLength, StandardCharsets.ISO_8859_1);
            int close = last.lastIndexOf("\r\n--" + boundary + "--");
            if (headers < 0 || close < 0) {
                return -1;
            }
            return bytes - (headers + 4) - (tailLength - close);
        }

        private static String parameter(String contentType, String name) {
            for (String piece : contentType.split(";")) {
                String[] pair = piece.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(name)) {
                    return pair[1].trim().replace("\"", "");
                }
            }
            return null;
        }
    }

    /**
     * One HTTP/1.1 keep-alive connection to the host of a base URL (RFC 9112), opened again when
     * the server closed it. Not thread-safe: one per thread.
     */
    static final class Client implements Closeable {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        /** The Content-Type of the last answer, or null. */
        String answerType;

        Client(String url) {
            URI uri = URI.create(url);
            this.host = uri.getHost();
            this.port = uri.getPort();
        }

        /** Sends a request with an optional file body and writes the answer's body to sink; returns the status. */
        int send(String method, String path, String accept, String contentType, Path body, OutputStream sink)
                throws IOException {
            if (body == null) {
                return send(method, path, accept, null, -1, null, sink);
            }
            return send(method, path, accept, contentType, Files.size(body), out -> {
                try (InputStream file = Files.newInputStream(body)) {
                    file.transferTo(out);
                }
            }, sink);
        }

        /** Writes a request body of a length given beforehand. */
        interface Body {
            void writeTo(OutputStream out) throws IOException;
        }

        /** Sends a request with an optional body of length bytes and writes the answer's body to sink; returns the status. */
        int send(String method, String path, String accept, String contentType, long length, Body body, OutputStream sink)
                throws IOException {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(TIMEOUT_MS);
                in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            }
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Accept: ").append(accept).append("\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n")
                        .append("Content-Length: ").append(length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                body.writeTo(out);
            }
            out.flush();

            String[] statusLine = line().split(" ", 3);
            int status = Integer.parseInt(statusLine[1]);
            long answerLength = -1;
            answerType = null;
            boolean chunked = false, close = statusLine[0].equals("HTTP/1.0");
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(), value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> answerLength = Long.parseLong(value);
                    case "content-type" -> answerType = value;
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> close |= value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (chunked) {
                for (long chunk; (chunk = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    copy(chunk, sink);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailer fields
                }
            } else if (answerLength >= 0) {
                copy(answerLength, sink);
            } else {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    sink.write(buffer, 0, n);
                }
                close = true;
            }
            if (close) {
                close();
            }
            return status;
        }

        private void copy(long length, OutputStream sink) throws IOException {
            while (length > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
                if (n < 0) {
                    throw new EOFException(length + " bytes of the body missing");
                }
                sink.write(buffer, 0, n);
                length -= n;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new EOFException("connection closed in the middle of an answer");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }
}
