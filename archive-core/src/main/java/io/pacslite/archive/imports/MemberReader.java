package io.pacslite.archive.imports;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ingest.CountingInputStream;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one input of an import, or one member of a ZIP archive in it, and takes it by its
 * content ({@link MemberHead}), never its name: a ZIP archive is read member by member
 * ({@link ZipMembers}); an instance goes to the archive's one ingest path, read into memory and
 * handed to the {@link StoreWorkers} up to {@link ImportLimits#bufferThreshold}, stored from the
 * stream by the reading thread beyond; a DICOMDIR (PS3.10 8.6) is read for its check
 * ({@link DirectoryChecks}) and not stored; anything else is an attachment
 * ({@link ImportAttachments}). Files operating systems leave behind and empty ones are skipped.
 * A file of a folder that holds an instance goes to a worker once its first bytes are read
 * ({@link #handOff}): the worker reads the rest itself, so files are read in parallel and none
 * is held in memory, whatever its size.
 */
final class MemberReader {

    private static final Logger LOG = LoggerFactory.getLogger(MemberReader.class);
    private static final int BUFFER = 64 * 1024;

    /**
     * How much of a file {@link #handOff} reads to tell what it is: "DICM" (PS3.10 7.1) and, for
     * a DICOMDIR, its File Meta Information, which {@link DicomDirectory#isDirectory} reads.
     */
    private static final int FILE_HEAD = 16 * 1024;

    private final Archive archive;
    private final StoreContext context;
    private final ImportLimits limits;
    private final ImportProgress progress;
    private final DirectoryChecks directories;
    private final ImportAttachments attachments;
    private final StoreWorkers workers;
    private final ZipMembers zips;

    MemberReader(Archive archive, StoreContext context, ImportLimits limits, ImportProgress progress,
            DirectoryChecks directories, ImportAttachments attachments, StoreWorkers workers) {
        this.archive = archive;
        this.context = context;
        this.limits = limits;
        this.progress = progress;
        this.directories = directories;
        this.attachments = attachments;
        this.workers = workers;
        this.zips = new ZipMembers(this, limits, progress, workers);
    }

    /**
     * Reads one input or member: a ZIP archive, or one member.
     *
     * @param depth how many ZIP archives it is in
     * @throws ImportException if it stops being read (a refused, truncated or damaged archive)
     */
    void read(MemberStream in, String name, int depth) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        byte[] head = MemberHead.peek(buffered);
        if (MemberHead.isZip(head)) {
            if (depth >= limits.maxDepth()) {
                throw new ImportException("the ZIP archive \"" + name + "\" is refused: ZIP archives nest deeper than "
                        + limits.maxDepth() + " levels");
            }
            zips.read(buffered, name, depth + 1);
        } else if (MemberHead.isEmptyZip(head, head.length)) {
            progress.skipped();
        } else {
            member(buffered, in, head, name);
        }
    }

    /**
     * Hands {@code file}, when it holds one instance, to a worker that reads the rest of it and
     * stores it; the caller waits only for a free worker. Anything else (a ZIP archive, a
     * DICOMDIR, an attachment, a file an operating system left behind, an empty file) is left to
     * the caller, which reads it as a stream ({@link #read}).
     *
     * @return whether the file was handed off
     * @throws IOException if its first bytes cannot be read, or the wait for a worker was interrupted
     */
    boolean handOff(Path file, String name) throws IOException {
        if (ZipNames.isJunk(name)) {
            return false;
        }
        InputStream in = Files.newInputStream(file);
        boolean handed = false;
        try {
            byte[] head = in.readNBytes(FILE_HEAD);
            byte[] start = Arrays.copyOf(head, Math.min(head.length, MemberHead.LENGTH));
            if (head.length == 0 || MemberHead.isZip(start) || !MemberHead.isDicom(start)
                    || DicomDirectory.isDirectory(head, head.length)) {
                return false;
            }
            progress.member();
            InputStream whole = joined(head, in);
            workers.submit(0, () -> storeFile(whole, name));
            handed = true;
            return true;
        } finally {
            if (!handed) {
                in.close();
            }
        }
    }

    /** On a worker: stores the instance {@code file} holds, counting its bytes as received; closes it. */
    private void storeFile(InputStream file, String name) {
        try (CountingInputStream in = new CountingInputStream(file) {
            @Override
            protected void counted(int n) {
                progress.received(n);
            }
        }) {
            StoreResult result = archive.store(in, context);
            progress.memberBytes(in.count());
            record(name, result);
        } catch (IOException e) {
            progress.failed(name, "cannot read: " + e.getMessage());
            progress.memberDone();
        } catch (RuntimeException e) {
            LOG.warn("import {}: storing {} failed", progress.id(), name, e);
            progress.failed(name, "store failed: " + e);
            progress.memberDone();
        } finally {
            progress.inputDone();
        }
    }

    /** A member read whole, on a worker: an attachment, a DICOMDIR or an instance. */
    void whole(byte[] data, byte[] head, String member) throws IOException {
        if (!MemberHead.isDicom(head)) {
            attachment(new ByteArrayInputStream(data), member);
        } else if (DicomDirectory.isDirectory(data, data.length)) {
            directory(new ByteArrayInputStream(data), null, member);
        } else {
            progress.memberBytes(data.length);
            record(member, archive.store(new ByteArrayInputStream(data), context));
        }
    }

    /** A member that is not a ZIP archive: an instance, a DICOMDIR or an attachment. */
    private void member(BufferedInputStream in, MemberStream watched, byte[] head, String name) throws IOException {
        if (ZipNames.isJunk(name) || head.length == 0) {
            progress.skipped();
            return;
        }
        progress.member();
        if (!MemberHead.isDicom(head)) {
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
            progress.memberBytes(counted.count());
            record(name, result);
        }
    }

    private static InputStream joined(byte[] prefix, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(prefix), rest);
    }

    /** Hands an instance read whole to a worker, once a thread and room in the budget are free. */
    private void submit(byte[] member, String name) throws IOException {
        workers.submit(member.length, () -> {
            progress.memberBytes(member.length);
            try {
                record(name, archive.store(new ByteArrayInputStream(member), context));
            } catch (RuntimeException e) {
                LOG.warn("import {}: storing {} failed", progress.id(), name, e);
                progress.memberDone();
                progress.failed(name, "store failed: " + e);
            }
        });
    }

    private void record(String name, StoreResult result) {
        progress.stored(name, result);
        directories.dicomMember(name, result.sopInstanceUID());
        progress.memberDone();
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
            progress.failed(name, "the DICOMDIR cannot be read: " + e.getMessage());
        } finally {
            progress.memberBytes(counted.count());
            progress.memberDone();
        }
    }

    private void attachment(InputStream in, String name) throws IOException {
        progress.notDicom();
        directories.otherMember(name);
        try {
            attachments.spool(in, name);
        } finally {
            progress.memberDone();
        }
    }
}
