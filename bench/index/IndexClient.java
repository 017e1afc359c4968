import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client of bench/index/run (docs/benchmarks.md, scenarios 4 and 8): it fills a server's
 * index by STOW-RS and times QIDO-RS study searches, the same requests for PACS-lite and for
 * Orthanc. Compiled together with bench/dicomweb/WebClient.java (its HTTP/1.1 keep-alive
 * Client and STOW-RS body framing) and bench/ingest/Scale.java (its instance template: small
 * 64x64 CT instances whose UIDs, patient, accession number and study date are patched per
 * instance), on the classpath of the shaded pacslite.jar.
 *
 * Layout: 20 instances a study (2 series of 10), one patient a study; study s (from 0) is number
 * 10,000,000 + s, patient "Bench^P" + number, ID "P" + number, on one of 336 days of 2024.
 *
 * Usage:
 *   load BASE FIRST END STEP CONNECTIONS BUDGET_S CSV
 *       stores instances FIRST..END-1 (multiples of 20), one study per STOW-RS request, from
 *       CONNECTIONS threads sharing one queue; after every STEP instances appends
 *       "indexed,instances_per_s,elapsed_s,load1" to CSV (load1: the machine's 1-minute load
 *       average then, for a reader of a shared machine's curve); stops after the step in which
 *       BUDGET_S seconds ran out. Result: the number of instances indexed when it stopped.
 *   qido SERVER BASE ROUND STUDIES QUERIES CSV
 *       four kinds of study search, QUERIES each after 20 untimed ones, one connection; the
 *       parameters are random from the seed ROUND over STUDIES studies, so both servers get the
 *       same queries. Appends "server,round,kind,ms,studies" per query to CSV; prints per kind
 *       "kind p50 p95 studies_returned".
 */
public class IndexClient {
    static final int SERIES_PER_STUDY = 2;
    static final int INSTANCES_PER_SERIES = 10;
    static final int PER_STUDY = SERIES_PER_STUDY * INSTANCES_PER_SERIES;
    static final int WARMUP_QUERIES = 20;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load" -> load(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]),
                    Integer.parseInt(args[5]), Double.parseDouble(args[6]), Path.of(args[7]));
            case "qido" -> qido(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Path.of(args[6]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static void load(String base, long first, long end, long step, int connections, double budgetSeconds, Path csv)
            throws Exception {
        if (first % PER_STUDY != 0 || end % PER_STUDY != 0 || step % PER_STUDY != 0) {
            throw new IllegalArgumentException("FIRST, END and STEP must be multiples of " + PER_STUDY);
        }
        Scale.Template template = new Scale.Template(SERIES_PER_STUDY, INSTANCES_PER_SERIES);
        if (!Files.exists(csv)) {
            Files.writeString(csv, "indexed,instances_per_s,elapsed_s,load1\n");
        }
        long started = System.nanoTime();
        long indexed = first;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardOpenOption.APPEND))) {
            while (indexed < end && (System.nanoTime() - started) / 1e9 < budgetSeconds) {
                long stepEnd = Math.min(end, indexed + step);
                long t = System.nanoTime();
                storeStudies(base, template, indexed / PER_STUDY, stepEnd / PER_STUDY, connections);
                double rate = (stepEnd - indexed) / ((System.nanoTime() - t) / 1e9);
                double elapsed = (System.nanoTime() - started) / 1e9;
                indexed = stepEnd;
                String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
                out.printf("%d,%.0f,%.1f,%s%n", indexed, rate, elapsed, load);
                out.flush();
                System.out.printf("  %,d indexed, %,.0f instances/s, %.0f s, load %s%n", indexed, rate, elapsed, load);
            }
        }
        System.out.printf("result %d instances indexed%n", indexed);
    }

    /** Stores studies firstStudy..endStudy-1, one STOW-RS request each, from connections threads. */
    static void storeStudies(String base, Scale.Template template, long firstStudy, long endStudy, int connections)
            throws Exception {
        AtomicLong next = new AtomicLong(firstStudy);
        String path = URI.create(base).getRawPath() + "/studies";
        WebClient.onConnections(base, connections, client -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream(PER_STUDY * (template.bytes.length + 100));
            for (long s; (s = next.getAndIncrement()) < endStudy; ) {
                body.reset();
                for (long n = s * PER_STUDY; n < (s + 1) * PER_STUDY; n++) {
                    WebClient.writePart(body, template.instance(n));
                }
                WebClient.writeClose(body);
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                int status = client.send("POST", path, "application/dicom+json", WebClient.STOW_TYPE,
                        body.size(), body::writeTo, answer);
                if (status != 200) {
                    throw new IllegalStateException("study " + s + ": HTTP " + status + " "
                            + answer.toString(StandardCharsets.UTF_8));
                }
            }
        });
    }

    /** A kind of study search and how it picks its parameters. */
    enum Query {
        /**
         * PatientName with a trailing wildcard: the 10 patients whose numbers share all but the
         * last digit. "?" (any one character) stands for the "^": Orthanc 1.10's DICOMweb plugin
         * does not percent-decode query values, so "%5E" would match nothing there.
         */
        NAME {
            String path(Random random, int studies) {
                return "/studies?PatientName=Bench?P" + (10_000_000 + random.nextInt(studies)) / 10 + "*";
            }
        },
        /** PatientID, exact: one study. */
        ID {
            String path(Random random, int studies) {
                return "/studies?PatientID=P" + (10_000_000 + random.nextInt(studies));
            }
        },
        /** StudyDate range of three days: about 1% of the studies. */
        DATE {
            String path(Random random, int studies) {
                int day = random.nextInt(334);
                return "/studies?StudyDate=" + Scale.Template.studyDate(day) + "-" + Scale.Template.studyDate(day + 2);
            }
        },
        /**
         * OHIF's study list as the viewer first asks for it (no filter), with the comma of
         * includefield unencoded: Orthanc 1.10's plugin ignores "00081030%2C00080060".
         */
        OHIF {
            String path(Random random, int studies) {
                return "/studies?limit=101&offset=0&fuzzymatching=false&includefield=00081030,00080060";
            }
        };

        abstract String path(Random random, int studies);
    }

    static void qido(String server, String base, int round, int studies, int queries, Path csv) throws Exception {
        String root = URI.create(base).getRawPath();
        try (WebClient.Client client = new WebClient.Client(base);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND))) {
            for (Query query : Query.values()) {
                Random random = new Random(round * 31L + query.ordinal());
                double[] ms = new double[queries];
                long returned = 0;
                for (int i = -WARMUP_QUERIES; i < queries; i++) {
                    String path = root + query.path(random, studies);
                    long t = System.nanoTime();
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    int status = client.send("GET", path, "application/dicom+json", null, -1, null, answer);
                    double elapsed = (System.nanoTime() - t) / 1e6;
                    // An empty result is 204 to some servers and [] with 200 to others.
                    if (status != 200 && status != 204) {
                        throw new IllegalStateException(path + ": HTTP " + status);
                    }
                    int found = WebClient.occurrences(answer.toString(StandardCharsets.ISO_8859_1), "\"0020000D\"");
                    if (i >= 0) {
                        ms[i] = elapsed;
                        returned += found;
                        out.printf("%s,%d,%s,%.3f,%d%n", server, round, query.name().toLowerCase(), elapsed, found);
                    }
                }
                Arrays.sort(ms);
                System.out.printf("%s %.2f %.2f %d%n", query.name().toLowerCase(), percentile(ms, 50),
                        percentile(ms, 95), returned);
            }
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
