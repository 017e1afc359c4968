package io.pacslite.dimse.pdu;

/** A-RELEASE-RP, PS3.8 section 9.3.7 (PDU type 06H); it carries no parameters. */
public record ReleaseRp() implements Pdu {
}
