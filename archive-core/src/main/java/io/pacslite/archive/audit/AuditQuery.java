package io.pacslite.archive.audit;

import java.time.Instant;

/**
 * Which audit events to list ({@code pacslite audit}); a null criterion matches every event.
 *
 * @param studyUid events about this study
 * @param who events by this caller, as the trail names it ({@code token ci-upload}, an AE title)
 * @param since events at or after this instant
 */
public record AuditQuery(String studyUid, String who, Instant since) {

    /** Every event. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null);
}
