package io.pacslite.dimse.message;

import java.io.IOException;
import java.util.Objects;

/**
 * A command set that is not a DIMSE message this package understands (PS3.7 section 9.3),
 * with the failure {@link Status} a receiver can answer with (or abort the association).
 */
public final class DimseException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the command set. */
    public enum Reason {
        /** The bytes are not an Implicit VR Little Endian data set, PS3.7 section 6.3.1. */
        UNREADABLE(Status.CANNOT_UNDERSTAND),
        /** Command Field (0000,0100) is absent or a value PS3.7 Table E.1-1 does not define. */
        UNKNOWN_COMMAND_FIELD(Status.UNRECOGNIZED_OPERATION),
        /** A command PS3.7 defines but this package does not decode (for example N-GET-RQ). */
        UNSUPPORTED_COMMAND(Status.UNRECOGNIZED_OPERATION),
        /** A field the message structure of PS3.7 section 9.3 requires is absent or empty. */
        MISSING_ELEMENT(Status.CANNOT_UNDERSTAND),
        /** A field holds a value PS3.7 does not allow, such as an undefined Priority. */
        INVALID_VALUE(Status.MISTYPED_ARGUMENT);

        private final Status status;

        Reason(Status status) {
            this.status = status;
        }

        /** The failure status to answer a request that failed this way. */
        public Status status() {
            return status;
        }
    }

    private final Reason reason;

    /** A failure for {@code reason}, described by {@code detail}. */
    public DimseException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A failure for {@code reason} caused by {@code cause}. */
    public DimseException(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }

    /** The failure status to answer with, PS3.7 Annex C. */
    public Status status() {
        return reason.status();
    }
}
