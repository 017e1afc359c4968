package io.pacslite.archive.imports;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a ZIP archive of an import member by member, as a stream ({@link ZipReader}: never
 * unpacked to disk, never held whole), and hands each member to the {@link MemberReader}. A
 * member whose local header gives its sizes and that fits under
 * {@link ImportLimits#bufferThreshold} is read raw and inflated by a worker
 * ({@link StoreWorkers}); any other is inflated here, as a {@link MemberStream}. The archive
 * stops being read, with an {@link ImportException} saying why, if a member is named absolutely
 * or with {@code ..} ({@link ZipNames}), its header says it is a zip bomb, it cannot be read
 * past, or the archive is truncated or damaged.
 */
final class ZipMembers {

    private static final Logger LOG = LoggerFactory.getLogger(ZipMembers.class);
    /** ZIP names without the UTF-8 flag are in the DOS code page (APPNOTE 4.4.4, appendix D). */
    private static final Charset ZIP_NAMES = zipNameCharset();

    private final MemberReader reader;
    private final ImportLimits limits;
    private final ImportProgress progress;
    private final StoreWorkers workers;

    ZipMembers(MemberReader reader, ImportLimits limits, ImportProgress progress, StoreWorkers workers) {
        this.reader = reader;
        this.limits = limits;
        this.progress = progress;
        this.workers = workers;
    }

    /**
     * Reads the ZIP archive {@code name} to its end.
     *
     * @param depth its nesting level: 1 for an archive that is an input
     */
    void read(InputStream in, String name, int depth) throws IOException {
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
                member(zip, entry, name, depth);
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

    private void member(ZipReader zip, ZipReader.Entry entry, String zipName, int depth) throws IOException {
        String member = zipName + "!" + entry.name();
        String unsupported = ZipReader.unsupported(entry);
        if (unsupported != null) {
            if (!entry.sizesKnown()) {
                throw new ImportException("the ZIP archive \"" + zipName + "\" cannot be read past member \""
                        + entry.name() + "\", which " + unsupported);
            }
            zip.skipRaw(entry);
            if (!entry.directory()) {
                progress.member();
                progress.memberDone();
                progress.failed(member, "not read: the member " + unsupported);
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
        ZipMemberData data = zip.open(entry);
        MemberStream stream = MemberStream.zipMember(data, zipName, entry.name(), data::compressedRead,
                progress.inflated(), limits);
        if (!entry.directory()) {
            reader.read(stream, member, depth);
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
        if (progress.inflated().get() + entry.size() > limits.maxInflatedBytes()) {
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
        byte[] head = ZipInflation.head(entry, raw, MemberHead.LENGTH);
        if (ZipNames.isJunk(member) || entry.size() == 0) {
            progress.skipped();
            return;
        }
        if (MemberHead.isEmptyZip(head, entry.size())) {
            progress.skipped();
            return;
        }
        progress.inflated().addAndGet(entry.size());
        if (MemberHead.isZip(head)) {
            byte[] whole = ZipInflation.inflate(entry, raw);
            reader.read(MemberStream.input(new ByteArrayInputStream(whole), member), member, depth);
            return;
        }
        progress.member();
        int permits = (int) Math.min(limits.bufferBudget(), (long) raw.length + entry.size());
        workers.submit(permits, () -> {
            try {
                byte[] data;
                try {
                    data = ZipInflation.inflate(entry, raw);
                } catch (IOException e) {
                    progress.memberDone();
                    progress.stopped(member, "the ZIP archive \"" + zipName + "\" is damaged at member \""
                            + entry.name() + "\": " + e.getMessage());
                    return;
                }
                reader.whole(data, head, member);
            } catch (IOException | RuntimeException e) {
                LOG.warn("import {}: {} failed", progress.id(), member, e);
                progress.failed(member, "failed: " + e);
            }
        });
    }

    private static Charset zipNameCharset() {
        try {
            return Charset.forName("IBM437");
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
