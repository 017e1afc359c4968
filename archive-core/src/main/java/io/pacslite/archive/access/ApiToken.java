package io.pacslite.archive.access;

import java.time.Instant;

/**
 * An API token as stored: everything but the token itself, of which only a hash is kept.
 *
 * @param expires when it stops working; null: never
 * @param revoked when it was revoked; null: not revoked
 */
public record ApiToken(String name, Role role, Instant created, Instant expires, Instant revoked) {

    /** Whether it lets a caller in at {@code now}: neither revoked nor expired. */
    public boolean validAt(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }
}
