package io.pacslite.dimse.pdu;

/**
 * One DICOM Upper Layer protocol data unit, PS3.8 section 9.3.1 to 9.3.8.
 *
 * <p>Values are immutable. {@link PduCodec} encodes and decodes them.
 */
public sealed interface Pdu
        permits AssociateRq, AssociateAc, AssociateRj, PDataTf, ReleaseRq, ReleaseRp, Abort {
}
