package io.pacslite.cli;

import io.pacslite.archive.tls.TlsClient;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.StoreRequest;
import io.pacslite.dimse.net.StoreScu;
import io.pacslite.dimse.net.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite store HOST PORT PATH...}: sends DICOM files and folders (recursively) to a
 * peer with C-STORE (Storage SCU, PS3.4 Annex B), with a progress bar and a summary. Files
 * that are not DICOM are skipped and counted. Exit 0 if the peer took every DICOM file
 * (warnings included), 1 if any failed, 2 for bad options or a path that does not exist.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Send DICOM files and folders (recursively) to a DICOM peer with C-STORE.")
final class StoreCommand implements Callable<Integer> {

    private static final int HEAD = 132;

    @Mixin
    private ScuOptions scu;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "PATH", description = "Files or folders.")
    private List<Path> paths;

    @Option(names = "--associations", paramLabel = "N", defaultValue = "1",
            description = "Associations to send over at the same time. Default: ${DEFAULT-VALUE}.")
    private int associations;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar (default: when the output is a terminal).")
    private Boolean progress;

    @Override
    public Integer call() throws Exception {
        RemoteAe peer;
        Timeouts timeouts;
        TlsClient tls;
        List<Path> files;
        try {
            peer = scu.peer();
            timeouts = scu.timeouts();
            tls = scu.tls();
            if (associations < 1) {
                throw new IllegalArgumentException("--associations must be at least 1: " + associations);
            }
            files = filesUnder(paths);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("pacslite store: " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        }
        StoreTally tally = new StoreTally();
        List<StoreRequest> requests = readHeaders(files, tally);
        long totalBytes = 0;
        for (StoreRequest request : requests) {
            totalBytes += Files.size(request.file());
        }
        Instant started = Instant.now();
        new ProgressBar(tally.filesDone, tally.instances, tally.bytes, requests.size(), totalBytes, started)
                .showWhile(ProgressBar.wanted(progress),
                        () -> new StoreScu(peer, scu.callingAeTitle, timeouts, tls).send(requests, associations, tally));
        printSummary(peer, tally, Duration.between(started, Instant.now()));
        return tally.failed.get() == 0 ? 0 : 1;
    }

    /** A request per DICOM file; the others are counted as skipped, or failed when a DICOM file is unreadable. */
    private static List<StoreRequest> readHeaders(List<Path> files, StoreTally tally) {
        List<StoreRequest> requests = new ArrayList<>();
        for (Path file : files) {
            try {
                if (!looksLikeDicom(file)) {
                    tally.skipped.incrementAndGet();
                    continue;
                }
                requests.add(StoreRequest.of(file));
            } catch (IOException e) {
                tally.fail(file + ": cannot read: " + e.getMessage());
            }
        }
        return requests;
    }

    private static boolean looksLikeDicom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD);
            return DicomReader.looksLikeDicom(head, head.length);
        }
    }

    /** What became of the files sent to {@code peer}: counts, then the warnings and failures. */
    static void printSummary(RemoteAe peer, StoreTally tally, Duration took) {
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        System.out.printf("sent %,d instances (%s) to %s in %.1f s (%s/s)%n", tally.instances.get(),
                Sizes.human(tally.bytes.get()), peer, seconds, Sizes.human(tally.bytes.get() / seconds));
        System.out.printf("  success    %,8d%n", tally.succeeded.get());
        System.out.printf("  warning    %,8d%n", tally.warned.get());
        System.out.printf("  failed     %,8d%n", tally.failed.get());
        System.out.printf("  not DICOM  %,8d  (skipped)%n", tally.skipped.get());
        list("warnings", tally.warnings, tally.warned.get());
        list("failures", tally.failures, tally.failed.get());
    }

    private static void list(String title, List<String> lines, long total) {
        if (lines.isEmpty()) {
            return;
        }
        System.out.println(title + ":");
        lines.forEach(line -> System.out.println("  " + line));
        if (total > lines.size()) {
            System.out.printf("  ... and %,d more%n", total - lines.size());
        }
    }

    /** Every regular file under the given paths, sorted. */
    static List<Path> filesUnder(List<Path> paths) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IOException("no such file or folder: " + path);
            }
            try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
