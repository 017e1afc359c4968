package io.pacslite.dimse.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-RQ, PS3.8 section 9.3.2 (PDU type 01H).
 *
 * @param protocolVersion        the protocol-version field; bit 0 set means version 1
 * @param calledAeTitle          the called AE title, trimmed
 * @param callingAeTitle         the calling AE title, trimmed
 * @param applicationContextName the application context name, PS3.8 section 9.3.2.1 and Annex A.2.1
 * @param presentationContexts   the proposed presentation contexts, one or more
 * @param userInformation        the user information item, PS3.8 section 9.3.2.3 and Annex D
 */
public record AssociateRq(
        int protocolVersion,
        String calledAeTitle,
        String callingAeTitle,
        String applicationContextName,
        List<PresentationContextRq> presentationContexts,
        UserInformation userInformation) implements Pdu {

    /** The DICOM application context name, PS3.7 Annex A.2.1. */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    /** Protocol version 1, the only one PS3.8 defines. */
    public static final int PROTOCOL_VERSION_1 = 0x0001;

    /** Checks the AE titles and that at least one presentation context is proposed. */
    public AssociateRq {
        AssociateAc.requireProtocolVersion(protocolVersion);
        AeTitles.require(calledAeTitle);
        AeTitles.require(callingAeTitle);
        Objects.requireNonNull(applicationContextName, "applicationContextName");
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation, "userInformation");
        if (presentationContexts.isEmpty()) {
            throw new IllegalArgumentException("an A-ASSOCIATE-RQ proposes at least one presentation context");
        }
    }
}
