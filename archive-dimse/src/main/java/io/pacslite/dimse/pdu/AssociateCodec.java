package io.pacslite.dimse.pdu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the bodies of A-ASSOCIATE-RQ and A-ASSOCIATE-AC, which share their
 * layout: PS3.8 Table 9-11 and Table 9-17.
 */
final class AssociateCodec {

    private static final int APPLICATION_CONTEXT = 0x10;
    private static final int PRESENTATION_CONTEXT_RQ = 0x20;
    private static final int PRESENTATION_CONTEXT_AC = 0x21;
    private static final int ABSTRACT_SYNTAX = 0x30;
    private static final int TRANSFER_SYNTAX = 0x40;
    private static final int RESERVED_AFTER_AE_TITLES = 32;

    private AssociateCodec() {
    }

    static byte[] encode(AssociateRq rq) {
        ByteWriter out = fixedFields(rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle(),
                rq.applicationContextName());
        for (PresentationContextRq context : rq.presentationContexts()) {
            ByteWriter body = new ByteWriter().u8(context.id()).zeros(3)
                    .item(ABSTRACT_SYNTAX, new ByteWriter().text(context.abstractSyntax()));
            for (String transferSyntax : context.transferSyntaxes()) {
                body.item(TRANSFER_SYNTAX, new ByteWriter().text(transferSyntax));
            }
            out.item(PRESENTATION_CONTEXT_RQ, body);
        }
        return out.bytes(UserInformationCodec.encode(rq.userInformation()).toByteArray()).toByteArray();
    }

    static byte[] encode(AssociateAc ac) {
        ByteWriter out = fixedFields(ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle(),
                ac.applicationContextName());
        for (PresentationContextAc context : ac.presentationContexts()) {
            out.item(PRESENTATION_CONTEXT_AC, new ByteWriter()
                    .u8(context.id()).u8(0).u8(context.result().code()).u8(0)
                    .item(TRANSFER_SYNTAX, new ByteWriter().text(context.transferSyntax())));
        }
        return out.bytes(UserInformationCodec.encode(ac.userInformation()).toByteArray()).toByteArray();
    }

    private static ByteWriter fixedFields(
            int protocolVersion, String called, String calling, String applicationContextName) {
        return new ByteWriter()
                .u16(protocolVersion).zeros(2)
                .padded(called, AeTitles.LENGTH)
                .padded(calling, AeTitles.LENGTH)
                .zeros(RESERVED_AFTER_AE_TITLES)
                .item(APPLICATION_CONTEXT, new ByteWriter().text(applicationContextName));
    }

    static AssociateRq decodeRq(byte[] body) throws PduException {
        ByteReader in = new ByteReader(body, "A-ASSOCIATE-RQ");
        int protocolVersion = in.u16();
        in.skip(2);
        String called = aeTitle(in, "called");
        String calling = aeTitle(in, "calling");
        in.skip(RESERVED_AFTER_AE_TITLES);
        VariableItems items = variableItems(in, PRESENTATION_CONTEXT_RQ, PRESENTATION_CONTEXT_AC);
        List<PresentationContextRq> contexts = new ArrayList<>();
        for (ByteReader context : items.presentationContexts) {
            contexts.add(presentationContextRq(context));
        }
        return new AssociateRq(protocolVersion, called, calling, items.applicationContextName(), contexts,
                items.userInformation());
    }

    static AssociateAc decodeAc(byte[] body) throws PduException {
        ByteReader in = new ByteReader(body, "A-ASSOCIATE-AC");
        int protocolVersion = in.u16();
        in.skip(2);
        // Reserved in the AC and "not tested", PS3.8 Table 9-17: kept as sent.
        String called = in.text(AeTitles.LENGTH).strip();
        String calling = in.text(AeTitles.LENGTH).strip();
        in.skip(RESERVED_AFTER_AE_TITLES);
        VariableItems items = variableItems(in, PRESENTATION_CONTEXT_AC, PRESENTATION_CONTEXT_RQ);
        List<PresentationContextAc> contexts = new ArrayList<>();
        for (ByteReader context : items.presentationContexts) {
            contexts.add(presentationContextAc(context));
        }
        return new AssociateAc(protocolVersion, called, calling, items.applicationContextName(), contexts,
                items.userInformation());
    }

