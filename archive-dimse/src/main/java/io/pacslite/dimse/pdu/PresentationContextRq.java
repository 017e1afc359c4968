package io.pacslite.dimse.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A presentation context item of an A-ASSOCIATE-RQ, PS3.8 section 9.3.2.2 (item type 20H).
 *
 * @param id               the odd presentation context id, 1 to 255
 * @param abstractSyntax   the abstract syntax name, a UID (PS3.8 section 9.3.2.2.1)
 * @param transferSyntaxes the proposed transfer syntax names, one or more (PS3.8 section 9.3.2.2.2)
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {

    /** Checks the id, and that there is an abstract syntax and at least one transfer syntax. */
    public PresentationContextRq {
        requireId(id);
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (abstractSyntax.isEmpty()) {
            throw new IllegalArgumentException("presentation context " + id + " has no abstract syntax");
        }
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("presentation context " + id + " proposes no transfer syntax");
        }
    }

    /** PS3.8 section 9.3.2.2: presentation context ids are odd integers between 1 and 255. */
    static int requireId(int id) {
        if (id < 1 || id > 255 || id % 2 == 0) {
            throw new IllegalArgumentException("presentation context id must be odd, 1 to 255: " + id);
        }
        return id;
    }
}
