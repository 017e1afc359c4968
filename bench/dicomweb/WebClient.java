import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * keep-alive connections (java.net.http, no h2c upgrade). Each command prints its figures and
 * ends with one line "result VALUE DETAIL" for bench/dicomweb/run; a wrong status, count or
 * byte total is an exception (exit 1).
 *
 * Usage (java -cp pacslite.jar WebClient.java ...):
 *   bodies FILESDIR OUTDIR PER_REQUEST   multipart STOW bodies of the sorted files, and
 *                                        OUTDIR/instances.txt: "study series sop bytes" per file
 *   stow BASE BODYDIR                    POST each body to BASE/studies in turn; result: seconds
 *   get URL ACCEPT TIMES MIN_BYTES [TEXT COUNT]
 *                                        TIMES GETs one after another; each answer at least
 *                                        MIN_BYTES and holding TEXT exactly COUNT times;
 *                                        result: median milliseconds
 *   frames BASE INSTANCES CONNECTIONS MIN_FRAME_BYTES [WARMUP_INSTANCES]
 *                                        frame 1 of every instance of an instances.txt, from
 *                                        CONNECTIONS threads sharing one queue, each answer at
 *                                        least MIN_FRAME_BYTES; first, untimed, the same for
 *                                        WARMUP_INSTANCES (this client's JIT, the server's
 *                                        connections); result: frames/s
 */
public class WebClient {
    static final String BOUNDARY = "pacslite-bench-7f3a9c";
    static final String STOW_TYPE = "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;
    static final String FRAMES_ACCEPT = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "bodies" -> bodies(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "stow" -> stow(args[1], Path.of(args[2]));
            case "get" -> get(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]),
                    args.length > 6 ? args[5] : null, args.length > 6 ? Integer.parseInt(args[6]) : 0);
            case "frames" -> {
                if (args.length > 5) {
                    fetchFrames(args[1], Path.of(args[5]), Integer.parseInt(args[3]), 1);
                }
                long start = System.nanoTime();
                long bytes = fetchFrames(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
                double seconds = (System.nanoTime() - start) / 1e9;
                long frames = Files.lines(Path.of(args[2])).count();
                System.out.printf("%d frames in %.3f s, %d bytes%n", frames, seconds, bytes);
                System.out.printf("result %.1f %d frames%n", frames / seconds, frames);
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
                    o.write(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nContent-Length: "
                            + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    o.write(file);
                    o.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    instances.add(uids(p) + " " + file.length);
                }
                o.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        Files.write(out.resolve("instances.txt"), instances);
        System.out.printf("result %d %d bodies%n", paths.size(), (paths.size() + perRequest - 1) / perRequest);
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
        long start = System.nanoTime();
        for (Path body : bodies) {
            long t = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/studies")).timeout(TIMEOUT)
                    .header("Content-Type", STOW_TYPE).header("Accept", "application/dicom+json")
                    .POST(HttpRequest.BodyPublishers.ofFile(body)).build();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(body.getFileName() + ": HTTP " + response.statusCode() + " "
                        + new String(response.body(), 0, Math.min(500, response.body().length), StandardCharsets.UTF_8));
            }
            System.out.printf("%s: %.3f s%n", body.getFileName(), (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("result %.3f %d requests%n", (System.nanoTime() - start) / 1e9, bodies.size());
    }

    static void get(String url, String accept, int times, long minBytes, String text, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", accept).build();
        double[] ms = new double[times];
        long bytes = 0;
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            if (text == null) {
                HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                bytes = drain(check(url, response));
            } else {
                HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                bytes = check(url, response).length;
                int found = occurrences(new String(response.body(), StandardCharsets.ISO_8859_1), text);
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
    }

    /** Returns the bytes received (multipart bodies). */
    static long fetchFrames(String base, Path instancesFile, int connections, long minBytes) throws Exception {
        List<String[]> instances = Files.readAllLines(instancesFile).stream().map(l -> l.split(" ")).toList();
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < instances.size(); ) {
                        String[] uid = instances.get(i);
                        String url = base + "/studies/" + uid[0] + "/series/" + uid[1] + "/instances/" + uid[2] + "/frames/1";
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                                .header("Accept", FRAMES_ACCEPT).build();
                        long got = drain(check(url, HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream())));
                        if (got < minBytes) {
                            throw new IllegalStateException(url + ": " + got + " bytes, expected at least " + minBytes);
                        }
                        bytes.addAndGet(got);
                    }
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
        return bytes.get();
    }

    static <T> T check(String url, HttpResponse<T> response) throws IOException {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200) {
            if (response.body() instanceof InputStream in) {
                in.close();
            }
            throw new IllegalStateException(url + ": HTTP " + response.statusCode() + " " + type);
        }
        return response.body();
    }

    static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    static int occurrences(String haystack, String needle) {
        int found = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            found++;
        }
        return found;
    }
}
