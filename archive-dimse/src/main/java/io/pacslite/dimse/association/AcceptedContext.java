package io.pacslite.dimse.association;

import java.util.Objects;

/**
 * A presentation context the archive accepted, PS3.8 section 9.3.3.2, with the roles the
 * association requestor may play for its abstract syntax (PS3.7 Annex D.3.3.4). The
 * archive plays the other side: requestor SCU means archive SCP, and the reverse.
 *
 * @param id             the presentation context id the requestor chose
 * @param abstractSyntax the abstract syntax (SOP class) UID
 * @param transferSyntax the transfer syntax the archive chose among those offered
 * @param scuRole        whether the requestor may act as SCU (the default without role selection)
 * @param scpRole        whether the requestor may act as SCP (only after role selection, as for C-GET)
 */
public record AcceptedContext(int id, String abstractSyntax, String transferSyntax, boolean scuRole, boolean scpRole) {

    /** Checks that the syntaxes are present and that at least one role is left. */
    public AcceptedContext {
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        if (!scuRole && !scpRole) {
            throw new IllegalArgumentException("presentation context " + id + " accepted with no role");
        }
    }
}