    /** The 16-byte AE title field, checked: PS3.8 Table 9-11 and PS3.5 section 6.2 (AE). */
    private static String aeTitle(ByteReader in, String which) throws PduException {
        byte[] raw = in.bytes(AeTitles.LENGTH);
        for (int i = 0; i < raw.length; i++) {
            int b = raw[i] & 0xFF;
            if (b < 0x20 || b > 0x7E || b == '\\') {
                throw new PduException(PduException.Reason.INVALID_AE_TITLE,
                        String.format("%s AE title has byte 0x%02X at position %d", which, b, i));
            }
        }
        String aeTitle = new String(raw, StandardCharsets.US_ASCII).strip();
        if (aeTitle.isEmpty()) {
            throw new PduException(PduException.Reason.INVALID_AE_TITLE, which + " AE title is all spaces");
        }
        return aeTitle;
    }

    private record VariableItems(
            String applicationContextName, List<ByteReader> presentationContexts, UserInformation userInformation) {
    }

    /**
     * Sorts the variable items by kind. Unknown item types are skipped (PS3.8 section 9.3:
     * items of unrecognized types are ignored); a presentation context of the other PDU's
     * kind, or a repeated single item, is unexpected.
     */
    private static VariableItems variableItems(ByteReader in, int contextType, int otherContextType)
            throws PduException {
        String applicationContextName = null;
        UserInformation userInformation = null;
        List<ByteReader> contexts = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.u8();
            in.skip(1);
            ByteReader item = in.slice(in.u16(), String.format("item %02XH", type));
            if (type == APPLICATION_CONTEXT) {
                requireFirst(applicationContextName, type);
                applicationContextName = item.restAsText();
            } else if (type == contextType) {
                contexts.add(item);
            } else if (type == UserInformationCodec.ITEM_TYPE) {
                requireFirst(userInformation, type);
                userInformation = UserInformationCodec.decode(item);
            } else if (type == otherContextType) {
                throw new PduException(PduException.Reason.UNEXPECTED_ITEM,
                        String.format("presentation context item %02XH belongs in the other A-ASSOCIATE PDU", type));
            }
        }
        if (applicationContextName == null) {
            throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE, "no application context item");
        }
        if (userInformation == null) {
            throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE, "no user information item");
        }
        return new VariableItems(applicationContextName, contexts, userInformation);
    }

    private static void requireFirst(Object seen, int type) throws PduException {
        if (seen != null) {
            throw new PduException(PduException.Reason.UNEXPECTED_ITEM, String.format("item %02XH repeated", type));
        }
    }

    /** PS3.8 Table 9-13: id, three reserved bytes, one abstract syntax, one or more transfer syntaxes. */
    private static PresentationContextRq presentationContextRq(ByteReader in) throws PduException {
        int id = in.u8();
        in.skip(3);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.u8();
            in.skip(1);
            ByteReader item = in.slice(in.u16(), String.format("sub-item %02XH", type));
            if (type == ABSTRACT_SYNTAX) {
                requireFirst(abstractSyntax, type);
                abstractSyntax = item.restAsText();
            } else if (type == TRANSFER_SYNTAX) {
                transferSyntaxes.add(item.restAsText());
            }
        }
        if (abstractSyntax == null) {
            throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE,
                    "presentation context " + id + " has no abstract syntax sub-item");
        }
        return new PresentationContextRq(id, abstractSyntax, transferSyntaxes);
    }

    /** PS3.8 Table 9-18: id, reserved, result/reason, reserved, one transfer syntax. */
    private static PresentationContextAc presentationContextAc(ByteReader in) throws PduException {
        int id = in.u8();
        in.skip(1);
        PresentationContextAc.Result result = WireCodes.decode(PresentationContextAc.Result.values(),
                PresentationContextAc.Result::code, in.u8(), "presentation context result/reason, PS3.8 Table 9-18");
        in.skip(1);
        String transferSyntax = null;
        while (in.hasRemaining()) {
            int type = in.u8();
            in.skip(1);
            ByteReader item = in.slice(in.u16(), String.format("sub-item %02XH", type));
            if (type == TRANSFER_SYNTAX) {
                requireFirst(transferSyntax, type);
                transferSyntax = item.restAsText();
            }
        }
        // Not significant unless accepted (PS3.8 Table 9-18), so a rejection may leave it out.
        return new PresentationContextAc(id, result, transferSyntax == null ? "" : transferSyntax);
    }
}
