package io.pacslite.archive.ingest;

/** What to do when a SOP Instance UID arrives again with different bytes (the same bytes are always a quiet success). */
public enum DuplicatePolicy {
    /** Keep the instance stored first; answer with a warning. The default. */
    KEEP_FIRST,
    /** Replace the stored instance with the new one. */
    REPLACE,
    /** Refuse the new one with 0111 Duplicate SOP Instance / HTTP 409. */
    REJECT
}
