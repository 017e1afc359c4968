package io.pacslite.dimse.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-AC, PS3.8 section 9.3.3 (PDU type 02H).
 *
 * <p>The AE title fields are reserved in the AC: they should echo the RQ but "shall not be
 * tested" (PS3.8 section 9.3.3), so decoding keeps whatever the peer sent, trimmed, without
 * checking it.
 *
 * @param protocolVersion        the protocol-version field; bit 0 set means version 1
 * @param calledAeTitle          the echoed called AE title, trimmed
 * @param callingAeTitle         the echoed calling AE title, trimmed
 * @param applicationContextName the application context name
 * @param presentationContexts   one answer per proposed presentation context
 * @param userInformation        the user information item, PS3.8 section 9.3.3.3 and Annex D
 */
public record AssociateAc(
        int protocolVersion,
        String calledAeTitle,
        String callingAeTitle,
        String applicationContextName,
        List<PresentationContextAc> presentationContexts,
        UserInformation userInformation) implements Pdu {

    /** Checks the field sizes. */
    public AssociateAc {
        requireProtocolVersion(protocolVersion);
        requireReservedAeTitle(calledAeTitle);
        requireReservedAeTitle(callingAeTitle);
        Objects.requireNonNull(applicationContextName, "applicationContextName");
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation, "userInformation");
    }

    /** The answer to {@code rq}: its AE titles echoed, version 1 and the DICOM application context. */
    public static AssociateAc answering(
            AssociateRq rq, List<PresentationContextAc> presentationContexts, UserInformation userInformation) {
        return new AssociateAc(AssociateRq.PROTOCOL_VERSION_1, rq.calledAeTitle(), rq.callingAeTitle(),
                AssociateRq.DICOM_APPLICATION_CONTEXT, presentationContexts, userInformation);
    }

    static void requireProtocolVersion(int protocolVersion) {
        if (protocolVersion < 0 || protocolVersion > 0xFFFF) {
            throw new IllegalArgumentException("protocol version is a 16-bit field: " + protocolVersion);
        }
    }

    private static void requireReservedAeTitle(String aeTitle) {
        Objects.requireNonNull(aeTitle, "aeTitle");
        if (aeTitle.length() > AeTitles.LENGTH) {
            throw new IllegalArgumentException("AE title longer than 16 characters: " + aeTitle);
        }
    }
}
