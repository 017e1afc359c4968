package io.pacslite.archive.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where an {@link Import} stands, or how it ended: a snapshot, consistent enough for a progress
 * bar (each counter is read once, while workers go on).
 *
 * @param id the import's id
 * @param source who sent it ({@code cli:import}, {@code http:<address>})
 * @param status running, done or failed
 * @param started when it began
 * @param finished when it ended, or null while running
 * @param bytesReceived bytes read from the inputs so far (files as they are on disk, the request body)
 * @param expectedBytes the inputs' total size when known (a Content-Length, the files' sizes), else -1
 * @param bytes bytes of the members read (inflated): instances, DICOMDIRs and attachments
 * @param members members seen: files, and members of ZIP archives (not the archives themselves)
 * @param membersDone members whose outcome is known
 * @param stored instances stored (new, or replacing another under the duplicate policy)
 * @param alreadyStored instances that were stored already with the same bytes
 * @param duplicates instances whose SOP Instance UID is stored with other bytes, the first kept
 * @param failed members that looked like DICOM but could not be stored, and unreadable DICOMDIRs
 * @param notDicom members that are not DICOM: attachments, kept or not
 * @param skipped files operating systems leave behind ({@code __MACOSX/}, {@code .DS_Store}, {@code Thumbs.db}), empty files and empty ZIP archives
 * @param failure why the import stopped early (a refused, truncated or damaged archive, a broken
 *     upload), or null; instances stored before it stay stored
 * @param failures members that failed, each with its reason (at most {@link Import#MAX_LISTED})
 * @param failuresOmitted how many more failed than are listed
 * @param studies the studies the import's instances belong to
 * @param directories what each DICOMDIR found says about the import's members (known once it has ended)
 * @param attachments the attachments, each kept with the studies or not (known once it has ended)
 */
public record ImportReport(String id, String source, Import.Status status, Instant started, Instant finished,
        long bytesReceived, long expectedBytes, long bytes, long members, long membersDone, long stored,
        long alreadyStored, long duplicates, long failed, long notDicom, long skipped, String failure,
        List<Failure> failures, long failuresOmitted, List<Study> studies, List<DirectoryCheck> directories,
        List<Attachment> attachments) {

    /** A member that failed. */
    public record Failure(String member, String reason) {
    }

    /** A study found: its Study Instance UID and how many of the import's instances are in it. */
    public record Study(String studyInstanceUID, long instances) {
    }

    /**
     * One DICOMDIR's check.
     *
     * @param member the DICOMDIR's name
     * @param references how many files it lists
     * @param missing the files it lists that the import did not have (as member names)
     * @param mismatched the files it lists that the import had but that are not the instance it names
     */
    public record DirectoryCheck(String member, int references, List<String> missing, List<Failure> mismatched) {
    }

    /**
     * An attachment.
     *
     * @param ids its id with each study it is kept with (by Study Instance UID); empty if not kept
     * @param notKept why it was not kept, or null
     */
    public record Attachment(String name, long size, String mediaType, String sha256, Map<String, Long> ids,
            String notKept) {
    }

    /** Instances the archive holds from this import: stored, already stored, or duplicates kept first. */
    public long instances() {
        return stored + alreadyStored + duplicates;
    }

    /** Whether it has ended (done or failed). */
    public boolean ended() {
        return status != Import.Status.RUNNING;
    }
}
