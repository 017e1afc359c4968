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
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes the sub-items of the user information item, PS3.8 Annex D and PS3.7 Annex D.3.3. */
final class UserInformationCodec {

    static final int ITEM_TYPE = 0x50;

    private static final int MAXIMUM_LENGTH = 0x51;
    private static final int IMPLEMENTATION_CLASS_UID = 0x52;
    private static final int ASYNCHRONOUS_OPERATIONS_WINDOW = 0x53;
    private static final int ROLE_SELECTION = 0x54;
    private static final int IMPLEMENTATION_VERSION_NAME = 0x55;
    private static final int SOP_CLASS_EXTENDED_NEGOTIATION = 0x56;
    private static final int SOP_CLASS_COMMON_EXTENDED_NEGOTIATION = 0x57;
    private static final int USER_IDENTITY_RQ = 0x58;
    private static final int USER_IDENTITY_AC = 0x59;

    private UserInformationCodec() {
    }

    /** The user information item (50H) with its sub-items in list order. */
    static ByteWriter encode(UserInformation userInformation) {
        ByteWriter body = new ByteWriter();
        for (UserInformationItem item : userInformation.items()) {
            encode(item, body);
        }
        return new ByteWriter().item(ITEM_TYPE, body);
    }

    private static void encode(UserInformationItem item, ByteWriter out) {
        switch (item) {
            case MaximumLength m -> out.item(MAXIMUM_LENGTH, new ByteWriter().u32(m.maximumLength()));
            case ImplementationClassUid i -> out.item(IMPLEMENTATION_CLASS_UID, new ByteWriter().text(i.uid()));
            case ImplementationVersionName n -> out.item(IMPLEMENTATION_VERSION_NAME, new ByteWriter().text(n.name()));
            case AsynchronousOperationsWindow w -> out.item(ASYNCHRONOUS_OPERATIONS_WINDOW,
                    new ByteWriter().u16(w.maxOperationsInvoked()).u16(w.maxOperationsPerformed()));
            case RoleSelection r -> out.item(ROLE_SELECTION, new ByteWriter()
                    .lengthPrefixed(ascii(r.sopClassUid())).u8(r.scuRole() ? 1 : 0).u8(r.scpRole() ? 1 : 0));
            case SopClassExtendedNegotiation e -> out.item(SOP_CLASS_EXTENDED_NEGOTIATION, new ByteWriter()
                    .lengthPrefixed(ascii(e.sopClassUid())).bytes(e.serviceClassApplicationInformation().array()));
            case SopClassCommonExtendedNegotiation c -> out.item(SOP_CLASS_COMMON_EXTENDED_NEGOTIATION,
                    encodeCommonExtendedNegotiation(c));
            case UserIdentityRq u -> out.item(USER_IDENTITY_RQ, new ByteWriter()
                    .u8(u.type().code()).u8(u.positiveResponseRequested() ? 1 : 0)
                    .lengthPrefixed(u.primaryField().array()).lengthPrefixed(u.secondaryField().array()));
            case UserIdentityAc a -> out.item(USER_IDENTITY_AC,
                    new ByteWriter().lengthPrefixed(a.serverResponse().array()));
            case Unknown u -> out.item(u.type(), new ByteWriter().bytes(u.value().array()));
        }
    }

    private static ByteWriter encodeCommonExtendedNegotiation(SopClassCommonExtendedNegotiation c) {
        ByteWriter related = new ByteWriter();
        for (String uid : c.relatedGeneralSopClassUids()) {
            related.lengthPrefixed(ascii(uid));
        }
        return new ByteWriter()
                .lengthPrefixed(ascii(c.sopClassUid()))
                .lengthPrefixed(ascii(c.serviceClassUid()))
                .lengthPrefixed(related.toByteArray());
    }

    /** The sub-items of a user information item body; unknown sub-item types are kept as {@link Unknown}. */
    static UserInformation decode(ByteReader body) throws PduException {
        List<UserInformationItem> items = new ArrayList<>();
        while (body.hasRemaining()) {
            int type = body.u8();
            body.skip(1);
            int length = body.u16();
            ByteReader item = body.slice(length, String.format("user information sub-item %02XH", type));
            items.add(decode(type, item));
        }
        return new UserInformation(items);
    }

    private static UserInformationItem decode(int type, ByteReader item) throws PduException {
        UserInformationItem decoded = switch (type) {
            case MAXIMUM_LENGTH -> new MaximumLength(item.u32());
            case IMPLEMENTATION_CLASS_UID -> new ImplementationClassUid(item.restAsText());
            case IMPLEMENTATION_VERSION_NAME -> new ImplementationVersionName(item.restAsText());
            case ASYNCHRONOUS_OPERATIONS_WINDOW -> new AsynchronousOperationsWindow(item.u16(), item.u16());
            case ROLE_SELECTION -> new RoleSelection(item.text(item.u16()), flag(item, "SCU-role"), flag(item, "SCP-role"));
            case SOP_CLASS_EXTENDED_NEGOTIATION ->
                    new SopClassExtendedNegotiation(item.text(item.u16()), Bytes.wrap(item.rest()));
            case SOP_CLASS_COMMON_EXTENDED_NEGOTIATION -> decodeCommonExtendedNegotiation(item);
            case USER_IDENTITY_RQ -> new UserIdentityRq(
                    WireCodes.decode(UserIdentityType.values(), UserIdentityType::code, item.u8(),
                            "user-identity-type, PS3.7 Table D.3-14"), flag(item, "positive-response-requested"),
                    Bytes.wrap(item.bytes(item.u16())), Bytes.wrap(item.bytes(item.u16())));
            case USER_IDENTITY_AC -> new UserIdentityAc(Bytes.wrap(item.bytes(item.u16())));
            default -> new Unknown(type, Bytes.wrap(item.rest()));
        };
        if (item.hasRemaining()) {
            throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE, String.format(
                    "user information sub-item %02XH has %d bytes after its fields", type, item.remaining()));
        }
        return decoded;
    }

    private static SopClassCommonExtendedNegotiation decodeCommonExtendedNegotiation(ByteReader item)
            throws PduException {
        String sopClassUid = item.text(item.u16());
        String serviceClassUid = item.text(item.u16());
        ByteReader related = item.slice(item.u16(), "related general SOP class identification");
        List<String> relatedUids = new ArrayList<>();
        while (related.hasRemaining()) {
            relatedUids.add(related.text(related.u16()));
        }
        return new SopClassCommonExtendedNegotiation(sopClassUid, serviceClassUid, relatedUids);
    }

    private static boolean flag(ByteReader item, String field) throws PduException {
        int value = item.u8();
        if (value > 1) {
            throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE, field + " is " + value + ", not 0 or 1");
        }
        return value == 1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
