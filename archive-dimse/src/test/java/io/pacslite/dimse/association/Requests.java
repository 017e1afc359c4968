package io.pacslite.dimse.association;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import java.util.List;

/** A-ASSOCIATE-RQs for tests: one well-formed request, and ways to change one field of it. */
final class Requests {

    static final String CALLED = "PACSLITE";
    static final String CALLING = "MODALITY";

    private Requests() {
    }

    /** Version 1, DICOM application context, {@link #CALLED} from {@link #CALLING}, 16 KiB PDUs. */
    static AssociateRq request(PresentationContextRq... contexts) {
        return request(UserInformation.of(new MaximumLength(16384)), contexts);
    }

    static AssociateRq request(UserInformation userInformation, PresentationContextRq... contexts) {
        return new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, CALLED, CALLING, AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(contexts), userInformation);
    }

    static AssociateRq request(UserInformationItem... items) {
        return request(UserInformation.of(items), verification());
    }

    static PresentationContextRq context(int id, String abstractSyntax, String... transferSyntaxes) {
        return new PresentationContextRq(id, abstractSyntax, List.of(transferSyntaxes));
    }

    static PresentationContextRq verification() {
        return context(1, UID.Verification, UID.ImplicitVRLittleEndian);
    }
}
