package io.pacslite.archive.imports;

import io.pacslite.archive.Archive;
import io.pacslite.archive.index.AttachmentTable;
import io.pacslite.archive.ingest.CountingInputStream;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.dicom.io.DicomReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import: files, folders, ZIP archives (nested ones too) and request bodies fed to the
 * archive's one ingest path, with its progress and result ({@link #report()}). Made by
 * {@link Imports#start}; fed from one thread ({@link #addPath}, {@link #addStream}), then
 * {@link #finish()}ed.
 *
 * <p>Every member is taken by its content, never its name: "DICM" at byte 128 or a data set
 * at the start ({@link DicomReader#looksLikeDicom}) is an instance, whatever it is called
 * ({@code IMAGES/I1000000}); a ZIP signature is an archive, read in turn; a DICOMDIR is read
 * for its check and not stored; anything else is an attachment, kept with the studies the import
 * found ({@link Attachments}). ZIP archives are read as streams (never unpacked to disk, never
 * held whole): members up to {@link ImportLimits#bufferThreshold} are read into memory and
 * handed to worker threads, so one instance's fsync overlaps the reading of the next, within
 * {@link ImportLimits#bufferBudget}; a larger member is stored from the stream by the reading
 * thread. An archive that is a zip bomb, has a member named absolutely or with {@code ..}, nests
 * too deep, or is truncated or damaged stops being read: the import fails with that reason, and
 * the instances stored before stay stored, each complete and durable by itself.
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
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** An empty ZIP archive: its end of central directory record alone. */
    private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};
    private static final int HEAD = 132;
    private static final int BUFFER = 64 * 1024;
    /** ZIP names without the UTF-8 flag are in the DOS code page (APPNOTE 4.4.4, appendix D). */
    private static final Charset ZIP_NAMES = zipNameCharset();

    private final String id;
    private final String source;
    private final Archive archive;
    private final Attachments attachments;
    private final ImportLimits limits;
    private final StoreContext context;
    private final Instant started = Instant.now();
    private volatile Instant finished;
    private volatile Status status = Status.RUNNING;
    private final AtomicReference<String> failure = new AtomicReference<>();

    private final AtomicLong bytesReceived = new AtomicLong();
    private volatile long expectedBytes = -1;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong inflated = new AtomicLong();
    private final AtomicLong members = new AtomicLong();
    private final AtomicLong membersDone = new AtomicLong();
    private final AtomicLong inputsDone = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong alreadyStored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong notDicom = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Map<io.pacslite.archive.ingest.StoreReason, AtomicLong> reasons =
            new EnumMap<>(io.pacslite.archive.ingest.StoreReason.class);

    private final List<ImportReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicLong> studies = Collections.synchronizedMap(new LinkedHashMap<>());
    private final DirectoryChecks directories = new DirectoryChecks();
    private final List<Attachments.Spooled> spooled = Collections.synchronizedList(new ArrayList<>());
    private final List<ImportReport.Attachment> attachmentsNotSpooled = Collections.synchronizedList(new ArrayList<>());
    private volatile List<ImportReport.DirectoryCheck> checks = List.of();
    private volatile List<ImportReport.Attachment> attachmentReport = List.of();

    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("import-", 0).factory());
    private final Semaphore slots;
    private final Semaphore budget;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object finishing = new Object();

    Import(String id, String source, Archive archive, ImportLimits limits) {
        this.id = id;
        this.source = source;
        this.archive = archive;
        this.attachments = archive.attachments();
        this.limits = limits;
        this.context = StoreContext.partTen(source);
        this.slots = new Semaphore(limits.threads());
        this.budget = new Semaphore(limits.bufferBudget());
        for (io.pacslite.archive.ingest.StoreReason reason : io.pacslite.archive.ingest.StoreReason.values()) {
            reasons.put(reason, new AtomicLong());
        }
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
        this.expectedBytes = total;
    }

    /** Bytes read from the inputs so far. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** Inputs ({@link #addPath} files, {@link #addStream} streams) read to their end. */
    public long inputsDone() {
        return inputsDone.get();
    }

    /** Instances the archive now holds from this import so far. */
    public long instances() {
        return stored.get() + alreadyStored.get() + duplicates.get();
    }

    /** How many stores ended with {@code reason}. */
    public long count(io.pacslite.archive.ingest.StoreReason reason) {
        return reasons.get(reason).get();
    }

    /**
     * Imports a file, or every file under a folder (in name order), each by its content; a
     * member is named by its path as given, with '/' separators.
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
            try (InputStream in = Files.newInputStream(file)) {
                addStream(in, name);
            } catch (IOException e) {
                problem(name, "cannot read: " + e.getMessage());
                inputsDone.incrementAndGet();
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
                bytesReceived.addAndGet(n);
            }
        };
        MemberStream input = MemberStream.input(counted, name);
        try {
            input(input, name, 0);
            input.drain();
        } catch (ImportException e) {
            fail(name, e.getMessage());
        } catch (IOException e) {
            fail(name, "reading \"" + name + "\" failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("import {}: reading {} failed", id, name, e);
            fail(name, "reading \"" + name + "\" failed: " + e);
        } finally {
            inputsDone.incrementAndGet();
        }
    }

    /**
     * Marks the import failed with {@code reason} (the first reason is kept); it stays running
     * until {@link #finish()}.
     */
    public void fail(String reason) {
        failure.compareAndSet(null, reason);
    }

    private void fail(String member, String reason) {
        fail(reason);
        note(member, reason);
        LOG.info("import {} from {}: {}", id, source, reason);
    }

    /** One input or member: a ZIP archive to read, or one member. */
    private void input(MemberStream in, String name, int depth) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        byte[] head = peek(buffered);
        if (startsWith(head, ZIP_MAGIC)) {
            if (depth >= limits.maxDepth()) {
                throw new ImportException("the ZIP archive \"" + name + "\" is refused: ZIP archives nest deeper than "
                        + limits.maxDepth() + " levels");
            }
            readZip(buffered, name, depth + 1);
        } else if (startsWith(head, EMPTY_ZIP_MAGIC) && head.length < HEAD) {
            skipped.incrementAndGet();
        } else {
            member(buffered, in, head, name);
        }
    }

    /**
     * Reads a ZIP archive member by member ({@link ZipReader}). A member whose header gives its
     * sizes and that fits under {@link ImportLimits#bufferThreshold} is read raw and inflated by
     * a worker; any other is inflated here, as a stream.
     */
    private void readZip(InputStream in, String name, int depth) throws IOException {
        ZipReader zip = new ZipReader(in, ZIP_NAMES);
        while (true) {
            ZipReader.Entry entry;
            try {
                entry = zip.next();
            } catch (EOFException e) {
                throw new ImportException("the ZIP archive \"" + name + "\" is truncated: " + e.getMessage(), e);
            } catch (ImportException e) {
                throw e;
            } catch (IOException e) {
                throw new ImportException("the ZIP archive \"" + name + "\" is damaged after " + zip.entries()
                        + " members: " + e.getMessage(), e);
            }
            if (entry == null) {
                break;
            }
            String problem = ZipNames.problem(entry.name());
            if (problem != null) {
                throw new ImportException("the ZIP archive \"" + name + "\" is refused: member \""
                        + ZipNames.printable(entry.name()) + "\" " + problem);
            }
            try {
                zipMember(zip, entry, name, depth);
            } catch (ImportException e) {
                throw e;
            } catch (EOFException e) {
                throw new ImportException("the ZIP archive \"" + name + "\" is truncated: it ends inside member \""
                        + entry.name() + "\" (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw new ImportException("the ZIP archive \"" + name + "\" is damaged at member \"" + entry.name()
                        + "\": " + e.getMessage(), e);
            }
        }
        in.transferTo(OutputStream.nullOutputStream());
    }

    private void zipMember(ZipReader zip, ZipReader.Entry entry, String zipName, int depth) throws IOException {
        String member = zipName + "!" + entry.name();
        String unsupported = ZipReader.unsupported(entry);
        if (unsupported != null) {
            if (!entry.sizesKnown()) {
                throw new ImportException("the ZIP archive \"" + zipName + "\" cannot be read past member \""
                        + entry.name() + "\", which " + unsupported);
            }
            zip.skipRaw(entry);
            if (!entry.directory()) {
                members.incrementAndGet();
                membersDone.incrementAndGet();
                failed.incrementAndGet();
                note(member, "not read: the member " + unsupported);
            }
            return;
        }
        if (entry.sizesKnown()) {
            refuseDeclaredBomb(entry, zipName);
        }
        if (entry.sizesKnown() && entry.size() <= limits.bufferThreshold()
                && entry.compressedSize() <= limits.bufferThreshold()) {
            byte[] raw = zip.readRaw(entry);
            if (!entry.directory()) {
                small(raw, entry, member, zipName, depth);
            }
            return;
        }
        ZipReader.MemberData data = zip.open(entry);
        MemberStream stream = MemberStream.zipMember(data, zipName, entry.name(), data::compressedRead, inflated,
                limits);
        if (!entry.directory()) {
            input(stream, member, depth);
        }
        stream.drain();
    }

    /** Refuses a member whose header already says it is a zip bomb. */
    private void refuseDeclaredBomb(ZipReader.Entry entry, String zipName) throws ImportException {
        if (entry.size() > limits.ratioFloor() && entry.size() / Math.max(1, entry.compressedSize()) >= limits.maxRatio()) {
            throw new ImportException("the ZIP archive \"" + zipName + "\" is refused: member \"" + entry.name()
                    + "\" inflates more than " + limits.maxRatio() + " times (" + entry.size() + " bytes from "
                    + entry.compressedSize() + "), like a zip bomb");
        }
        if (inflated.get() + entry.size() > limits.maxInflatedBytes()) {
            throw new ImportException("the ZIP archive \"" + zipName + "\" is refused: its members inflate to more"
                    + " than the limit of " + limits.maxInflatedBytes() + " bytes (at member \"" + entry.name() + "\")");
        }
    }

    /**
     * A member read raw whose sizes are known and small: its first bytes are inflated here to
     * see what it is; an instance, a DICOMDIR or an attachment goes to a worker, which inflates
     * the rest (so the workers, not this thread, do most of the inflating); a nested ZIP is
     * inflated and read here.
     */
    private void small(byte[] raw, ZipReader.Entry entry, String member, String zipName, int depth) throws IOException {
        byte[] head = ZipReader.head(entry, raw, HEAD);
        if (ZipNames.isJunk(member) || entry.size() == 0) {
            skipped.incrementAndGet();
            return;
        }
        if (startsWith(head, EMPTY_ZIP_MAGIC) && entry.size() < HEAD) {
            skipped.incrementAndGet();
            return;
        }
        inflated.addAndGet(entry.size());
        if (startsWith(head, ZIP_MAGIC)) {
            byte[] whole = ZipReader.inflate(entry, raw);
            input(MemberStream.input(new ByteArrayInputStream(whole), member), member, depth);
            return;
        }
        members.incrementAndGet();
        int permits = (int) Math.min(limits.bufferBudget(), (long) raw.length + entry.size());
        acquire(permits);
        workers.execute(() -> {
            try {
                byte[] data;
                try {
                    data = ZipReader.inflate(entry, raw);
                } catch (IOException e) {
                    membersDone.incrementAndGet();
                    fail(member, "the ZIP archive \"" + zipName + "\" is damaged at member \"" + entry.name() + "\": "
                            + e.getMessage());
                    return;
                }
                whole(data, head, member);
            } catch (IOException | RuntimeException e) {
                LOG.warn("import {}: {} failed", id, member, e);
                failed.incrementAndGet();
                note(member, "failed: " + e);
            } finally {
                slots.release();
                budget.release(permits);
            }
        });
    }

    /** A member read whole, on a worker: an attachment, a DICOMDIR or an instance. */
    private void whole(byte[] data, byte[] head, String member) throws IOException {
        if (!DicomReader.looksLikeDicom(head, head.length)) {
            attachment(new ByteArrayInputStream(data), member);
        } else if (DicomDirectory.isDirectory(data, data.length)) {
            directory(new ByteArrayInputStream(data), null, member);
        } else {
            bytes.addAndGet(data.length);
            record(member, archive.store(new ByteArrayInputStream(data), context));
        }
    }

    /** Waits for a worker thread and room for {@code permits} bytes. */
    private void acquire(int permits) throws InterruptedIOException {
        try {
            budget.acquire(permits);
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                budget.release(permits);
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the import was interrupted");
        }
    }

    /** A member that is not a ZIP archive: an instance, a DICOMDIR or an attachment. */
    private void member(BufferedInputStream in, MemberStream watched, byte[] head, String name) throws IOException {
        if (ZipNames.isJunk(name) || head.length == 0) {
            skipped.incrementAndGet();
            return;
        }
        members.incrementAndGet();
        if (!DicomReader.looksLikeDicom(head, head.length)) {
            attachment(in, name);
            return;
        }
        byte[] prefix = in.readNBytes(limits.bufferThreshold() + 1);
        boolean whole = prefix.length <= limits.bufferThreshold();
        if (DicomDirectory.isDirectory(prefix, prefix.length)) {
            directory(whole ? new ByteArrayInputStream(prefix) : joined(prefix, in), watched, name);
            return;
        }
        if (whole) {
            submit(prefix, name);
        } else {
            CountingInputStream counted = new CountingInputStream(joined(prefix, in));
            StoreResult result = archive.store(counted, context);
            watched.rethrowFailure();
            bytes.addAndGet(counted.count());
            record(name, result);
        }
    }

    private static InputStream joined(byte[] prefix, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(prefix), rest);
    }

    /** Hands a member read whole to a worker, once a thread and room in the budget are free. */
    private void submit(byte[] member, String name) throws IOException {
        acquire(member.length);
        bytes.addAndGet(member.length);
        workers.execute(() -> {
            try {
                record(name, archive.store(new ByteArrayInputStream(member), context));
            } catch (RuntimeException e) {
                LOG.warn("import {}: storing {} failed", id, name, e);
                membersDone.incrementAndGet();
                failed.incrementAndGet();
                note(name, "store failed: " + e);
            } finally {
                slots.release();
                budget.release(member.length);
            }
        });
    }

    private void record(String name, StoreResult result) {
        reasons.get(result.reason()).incrementAndGet();
        switch (result.reason()) {
            case STORED, DUPLICATE_REPLACED -> stored.incrementAndGet();
            case ALREADY_STORED -> alreadyStored.incrementAndGet();
            case DUPLICATE_KEPT_FIRST -> duplicates.incrementAndGet();
            default -> {
                failed.incrementAndGet();
                note(name, result.reason() + ": " + result.detail());
            }
        }
        if (result.isStored() && result.studyInstanceUID() != null) {
            studies.computeIfAbsent(result.studyInstanceUID(), study -> new AtomicLong()).incrementAndGet();
        }
        directories.dicomMember(name, result.sopInstanceUID());
        membersDone.incrementAndGet();
    }

    private void directory(InputStream in, MemberStream watched, String name) throws IOException {
        CountingInputStream counted = new CountingInputStream(in);
        try {
            InputStream bounded = new BoundedInputStream(counted, limits.maxDirectoryBytes());
            directories.found(name, DicomDirectory.references(bounded));
        } catch (ImportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (watched != null) {
                watched.rethrowFailure();
            }
            failed.incrementAndGet();
            note(name, "the DICOMDIR cannot be read: " + e.getMessage());
        } finally {
            bytes.addAndGet(counted.count());
            membersDone.incrementAndGet();
        }
    }

    private void attachment(InputStream in, String name) throws IOException {
        notDicom.incrementAndGet();
        directories.otherMember(name);
        try {
            if (spooled.size() >= limits.maxAttachments()) {
                attachmentsNotSpooled.add(new ImportReport.Attachment(name, -1, null, null, Map.of(),
                        "not kept: an import keeps at most " + limits.maxAttachments() + " attachments"));
                return;
            }
            Attachments.Spooled file = attachments.spool(in, name, limits.maxAttachmentBytes());
            bytes.addAndGet(file.size());
            spooled.add(file);
        } catch (Attachments.TooLargeException e) {
            attachmentsNotSpooled.add(new ImportReport.Attachment(name, -1, null, null, Map.of(),
                    "not kept: " + e.getMessage()));
        } finally {
            membersDone.incrementAndGet();
        }
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
                attachmentReport = keepAttachments();
                finished = Instant.now();
                status = failure.get() == null ? Status.DONE : Status.FAILED;
                ended.countDown();
                LOG.info("import {} from {} {}: {} stored, {} already stored, {} duplicates, {} failed, {} not DICOM{}",
                        id, source, status.label(), stored.get(), alreadyStored.get(), duplicates.get(), failed.get(),
                        notDicom.get(), failure.get() == null ? "" : "; " + failure.get());
            }
        }
        return report();
    }

    /** Waits up to {@code timeout} for the import to end; whether it has. */
    public boolean await(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private List<ImportReport.Attachment> keepAttachments() {
        List<ImportReport.Attachment> results = new ArrayList<>();
        List<String> studyUids;
        synchronized (studies) {
            studyUids = List.copyOf(studies.keySet());
        }
        for (Attachments.Spooled file : List.copyOf(spooled)) {
            if (studyUids.isEmpty()) {
                discard(file);
                results.add(new ImportReport.Attachment(file.name(), file.size(), file.mediaType(), file.sha256(),
                        Map.of(), "not kept: the import stored no instance to keep it with"));
                continue;
            }
            try {
                Map<String, Long> ids = new LinkedHashMap<>();
                for (AttachmentTable.Row row : attachments.keep(file, studyUids, id)) {
                    ids.put(row.studyUid(), row.id());
                }
                results.add(new ImportReport.Attachment(file.name(), file.size(), file.mediaType(), file.sha256(),
                        ids, null));
            } catch (IOException | RuntimeException e) {
                LOG.warn("import {}: the attachment {} could not be kept", id, file.name(), e);
                discard(file);
                failed.incrementAndGet();
                note(file.name(), "the attachment could not be kept: " + e.getMessage());
                results.add(new ImportReport.Attachment(file.name(), file.size(), file.mediaType(), file.sha256(),
                        Map.of(), "not kept: " + e.getMessage()));
            }
        }
        results.addAll(attachmentsNotSpooled);
        return List.copyOf(results);
    }

    private static void discard(Attachments.Spooled file) {
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("a temp file of the attachment {} could not be removed; the next start removes it", file.name(), e);
        }
    }

    private void problem(String member, String reason) {
        failed.incrementAndGet();
        note(member, reason);
    }

    private void note(String member, String reason) {
        synchronized (failures) {
            if (failures.size() < MAX_LISTED) {
                failures.add(new ImportReport.Failure(member, reason));
            }
        }
    }

    /** Where the import stands now, or how it ended. */
    public ImportReport report() {
        Status now = status;
        List<ImportReport.Failure> listed;
        synchronized (failures) {
            listed = List.copyOf(failures);
        }
        List<ImportReport.Study> found = new ArrayList<>();
        synchronized (studies) {
            studies.forEach((uid, count) -> found.add(new ImportReport.Study(uid, count.get())));
        }
        long failedCount = failed.get();
        return new ImportReport(id, source, now, started, finished, bytesReceived.get(), expectedBytes, bytes.get(),
                members.get(), membersDone.get(), stored.get(), alreadyStored.get(), duplicates.get(), failedCount,
                notDicom.get(), skipped.get(), failure.get(), listed, Math.max(0, failedCount - listed.size()),
                List.copyOf(found), checks, now == Status.RUNNING ? List.of() : attachmentReport);
    }

    private static byte[] peek(BufferedInputStream in) throws IOException {
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

    private static Charset zipNameCharset() {
        try {
            return Charset.forName("IBM437");
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
