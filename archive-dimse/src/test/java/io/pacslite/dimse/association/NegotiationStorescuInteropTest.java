package io.pacslite.dimse.association;

import static io.pacslite.dimse.association.Requests.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dimse.association.NegotiationResult.Accepted;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PresentationContextAc;
import io.pacslite.dimse.pdu.PresentationContextAc.Result;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationClassUid;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationVersionName;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request dcmtk's storescu sends by default (odd ids from 1, Explicit VR Little Endian
 * offered before Implicit, 16 KiB PDUs, OFFIS implementation identity), answered by the
 * default policy, and the answer encoded and decoded as PS3.8 section 9.3.3 lays it out.
 */
class NegotiationStorescuInteropTest {

    private static final AssociateRq STORESCU = new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, "ANY-SCP", "STORESCU",
            AssociateRq.DICOM_APPLICATION_CONTEXT,
            List.of(context(1, UID.CTImageStorage, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian),
                    context(3, UID.MRImageStorage, UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian,
                            UID.ImplicitVRLittleEndian),
                    context(5, UID.SecondaryCaptureImageStorage, UID.JPEGBaseline8Bit),
                    context(7, "1.2.826.0.1.3680043.9.9999.1", UID.ImplicitVRLittleEndian)),
            UserInformation.of(new MaximumLength(16384), new ImplementationClassUid("1.2.276.0.7230010.3.0.3.6.8"),
                    new ImplementationVersionName("OFFIS_DCMTK_368")));

    @Test
    void acceptsStorescuContextsWithExplicitLittleEndian() {
        Accepted accepted = (Accepted) Negotiation.negotiate(AcceptancePolicy.defaults(), STORESCU, 0);

        assertThat(accepted.ac().presentationContexts()).containsExactly(
                new PresentationContextAc(1, Result.ACCEPTANCE, UID.ExplicitVRLittleEndian),
                new PresentationContextAc(3, Result.ACCEPTANCE, UID.ExplicitVRLittleEndian),
                new PresentationContextAc(5, Result.ACCEPTANCE, UID.JPEGBaseline8Bit),
                new PresentationContextAc(7, Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, ""));
        assertThat(accepted.contexts()).extracting(AcceptedContext::id).containsExactly(1, 3, 5);
        assertThat(accepted.peerMaxPduLength()).isEqualTo(16384);
    }

    @Test
    void answerSurvivesAnEncodeDecodeRoundTrip() throws Exception {
        AssociateAc ac = ((Accepted) Negotiation.negotiate(AcceptancePolicy.defaults(), STORESCU, 0)).ac();

        byte[] encoded = PduCodec.encode(ac);

        assertThat(encoded[0]).isEqualTo((byte) 0x02);
        assertThat(PduCodec.decode(encoded[0] & 0xFF,
                Arrays.copyOfRange(encoded, PduCodec.HEADER_LENGTH, encoded.length))).isEqualTo(ac);
    }
}
