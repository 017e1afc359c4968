package io.pacslite.archive.imports;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ingest.CountingInputStream;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import: files, folders, ZIP archives (nested ones too) and request bodies fed to the
 * archive's one ingest path, with its progress and result ({@link #report()}). Made by
 * {@link Imports#start}; fed from one thread ({@link #addPath}, {@link #addStream}), then
 * {@link #finish()}ed.
 *
 * <p>Every member is taken by its content, never its name ({@link MemberReader}): "DICM" at
 * byte 128 or a data set at the start ({@link DicomReader#looksLikeDicom}) is an instance,
 * whatever it is called ({@code IMAGES/I1000000}); a ZIP signature is an archive, read in turn
 * ({@link ZipMembers}); a DICOMDIR is read for its check ({@link DirectoryChecks}) and not
 * stored; anything else is an attachment, kept with the studies the import found
 * ({@link ImportAttachments}). ZIP archives are read as streams (never unpacked to disk, never
 * held whole): members up to {@link ImportLimits#bufferThreshold} are read into memory and
 * handed to worker threads ({@link StoreWorkers}), so one instance's fsync overlaps the reading
 * of the next, within {@link ImportLimits#bufferBudget}; a larger member is stored from the
 * stream by the reading thread. A file that holds an instance goes to a worker once its first
 * bytes are read, and the worker reads the rest ({@link MemberReader#handOff}). An archive that is a zip bomb, has a member named absolutely or
 * with {@code ..}, nests too deep, or is truncated or damaged stops being read: the import fails
 * with that reason, and the instances stored before stay stored, each complete and durable by
 * itself. What it has done so far is counted in its {@link ImportProgress}.
 */
public final class Import {

    /** Where an import stands. */
    public enum Status {
        RUNNING, DONE, FAILED;

        /** As reports show it: {@code running}, {@code done}, {@code failed}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The most failures a report lists; the rest are counted. */
    public static final int MAX_LISTED = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Import.class);

    private final String id;
    private final String source;
    private final Instant started = Instant.now();
    private volatile Instant finished;
    private volatile Status status = Status.RUNNING;

    private final ImportProgress progress;
    private final DirectoryChecks directories = new DirectoryChecks();
    private final ImportAttachments attachments;
    private final StoreWorkers workers;
    private final MemberReader reader;
    private volatile List<ImportReport.DirectoryCheck> checks = List.of();
    private volatile List<ImportReport.Attachment> attachmentReport = List.of();

    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object finishing = new Object();

    Import(String id, String source, Archive archive, ImportLimits limits) {
        this.id = id;
        this.source = source;
        this.progress = new ImportProgress(id, source);
        this.attachments = new ImportAttachments(archive.attachments(), limits, progress);
        this.workers = new StoreWorkers(limits);
        this.reader = new MemberReader(archive, StoreContext.partTen(source), limits, progress, directories,
                attachments, workers);
    }

    public String id() {
        return id;
    }

    public Status status() {
        return status;
    }

    /** When it ended, or null while it runs. */
    public Instant finished() {
        return finished;
    }

    /** The inputs' total size, when known, for progress. */
    public void expectBytes(long total) {
        progress.expectBytes(total);
    }

    /** Bytes read from the inputs so far. */
    public long bytesReceived() {
        return progress.bytesReceived();
    }

    /** Inputs ({@link #addPath} files, {@link #addStream} streams) read to their end. */
    public long inputsDone() {
        return progress.inputsDone();
    }

    /** Instances the archive now holds from this import so far. */
    public long instances() {
        return progress.instances();
    }

    /** How many stores ended with {@code reason}. */
    public long count(StoreReason reason) {
        return progress.count(reason);
    }

    /**
     * Imports a file, or every file under a folder (taken in name order, stored in parallel),
     * each by its content; a member is named by its path as given, with '/' separators.
     *
     * @throws UncheckedIOException if the folder cannot be listed
     */
    public void addPath(Path path) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String name = file.toString().replace('\\', '/');
            try {
                if (!reader.handOff(file, name)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        addStream(in, name);
                    }
                }
            } catch (IOException e) {
                progress.failed(name, "cannot read: " + e.getMessage());
                progress.inputDone();
            }
        }
    }

    /**
     * Imports one input by its content: a ZIP archive, a DICOM instance, a DICOMDIR or an
     * attachment; read to its end. A failure that stops the input (a refused, truncated or damaged
     * archive, a stream that breaks) becomes the import's failure; the inputs after it are still
     * read.
     *
     * @param name the input's name in reports (a file name, an upload's file name)
     */
    public void addStream(InputStream in, String name) {
        CountingInputStream counted = new CountingInputStream(in) {
            @Override
            protected void counted(int n) {
                progress.received(n);
            }
        };
        MemberStream input = MemberStream.input(counted, name);
        try {
            reader.read(input, name, 0);
            input.drain();
        } catch (ImportException e) {
            progress.stopped(name, e.getMessage());
        } catch (IOException e) {
            progress.stopped(name, "reading \"" + name + "\" failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("import {}: reading {} failed", id, name, e);
            progress.stopped(name, "reading \"" + name + "\" failed: " + e);
        } finally {
            progress.inputDone();
        }
    }

    /**
     * Marks the import failed with {@code reason} (the first reason is kept); it stays running
     * until {@link #finish()}.
     */
    public void fail(String reason) {
        progress.fail(reason);
    }

    /**
     * Ends the import: waits for the workers, checks the DICOMDIRs found against the members,
     * keeps the attachments with the studies found (or discards them if there is none), and
     * sets the status: failed if {@link #fail} was called, else done. Idempotent.
     */
    public ImportReport finish() {
        synchronized (finishing) {
            if (status == Status.RUNNING) {
                workers.close();
                checks = directories.check(id);
                attachmentReport = attachments.keep(id);
                finished = Instant.now();
                status = progress.failure() == null ? Status.DONE : Status.FAILED;
                ended.countDown();
                LOG.info("import {} from {} {}: {}", id, source, status.label(), progress.outcome());
            }
        }
        return report();
    }

    /** Waits up to {@code timeout} for the import to end; whether it has. */
    public boolean await(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Where the import stands now, or how it ended. */
    public ImportReport report() {
        Status now = status;
        return progress.report(now, started, finished, checks, now == Status.RUNNING ? List.of() : attachmentReport);
    }
}
