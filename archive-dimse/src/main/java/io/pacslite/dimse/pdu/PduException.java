package io.pacslite.dimse.pdu;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Bytes that are not a PDU PS3.8 section 9.3 allows, or a stream that ended inside one.
 *
 * <p>{@link #abortReason()} is the A-ABORT reason (PS3.8 Table 9-26) the receiver should send,
 * or empty when there is nobody left to send it to (the stream ended).
 */
public final class PduException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the input. */
    public enum Reason {
        /** The stream ended inside the 6-byte PDU header. */
        TRUNCATED_HEADER(null),
        /** The stream ended before the PDU length announced in the header. */
        TRUNCATED_BODY(null),
        /** The PDU length is above the reader's configured maximum. */
        PDU_TOO_LONG(Abort.Reason.INVALID_PDU_PARAMETER_VALUE),
        /** The PDU type is none of 01H to 07H, PS3.8 section 9.3.1. */
        UNRECOGNIZED_PDU_TYPE(Abort.Reason.UNRECOGNIZED_PDU),
        /** An item or field length runs past the item or PDU that contains it. */
        LENGTH_EXCEEDS_CONTAINER(Abort.Reason.INVALID_PDU_PARAMETER_VALUE),
        /** A called or calling AE title with characters outside the default repertoire. */
        INVALID_AE_TITLE(Abort.Reason.INVALID_PDU_PARAMETER_VALUE),
        /** A known item in a PDU where PS3.8 does not allow it, or repeated where it must be single. */
        UNEXPECTED_ITEM(Abort.Reason.UNEXPECTED_PDU_PARAMETER),
        /** A field value PS3.8 or PS3.7 Annex D does not define, or a mandatory item missing. */
        INVALID_PARAMETER_VALUE(Abort.Reason.INVALID_PDU_PARAMETER_VALUE);

        private final Abort.Reason abortReason;

        Reason(Abort.Reason abortReason) {
            this.abortReason = abortReason;
        }

        /** The A-ABORT reason to answer with, if any. */
        public Optional<Abort.Reason> abortReason() {
            return Optional.ofNullable(abortReason);
        }
    }

    private final Reason reason;

    /** A failure for {@code reason}, described by {@code detail}. */
    public PduException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }

    /** The A-ABORT reason, PS3.8 Table 9-26, to answer with, or empty when the stream ended. */
    public Optional<Abort.Reason> abortReason() {
        return reason.abortReason();
    }
}
