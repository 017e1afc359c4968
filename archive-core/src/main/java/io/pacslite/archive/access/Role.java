package io.pacslite.archive.access;

import java.util.Locale;

/**
 * What a caller may do, from least to most. Each role includes the ones before it: an
 * uploader may also view, an admin may do everything. API tokens carry one; identity provider
 * claims, signed viewer links and DIMSE rules are to map onto the same roles (docs/security.md).
 */
public enum Role {
    /** Search and retrieve: QIDO-RS, WADO-RS (metadata, frames, bulk data, rendered, thumbnails), WADO-URI. */
    VIEWER,
    /** A viewer that may also store: STOW-RS and imports. */
    UPLOADER,
    /** Everything: deleting, the operator API ({@code /api/...}), tokens. */
    ADMIN;

    /** Whether a caller with this role may do what {@code needed} allows. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role's name as users write it: {@code viewer}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role {@code label} names ({@code viewer}, {@code uploader}, {@code admin}).
     *
     * @throws IllegalArgumentException if it names none
     */
    public static Role of(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role '" + label + "': viewer, uploader or admin");
    }
}
