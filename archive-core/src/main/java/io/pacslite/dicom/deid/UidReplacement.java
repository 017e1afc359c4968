package io.pacslite.dicom.deid;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The U action of PS3.15 Table E.1-1a: each UID replaced by a new one, the same new one
 * wherever the original appears (as an instance's own UID, in a reference, in the File Meta
 * Information) for as long as this object is used, one export. New UIDs are "2.25." and a
 * random UUID as a decimal number (PS3.5 B.2), so they need no registered root and never
 * collide with the originals. Thread-safe.
 */
public final class UidReplacement {

    private final Map<String, String> replacements = new ConcurrentHashMap<>();

    /** The replacement of {@code uid}, made on first use. */
    public String replace(String uid) {
        return replacements.computeIfAbsent(uid, original -> newUid());
    }

    /** The replacement given to {@code uid} so far, or null if it has none. */
    public String replacementOf(String uid) {
        return replacements.get(uid);
    }

    /** A new UID in the 2.25 form of PS3.5 B.2: at most 44 characters. */
    static String newUid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
