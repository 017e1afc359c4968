package io.pacslite.archive.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One entry of the audit trail (docs/security.md, "Audit trail"): when, who, what, outcome.
 *
 * <p>Text is cut to the columns of the {@code audit_event} table and the time to microseconds
 * (what H2 and PostgreSQL keep), so that an event read back from the index equals the event
 * that was written and hashes the same.
 *
 * @param at when it happened
 * @param who the user or API token name, or the calling AE title; null if unknown
 * @param role the caller's role label; null if none
 * @param address the caller's network address; null if unknown
 * @param action what was done or attempted
 * @param studyUid the study concerned, if known
 * @param seriesUid the series concerned, if known
 * @param sopUid the instance concerned, if known
 * @param queryKeys the names of the query keys used, never their values (they may be PHI)
 * @param outcome what came of it: {@code OK}, or the status and reason of a failure
 * @param detail what the event changed, when the action calls for it: for {@link Action#CORRECT},
 *     the values before and after as JSON; null otherwise. It holds PHI.
 */
public record AuditEvent(Instant at, String who, String role, String address, Action action,
        String studyUid, String seriesUid, String sopUid, List<String> queryKeys, String outcome, String detail) {

    /** What an event records. */
    public enum Action {
        STORE, QUERY, RETRIEVE, VIEW, DELETE, TOKEN_CREATE, TOKEN_REVOKE, LINK_CREATE, REFUSED,
        /** A study or series written out whole: a ZIP download, or {@code pacslite export} from the archive's files. */
        EXPORT,
        /** The trail itself searched or verified. */
        AUDIT_READ,
        /** A de-identified copy of a study made (docs/deidentification.md); the study is the original. */
        ANONYMIZE,
        /** A report filed with a study, new or replacing another (docs/dicomweb.md, "Reports"). */
        REPORT,
        /** A correction of a study's patient and study attributes; the detail holds the values before and after. */
        CORRECT,
        /** An import started ({@code POST /api/imports}). */
        IMPORT,
        /** Events the trail could not keep because its queue was full; the outcome says how many. */
        LOST
    }

    /** The longest {@code who}. */
    public static final int MAX_WHO = 128;
    /** The longest role label. */
    public static final int MAX_ROLE = 16;
    /** The longest address. */
    public static final int MAX_ADDRESS = 64;
    /** The longest UID (PS3.5 9.1). */
    public static final int MAX_UID = 64;
    /** The longest list of query key names, joined with commas. */
    public static final int MAX_QUERY_KEYS = 1024;
    /** The longest outcome. */
    public static final int MAX_OUTCOME = 256;
    /** The longest detail. */
    public static final int MAX_DETAIL = 4000;

    /** Cuts values to their columns and the time to microseconds; a null list of keys is empty. */
    public AuditEvent {
        if (at == null || action == null) {
            throw new IllegalArgumentException("an audit event needs a time and an action");
        }
        at = at.truncatedTo(ChronoUnit.MICROS);
        who = cut(who, MAX_WHO);
        role = cut(role, MAX_ROLE);
        address = cut(address, MAX_ADDRESS);
        studyUid = cut(studyUid, MAX_UID);
        seriesUid = cut(seriesUid, MAX_UID);
        sopUid = cut(sopUid, MAX_UID);
        queryKeys = queryKeys == null ? List.of() : keysFitting(queryKeys);
        outcome = cut(outcome, MAX_OUTCOME);
        detail = cut(detail, MAX_DETAIL);
    }

    /** An event without a detail (most are). */
    public AuditEvent(Instant at, String who, String role, String address, Action action, String studyUid,
            String seriesUid, String sopUid, List<String> queryKeys, String outcome) {
        this(at, who, role, address, action, studyUid, seriesUid, sopUid, queryKeys, outcome, null);
    }

    /** The query key names as one column value, or null if there are none. */
    public String joinedQueryKeys() {
        return queryKeys.isEmpty() ? null : String.join(",", queryKeys);
    }

    /** The query key names from their column value. */
    public static List<String> splitQueryKeys(String joined) {
        return joined == null ? List.of() : List.of(joined.split(","));
    }

    private static List<String> keysFitting(List<String> keys) {
        int length = 0;
        int count = 0;
        for (String key : keys) {
            length += key.length() + (count == 0 ? 0 : 1);
            if (key.isEmpty() || key.contains(",") || length > MAX_QUERY_KEYS) {
                break;
            }
            count++;
        }
        return List.copyOf(keys.subList(0, count));
    }

    private static String cut(String value, int length) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() <= length) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(length - 1)) ? length - 1 : length;
        return value.substring(0, end);
    }
}
