package io.pacslite.dimse.pdu;

import java.util.Objects;

/**
 * A-ABORT, PS3.8 section 9.3.8 (PDU type 07H).
 *
 * @param source who aborted
 * @param reason why; always {@link Reason#REASON_NOT_SPECIFIED} when the service-user aborted,
 *               because PS3.8 Table 9-26 makes the field not significant in that case
 */
public record Abort(Source source, Reason reason) implements Pdu {

    /** The source field, PS3.8 Table 9-26. */
    public enum Source {
        /** DICOM UL service-user (initiated abort). */
        SERVICE_USER(0),
        /** DICOM UL service-provider (initiated abort). */
        SERVICE_PROVIDER(2);

        private final int code;

        Source(int code) {
            this.code = code;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }
    }

    /** The reason/diag. field, PS3.8 Table 9-26. */
    public enum Reason {
        /** reason-not-specified. */
        REASON_NOT_SPECIFIED(0),
        /** unrecognized-PDU. */
        UNRECOGNIZED_PDU(1),
        /** unexpected-PDU. */
        UNEXPECTED_PDU(2),
        /** unrecognized-PDU parameter. */
        UNRECOGNIZED_PDU_PARAMETER(4),
        /** unexpected-PDU parameter. */
        UNEXPECTED_PDU_PARAMETER(5),
        /** invalid-PDU-parameter value. */
        INVALID_PDU_PARAMETER_VALUE(6);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }
    }

    /** Checks that a service-user abort carries no reason. */
    public Abort {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        if (source == Source.SERVICE_USER && reason != Reason.REASON_NOT_SPECIFIED) {
            throw new IllegalArgumentException("a service-user A-ABORT has no reason, PS3.8 Table 9-26");
        }
    }

    /** An abort by the service-user, PS3.8 section 7.3.1. */
    public static Abort byServiceUser() {
        return new Abort(Source.SERVICE_USER, Reason.REASON_NOT_SPECIFIED);
    }

    /** An abort by the service-provider for {@code reason}, PS3.8 section 7.4.1. */
    public static Abort byServiceProvider(Reason reason) {
        return new Abort(Source.SERVICE_PROVIDER, reason);
    }
}
