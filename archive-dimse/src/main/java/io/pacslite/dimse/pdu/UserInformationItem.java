package io.pacslite.dimse.pdu;

import java.util.List;
import java.util.Objects;

/**
 * One sub-item of the user information item, PS3.8 Annex D and PS3.7 Annex D.3.3.
 * Sub-items this codec does not know are kept as {@link Unknown} so nothing is lost.
 */
public sealed interface UserInformationItem {

    /** Maximum length (sub-item 51H), PS3.8 Annex D.1; 0 means no limit. */
    record MaximumLength(long maximumLength) implements UserInformationItem {
        /** Checks the value fits the 32-bit field. */
        public MaximumLength {
            if (maximumLength < 0 || maximumLength > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("maximum length is a 32-bit field: " + maximumLength);
            }
        }
    }

    /** Implementation class UID (sub-item 52H), PS3.7 Annex D.3.3.2. */
    record ImplementationClassUid(String uid) implements UserInformationItem {
        /** Checks the UID is present. */
        public ImplementationClassUid {
            Objects.requireNonNull(uid, "uid");
        }
    }

    /** Implementation version name (sub-item 55H), PS3.7 Annex D.3.3.2; 1 to 16 characters. */
    record ImplementationVersionName(String name) implements UserInformationItem {
        /** Checks the name is present. */
        public ImplementationVersionName {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Asynchronous operations window (sub-item 53H), PS3.7 Annex D.3.3.3; 0 means unlimited. */
    record AsynchronousOperationsWindow(int maxOperationsInvoked, int maxOperationsPerformed)
            implements UserInformationItem {
        /** Checks both fit their 16-bit fields. */
        public AsynchronousOperationsWindow {
            requireUnsigned16(maxOperationsInvoked, "maxOperationsInvoked");
            requireUnsigned16(maxOperationsPerformed, "maxOperationsPerformed");
        }
    }

    /**
     * SCP/SCU role selection (sub-item 54H), PS3.7 Annex D.3.3.4. In an RQ the flags say which
     * roles are proposed; in an AC whether each is accepted.
     */
    record RoleSelection(String sopClassUid, boolean scuRole, boolean scpRole) implements UserInformationItem {
        /** Checks the SOP class is present. */
        public RoleSelection {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
        }
    }

    /**
     * SOP class extended negotiation (sub-item 56H), PS3.7 Annex D.3.3.5. The service class
     * application information is defined per service class in PS3.4, so it stays opaque here.
     */
    record SopClassExtendedNegotiation(String sopClassUid, Bytes serviceClassApplicationInformation)
            implements UserInformationItem {
        /** Checks both fields are present. */
        public SopClassExtendedNegotiation {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(serviceClassApplicationInformation, "serviceClassApplicationInformation");
        }
    }

    /** SOP class common extended negotiation (sub-item 57H, sub-item version 0), PS3.7 Annex D.3.3.6. */
    record SopClassCommonExtendedNegotiation(
            String sopClassUid, String serviceClassUid, List<String> relatedGeneralSopClassUids)
            implements UserInformationItem {
        /** Checks the UIDs are present and copies the list. */
        public SopClassCommonExtendedNegotiation {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(serviceClassUid, "serviceClassUid");
            relatedGeneralSopClassUids = List.copyOf(relatedGeneralSopClassUids);
        }
    }

    /** The user-identity-type field of sub-item 58H, PS3.7 Table D.3-14. */
    enum UserIdentityType {
        /** Username as a UTF-8 string. */
        USERNAME(1),
        /** Username as a UTF-8 string and passcode. */
        USERNAME_AND_PASSCODE(2),
        /** Kerberos service ticket. */
        KERBEROS(3),
        /** SAML assertion. */
        SAML(4),
        /** JSON Web Token. */
        JWT(5);

        private final int code;

        UserIdentityType(int code) {
            this.code = code;
        }

        /** The value on the wire. */
        public int code() {
            return code;
        }
    }

    /**
     * User identity negotiation in an A-ASSOCIATE-RQ (sub-item 58H), PS3.7 Annex D.3.3.7.1.
     *
     * @param type                      what the primary field holds
     * @param positiveResponseRequested whether the acceptor should answer with a {@link UserIdentityAc}
     * @param primaryField              username, ticket, assertion or token
     * @param secondaryField            the passcode for {@link UserIdentityType#USERNAME_AND_PASSCODE}, else empty
     */
    record UserIdentityRq(
            UserIdentityType type, boolean positiveResponseRequested, Bytes primaryField, Bytes secondaryField)
            implements UserInformationItem {
        /** Checks that only a username-and-passcode identity has a secondary field. */
        public UserIdentityRq {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(primaryField, "primaryField");
            Objects.requireNonNull(secondaryField, "secondaryField");
            if (type != UserIdentityType.USERNAME_AND_PASSCODE && secondaryField.length() != 0) {
                throw new IllegalArgumentException("only " + UserIdentityType.USERNAME_AND_PASSCODE
                        + " has a secondary field, PS3.7 Annex D.3.3.7.1");
            }
        }
    }

    /** User identity negotiation in an A-ASSOCIATE-AC (sub-item 59H), PS3.7 Annex D.3.3.7.2. */
    record UserIdentityAc(Bytes serverResponse) implements UserInformationItem {
        /** Checks the response is present (it is empty for username identities). */
        public UserIdentityAc {
            Objects.requireNonNull(serverResponse, "serverResponse");
        }
    }

    /** A sub-item type this codec does not interpret, kept as it came. */
    record Unknown(int type, Bytes value) implements UserInformationItem {
        /** Checks the type is one this codec does not interpret. */
        public Unknown {
            if (type < 0 || type > 0xFF || (type >= 0x51 && type <= 0x59)) {
                throw new IllegalArgumentException(String.format("not an unknown sub-item type: %02XH", type));
            }
            Objects.requireNonNull(value, "value");
        }
    }

    private static void requireUnsigned16(int value, String name) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " is a 16-bit field: " + value);
        }
    }
}
