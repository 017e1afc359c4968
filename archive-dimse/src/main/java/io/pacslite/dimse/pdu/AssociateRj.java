package io.pacslite.dimse.pdu;

import java.util.Objects;

/**
 * A-ASSOCIATE-RJ, PS3.8 section 9.3.4 (PDU type 03H).
 *
 * <p>The meaning of the reason/diag. field depends on the source, so {@link Reason} carries
 * its source and a combination that PS3.8 Table 9-21 does not define cannot be built.
 *
 * @param result permanent or transient
 * @param reason why, which also names the source
 */
public record AssociateRj(Result result, Reason reason) implements Pdu {

    /** The result field, PS3.8 Table 9-21. */
    public enum Result {
        /** rejected-permanent. */
        REJECTED_PERMANENT(1),
        /** rejected-transient. */
        REJECTED_TRANSIENT(2);

        private final int code;

        Result(int code) {
            this.code = code;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }
    }

    /** The source field, PS3.8 Table 9-21. */
    public enum Source {
        /** DICOM UL service-user. */
        SERVICE_USER(1),
        /** DICOM UL service-provider (ACSE related function). */
        SERVICE_PROVIDER_ACSE(2),
        /** DICOM UL service-provider (Presentation related function). */
        SERVICE_PROVIDER_PRESENTATION(3);

        private final int code;

        Source(int code) {
            this.code = code;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }
    }

    /** The reason/diag. field with its source, PS3.8 Table 9-21; reserved values are absent. */
    public enum Reason {
        /** Service-user: no-reason-given. */
        NO_REASON_GIVEN(Source.SERVICE_USER, 1),
        /** Service-user: application-context-name-not-supported. */
        APPLICATION_CONTEXT_NAME_NOT_SUPPORTED(Source.SERVICE_USER, 2),
        /** Service-user: calling-AE-title-not-recognized. */
        CALLING_AE_TITLE_NOT_RECOGNIZED(Source.SERVICE_USER, 3),
        /** Service-user: called-AE-title-not-recognized. */
        CALLED_AE_TITLE_NOT_RECOGNIZED(Source.SERVICE_USER, 7),
        /** Service-provider (ACSE): no-reason-given. */
        ACSE_NO_REASON_GIVEN(Source.SERVICE_PROVIDER_ACSE, 1),
        /** Service-provider (ACSE): protocol-version-not-supported. */
        PROTOCOL_VERSION_NOT_SUPPORTED(Source.SERVICE_PROVIDER_ACSE, 2),
        /** Service-provider (Presentation): temporary-congestion. */
        TEMPORARY_CONGESTION(Source.SERVICE_PROVIDER_PRESENTATION, 1),
        /** Service-provider (Presentation): local-limit-exceeded. */
        LOCAL_LIMIT_EXCEEDED(Source.SERVICE_PROVIDER_PRESENTATION, 2);

        private final Source source;
        private final int code;

        Reason(Source source, int code) {
            this.source = source;
            this.code = code;
        }

        /** The source this reason belongs to. */
        public Source source() {
            return source;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }
    }

    /** Checks that both fields are present. */
    public AssociateRj {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
    }

    /** The source field, implied by the reason. */
    public Source source() {
        return reason.source();
    }
}
