package io.pacslite.dimse.pdu;

import java.util.Objects;

/**
 * A presentation context item of an A-ASSOCIATE-AC, PS3.8 section 9.3.3.2 (item type 21H).
 *
 * @param id             the id of the proposed context this answers
 * @param result         acceptance or why not
 * @param transferSyntax the accepted transfer syntax; not significant (often empty) unless
 *                       the result is {@link Result#ACCEPTANCE}
 */
public record PresentationContextAc(int id, Result result, String transferSyntax) {

    /** The result/reason field, PS3.8 Table 9-18. */
    public enum Result {
        /** acceptance. */
        ACCEPTANCE(0),
        /** user-rejection. */
        USER_REJECTION(1),
        /** no-reason (provider rejection). */
        NO_REASON(2),
        /** abstract-syntax-not-supported (provider rejection). */
        ABSTRACT_SYNTAX_NOT_SUPPORTED(3),
        /** transfer-syntaxes-not-supported (provider rejection). */
        TRANSFER_SYNTAXES_NOT_SUPPORTED(4);

        private final int code;

        Result(int code) {
            this.code = code;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }
    }

    /** Checks the id, and that an accepted context names its transfer syntax. */
    public PresentationContextAc {
        PresentationContextRq.requireId(id);
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        if (result == Result.ACCEPTANCE && transferSyntax.isEmpty()) {
            throw new IllegalArgumentException("accepted presentation context " + id + " has no transfer syntax");
        }
    }
}
