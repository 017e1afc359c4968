/**
 * DICOM Upper Layer protocol data units (PS3.8 section 9.3) as immutable values, and a pure
 * byte codec for them. Nothing here opens a socket or keeps association state; the state
 * machine lives in {@code io.pacslite.dimse.ul}.
 *
 * <p>{@link io.pacslite.dimse.pdu.PduCodec} turns a {@link io.pacslite.dimse.pdu.Pdu} into
 * bytes and back; {@link io.pacslite.dimse.pdu.PduReader} reads one PDU at a time from a
 * stream, refusing PDUs longer than a configured limit. Malformed input is a
 * {@link io.pacslite.dimse.pdu.PduException} naming the A-ABORT reason (PS3.8 Table 9-26)
 * to answer with.
 */
package io.pacslite.dimse.pdu;
