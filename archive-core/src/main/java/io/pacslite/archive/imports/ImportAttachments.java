package io.pacslite.archive.imports;

import io.pacslite.archive.index.AttachmentTable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attachments one import found, its members that are not DICOM: each is spooled to a temp
 * file as it is read ({@link Attachments#spool}), up to {@link ImportLimits#maxAttachments} of
 * them and {@link ImportLimits#maxAttachmentBytes} each, and once the import has ended kept with
 * every study the import stored instances of, or discarded if it stored none.
 */
final class ImportAttachments {

    private static final Logger LOG = LoggerFactory.getLogger(ImportAttachments.class);

    private final Attachments attachments;
    private final ImportLimits limits;
    private final ImportProgress progress;
    private final List<Attachments.Spooled> spooled = Collections.synchronizedList(new ArrayList<>());
    private final List<ImportReport.Attachment> notSpooled = Collections.synchronizedList(new ArrayList<>());

    ImportAttachments(Attachments attachments, ImportLimits limits, ImportProgress progress) {
        this.attachments = attachments;
        this.limits = limits;
        this.progress = progress;
    }

    /**
     * Spools the attachment {@code name}, read from {@code in} to its end; one past the limits
     * is reported as not kept.
     */
    void spool(InputStream in, String name) throws IOException {
        if (spooled.size() >= limits.maxAttachments()) {
            notSpooled.add(notKept(name, "not kept: an import keeps at most " + limits.maxAttachments()
                    + " attachments"));
            return;
        }
        try {
            Attachments.Spooled file = attachments.spool(in, name, limits.maxAttachmentBytes());
            progress.memberBytes(file.size());
            spooled.add(file);
        } catch (Attachments.TooLargeException e) {
            notSpooled.add(notKept(name, "not kept: " + e.getMessage()));
        }
    }

    private static ImportReport.Attachment notKept(String name, String reason) {
        return new ImportReport.Attachment(name, -1, null, null, Map.of(), reason);
    }

    /**
     * Keeps the attachments spooled with the studies the import stored instances of, or
     * discards them if there is none; once every member is read.
     *
     * @param importId the import, named in each attachment's index rows
     * @return every attachment, kept or not
     */
    List<ImportReport.Attachment> keep(String importId) {
        List<ImportReport.Attachment> results = new ArrayList<>();
        List<String> studyUids = progress.studyUids();
        for (Attachments.Spooled file : List.copyOf(spooled)) {
            if (studyUids.isEmpty()) {
                discard(file);
                results.add(new ImportReport.Attachment(file.name(), file.size(), file.mediaType(), file.sha256(),
                        Map.of(), "not kept: the import stored no instance to keep it with"));
                continue;
            }
            try {
                Map<String, Long> ids = new LinkedHashMap<>();
                for (AttachmentTable.Row row : attachments.keep(file, studyUids, importId)) {
                    ids.put(row.studyUid(), row.id());
                }
                results.add(new ImportReport.Attachment(file.name(), file.size(), file.mediaType(), file.sha256(),
                        ids, null));
            } catch (IOException | RuntimeException e) {
                LOG.warn("import {}: the attachment {} could not be kept", importId, file.name(), e);
                discard(file);
                progress.failed(file.name(), "the attachment could not be kept: " + e.getMessage());
                results.add(new ImportReport.Attachment(file.name(), file.size(), file.mediaType(), file.sha256(),
                        Map.of(), "not kept: " + e.getMessage()));
            }
        }
        results.addAll(notSpooled);
        return List.copyOf(results);
    }

    private static void discard(Attachments.Spooled file) {
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("a temp file of the attachment {} could not be removed; the next start removes it", file.name(), e);
        }
    }
}
