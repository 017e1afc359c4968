package io.pacslite.dimse.pdu;

/** A-RELEASE-RQ, PS3.8 section 9.3.6 (PDU type 05H); it carries no parameters. */
public record ReleaseRq() implements Pdu {
}
