package io.pacslite.dicom.deid;

import io.pacslite.dicom.data.UIDs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The U action of PS3.15 Table E.1-1a: each UID replaced by a new one, the same new one
 * wherever the original appears (as an instance's own UID, in a reference, in the File Meta
 * Information) for as long as this object is used, one export. New UIDs are {@link UIDs#random}:
 * "2.25." and a random UUID as a decimal number (PS3.5 B.2), so they need no registered root
 * and never collide with the originals. Thread-safe.
 */
public final class UidReplacement {

    private final Map<String, String> replacements = new ConcurrentHashMap<>();

    /** The replacement of {@code uid}, made on first use. */
    public String replace(String uid) {
        return replacements.computeIfAbsent(uid, original -> UIDs.random());
    }

    /** The replacement given to {@code uid} so far, or null if it has none. */
    public String replacementOf(String uid) {
        return replacements.get(uid);
    }
}
