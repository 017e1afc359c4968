package io.pacslite.cli.config;

import io.pacslite.dimse.association.Permission;
import java.util.Set;

/**
 * One element of {@code dicom.ae-rules}: what one calling AE title may do over DIMSE.
 *
 * @param aeTitle the calling AE title
 * @param allowed its permissions; empty: none, its associations are rejected
 */
record AeRule(String aeTitle, Set<Permission> allowed) {

    /** Copies the set. */
    AeRule {
        allowed = Set.copyOf(allowed);
    }
}
