package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.dicom.io.DicomReader;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Feeds files, folders (recursively) and ZIP archives (read as streams, never unpacked to
 * disk) to the archive's one ingest path, several at a time so that one instance's fsync
 * overlaps the next one's parsing. Files that are not DICOM (no "DICM" at byte 128 and no
 * data set at the start) are skipped and counted.
 */
final class Importer {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final int HEAD = 132;
    private static final int MAX_LISTED_FAILURES = 50;

    private final Archive archive;
    private final ThreadPoolExecutor workers;
    private final Map<StoreReason, AtomicLong> outcomes = new EnumMap<>(StoreReason.class);
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong instances = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong filesDone = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    Importer(Archive archive, int threads) {
        this.archive = archive;
        for (StoreReason reason : StoreReason.values()) {
            outcomes.put(reason, new AtomicLong());
        }
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Every regular file under the given paths. */
    static List<Path> filesUnder(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IOException("no such file or folder: " + path);
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** Imports the files and waits until all are done. */
    void importFiles(List<Path> files) throws InterruptedException {
        for (Path file : files) {
            workers.execute(() -> importFile(file));
        }
        workers.shutdown();
        workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    }

    long count(StoreReason reason) {
        return outcomes.get(reason).get();
    }

    List<String> failures() {
        return failures;
    }

    private void importFile(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            byte[] head = peek(in);
            if (startsWith(head, ZIP_MAGIC)) {
                importZip(file, in);
            } else if (DicomReader.looksLikeDicom(head, head.length)) {
                store(file.toString(), in, Files.size(file));
            } else {
                skipped.incrementAndGet();
            }
        } catch (IOException e) {
            failed.incrementAndGet();
            note(file + ": cannot read: " + e.getMessage());
        } finally {
            filesDone.incrementAndGet();
        }
    }

    private void importZip(Path file, InputStream in) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.isDirectory()) {
                continue;
            }
            InputStream entryStream = new BufferedInputStream(new KeepOpen(zip), 64 * 1024);
            byte[] head = peek(entryStream);
            if (DicomReader.looksLikeDicom(head, head.length)) {
                store(file + "!" + entry.getName(), entryStream, Math.max(entry.getSize(), 0));
            } else {
                skipped.incrementAndGet();
            }
        }
    }

    private void store(String name, InputStream in, long size) {
        StoreResult result = archive.store(in, StoreContext.partTen("cli:import"));
        outcomes.get(result.reason()).incrementAndGet();
        if (result.isStored()) {
            instances.incrementAndGet();
            bytes.addAndGet(size);
        } else {
            failed.incrementAndGet();
            note(name + ": " + result.reason() + ": " + result.detail());
        }
    }

    private void note(String failure) {
        if (failures.size() < MAX_LISTED_FAILURES) {
            failures.add(failure);
        }
    }

    private static byte[] peek(InputStream in) throws IOException {
        in.mark(HEAD);
        byte[] head = in.readNBytes(HEAD);
        in.reset();
        return head;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A ZIP entry's stream whose close does not close the ZIP. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
