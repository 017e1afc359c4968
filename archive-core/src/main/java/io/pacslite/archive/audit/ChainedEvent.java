package io.pacslite.archive.audit;

import io.pacslite.archive.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * An audit event in its place in the chain: its sequence number (1, 2, 3, ... with no gaps)
 * and its hash, the SHA-256 of the previous event's hash followed by this event's
 * {@linkplain AuditJson#canonical canonical content}.
 *
 * @param seq the position in the trail, from 1
 * @param event the event
 * @param hash 64 lowercase hex digits
 */
public record ChainedEvent(long seq, AuditEvent event, String hash) {

    /** The "previous hash" of the first event. */
    public static final String GENESIS = "0".repeat(64);

    /** The event that follows one whose hash is {@code previousHash} at {@code seq - 1}. */
    public static ChainedEvent after(String previousHash, long seq, AuditEvent event) {
        return new ChainedEvent(seq, event, hash(previousHash, seq, event));
    }

    /** Whether this event's hash is the one it should have after {@code previousHash}. */
    public boolean follows(String previousHash) {
        return hash.equals(hash(previousHash, seq, event));
    }

    /** This event as one line of JSON, as in the audit files: every field and the hash. */
    public String json() {
        return AuditJson.line(this);
    }

    private static String hash(String previousHash, long seq, AuditEvent event) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        digest.update(AuditJson.canonical(seq, event).getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest);
    }
}
