package io.pacslite.dimse.pdu;

import io.pacslite.dimse.pdu.UserInformationItem.AsynchronousOperationsWindow;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationClassUid;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationVersionName;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import io.pacslite.dimse.pdu.UserInformationItem.RoleSelection;
import io.pacslite.dimse.pdu.UserInformationItem.SopClassCommonExtendedNegotiation;
import io.pacslite.dimse.pdu.UserInformationItem.SopClassExtendedNegotiation;
import io.pacslite.dimse.pdu.UserInformationItem.Unknown;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityAc;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityRq;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The user information item (type 50H) of A-ASSOCIATE-RQ and -AC, PS3.8 section 9.3.2.3 and
 * 9.3.3.3: its sub-items in the order they were sent, with accessors by kind.
 *
 * @param items the sub-items, PS3.8 Annex D and PS3.7 Annex D.3.3
 */
public record UserInformation(List<UserInformationItem> items) {

    /** Copies the list. */
    public UserInformation {
        items = List.copyOf(items);
    }

    /** User information with {@code items} in this order. */
    public static UserInformation of(UserInformationItem... items) {
        return new UserInformation(List.of(items));
    }

    /** The maximum length received (PS3.8 Annex D.1), if the sub-item is present; 0 means no limit. */
    public OptionalLong maximumLength() {
        return first(MaximumLength.class).map(m -> OptionalLong.of(m.maximumLength())).orElse(OptionalLong.empty());
    }

    /** The implementation class UID, PS3.7 Annex D.3.3.2. */
    public Optional<String> implementationClassUid() {
        return first(ImplementationClassUid.class).map(ImplementationClassUid::uid);
    }

    /** The implementation version name, PS3.7 Annex D.3.3.2. */
    public Optional<String> implementationVersionName() {
        return first(ImplementationVersionName.class).map(ImplementationVersionName::name);
    }

    /** The asynchronous operations window, PS3.7 Annex D.3.3.3. */
    public Optional<AsynchronousOperationsWindow> asynchronousOperationsWindow() {
        return first(AsynchronousOperationsWindow.class);
    }

    /** The SCP/SCU role selections, PS3.7 Annex D.3.3.4. */
    public List<RoleSelection> roleSelections() {
        return all(RoleSelection.class);
    }

    /** The SOP class extended negotiations, PS3.7 Annex D.3.3.5. */
    public List<SopClassExtendedNegotiation> sopClassExtendedNegotiations() {
        return all(SopClassExtendedNegotiation.class);
    }

    /** The SOP class common extended negotiations, PS3.7 Annex D.3.3.6. */
    public List<SopClassCommonExtendedNegotiation> sopClassCommonExtendedNegotiations() {
        return all(SopClassCommonExtendedNegotiation.class);
    }

    /** The user identity of an RQ, PS3.7 Annex D.3.3.7.1. */
    public Optional<UserIdentityRq> userIdentityRq() {
        return first(UserIdentityRq.class);
    }

    /** The user identity answer of an AC, PS3.7 Annex D.3.3.7.2. */
    public Optional<UserIdentityAc> userIdentityAc() {
        return first(UserIdentityAc.class);
    }

    /** Sub-items of types this codec does not interpret. */
    public List<Unknown> unknownItems() {
        return all(Unknown.class);
    }

    private <T extends UserInformationItem> Optional<T> first(Class<T> kind) {
        return items.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    private <T extends UserInformationItem> List<T> all(Class<T> kind) {
        return items.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
