package io.pacslite.dimse.net;

import io.pacslite.dimse.pdu.AssociateRj;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a requestor {@link Association} could not do what it was asked. Every reason but
 * {@link Reason#NO_PRESENTATION_CONTEXT} means the association is gone (PS3.8 section 9.2:
 * the machine is back in Sta1); the message says what happened in a sentence.
 */
public final class AssociationException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The TCP connection could not be made (refused, unreachable, connect timeout). */
        CONNECT_FAILED,
        /** The peer answered with an A-ASSOCIATE-RJ, PS3.8 section 9.3.4. */
        REJECTED,
        /** The peer sent an A-ABORT, PS3.8 section 9.3.8. */
        ABORTED_BY_PEER,
        /** A timer ran out (PS3.8 section 9.1.5, or the DIMSE response timeout); this side aborted. */
        TIMEOUT,
        /** The peer broke the protocol (PS3.8 Table 9-10, PS3.7), or reading a local file failed mid-message; this side aborted. */
        ABORTED,
        /** The connection closed or broke, or the peer released the association, before the answer came. */
        CLOSED,
        /** No accepted presentation context fits the request; the association is still usable. */
        NO_PRESENTATION_CONTEXT
    }

    private final Reason reason;
    private final transient AssociateRj rejection;

    AssociationException(Reason reason, String message) {
        this(reason, message, null);
    }

    AssociationException(Reason reason, String message, AssociateRj rejection) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.rejection = rejection;
    }

    /** A rejection, described with its result, source and reason as PS3.8 Table 9-21 names them. */
    static AssociationException rejected(RemoteAe peer, AssociateRj rj) {
        return new AssociationException(Reason.REJECTED, "association rejected by " + peer + ": "
                + words(rj.result()) + ", source " + words(rj.source()) + ", reason " + words(rj.reason()), rj);
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }

    /** The A-ASSOCIATE-RJ, for {@link Reason#REJECTED}. */
    public Optional<AssociateRj> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** Whether the association ended; false only for {@link Reason#NO_PRESENTATION_CONTEXT}. */
    public boolean associationLost() {
        return reason != Reason.NO_PRESENTATION_CONTEXT;
    }

    /** An enum constant as PS3.8 writes it: REJECTED_PERMANENT as rejected-permanent. */
    static String words(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
