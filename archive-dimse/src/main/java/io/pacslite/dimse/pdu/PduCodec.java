package io.pacslite.dimse.pdu;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes PDUs to bytes and decodes them back, PS3.8 section 9.3. Pure: no streams, no state.
 *
 * <p>Strict where PS3.8 is strict (field lengths, AE title characters, defined codes), tolerant
 * where peers differ: unknown item and sub-item types in A-ASSOCIATE PDUs are skipped, unknown
 * user information sub-items are kept, reserved fields are not checked, UIDs lose trailing
 * NUL or space padding.
 */
public final class PduCodec {

    /** The 6-byte PDU header: type, reserved, 4-byte length (PS3.8 Table 9-11 and alike). */
    public static final int HEADER_LENGTH = 6;

    static final int ASSOCIATE_RQ = 0x01;
    static final int ASSOCIATE_AC = 0x02;
    static final int ASSOCIATE_RJ = 0x03;
    static final int P_DATA_TF = 0x04;
    static final int RELEASE_RQ = 0x05;
    static final int RELEASE_RP = 0x06;
    static final int ABORT = 0x07;

    private static final int FOUR_BYTE_BODY = 4;
    private static final int PDV_HEADER_LENGTH = 2;
    private static final int ITEM_LENGTH_FIELD = 4;

    /**
     * The bytes before the fragment of a P-DATA-TF that holds one presentation data value:
     * PDU header, item length, presentation context id, message control header.
     */
    public static final int SINGLE_VALUE_P_DATA_TF_HEADER_LENGTH = HEADER_LENGTH + ITEM_LENGTH_FIELD + PDV_HEADER_LENGTH;

    private PduCodec() {
    }

    /** The complete PDU, header included. */
    public static byte[] encode(Pdu pdu) {
        return switch (pdu) {
            case AssociateRq rq -> withHeader(ASSOCIATE_RQ, AssociateCodec.encode(rq));
            case AssociateAc ac -> withHeader(ASSOCIATE_AC, AssociateCodec.encode(ac));
            case AssociateRj rj -> withHeader(ASSOCIATE_RJ,
                    new ByteWriter().u8(0).u8(rj.result().code()).u8(rj.source().code()).u8(rj.reason().code())
                            .toByteArray());
            case PDataTf data -> withHeader(P_DATA_TF, encodeValues(data.values()));
            case ReleaseRq ignored -> withHeader(RELEASE_RQ, new byte[FOUR_BYTE_BODY]);
            case ReleaseRp ignored -> withHeader(RELEASE_RP, new byte[FOUR_BYTE_BODY]);
            case Abort abort -> withHeader(ABORT,
                    new ByteWriter().zeros(2).u8(abort.source().code()).u8(abort.reason().code()).toByteArray());
        };
    }

    /**
     * The PDU of {@code type} whose body (everything after the 6-byte header) is {@code body}.
     * A P-DATA-TF's fragments are copied out of {@code body}.
     *
     * @throws PduException if the type is unknown or the body is not what PS3.8 section 9.3 allows
     */
    public static Pdu decode(int type, byte[] body) throws PduException {
        try {
            return switch (type) {
                case ASSOCIATE_RQ -> AssociateCodec.decodeRq(body);
                case ASSOCIATE_AC -> AssociateCodec.decodeAc(body);
                case ASSOCIATE_RJ -> decodeRj(fourByteBody(body, "A-ASSOCIATE-RJ"));
                case P_DATA_TF -> decodePData(body);
                case RELEASE_RQ -> { fourByteBody(body, "A-RELEASE-RQ"); yield new ReleaseRq(); }
                case RELEASE_RP -> { fourByteBody(body, "A-RELEASE-RP"); yield new ReleaseRp(); }
                case ABORT -> decodeAbort(fourByteBody(body, "A-ABORT"));
                default -> throw new PduException(PduException.Reason.UNRECOGNIZED_PDU_TYPE,
                        String.format("PDU type %02XH is not defined in PS3.8 section 9.3", type));
            };
        } catch (IllegalArgumentException e) {
            // The value types check what PS3.8 requires; a violation read from the wire is a bad parameter.
            throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE, e.getMessage());
        }
    }

    /**
     * Writes into the {@link #SINGLE_VALUE_P_DATA_TF_HEADER_LENGTH} bytes of {@code pdus} from
     * {@code offset} the header of a P-DATA-TF holding one presentation data value whose
     * {@code fragmentLength} bytes follow it (PS3.8 section 9.3.5, Tables 9-22 and 9-23, Annex
     * E.2). With its fragment, the result equals {@link #encode} of that P-DATA-TF; a sender of
     * large data sets fills fragments in place this way instead of copying each into a
     * {@link PDataTf} value.
     */
    public static void writeSingleValueHeader(ByteBuffer pdus, int offset, int contextId, boolean command,
            boolean lastFragment, int fragmentLength) {
        PresentationContextRq.requireId(contextId);
        long itemLength = (long) fragmentLength + PDV_HEADER_LENGTH;
        pdus.put(offset, (byte) P_DATA_TF)
                .put(offset + 1, (byte) 0)
                .putInt(offset + 2, (int) (itemLength + ITEM_LENGTH_FIELD))
                .putInt(offset + 6, (int) itemLength)
                .put(offset + 10, (byte) contextId)
                .put(offset + 11, (byte) PresentationDataValue.messageControlHeader(command, lastFragment));
    }

    private static byte[] withHeader(int type, byte[] body) {
        return new ByteWriter().u8(type).u8(0).u32(body.length).bytes(body).toByteArray();
    }

    /** PS3.8 Table 9-23 and Annex E.2: 4-byte item length, context id, message control header, fragment. */
    private static byte[] encodeValues(List<PresentationDataValue> values) {
        ByteWriter out = new ByteWriter();
        for (PresentationDataValue value : values) {
            out.u32((long) value.fragment().length() + PDV_HEADER_LENGTH)
                    .u8(value.presentationContextId())
                    .u8(value.messageControlHeader())
                    .bytes(value.fragment().array());
        }
        return out.toByteArray();
    }

    private static PDataTf decodePData(byte[] body) throws PduException {
        ByteReader in = new ByteReader(body, "P-DATA-TF");
        List<PresentationDataValue> values = new ArrayList<>();
        while (in.hasRemaining()) {
            long length = in.u32();
            if (length < PDV_HEADER_LENGTH || length > in.remaining()) {
                throw new PduException(length < PDV_HEADER_LENGTH ? PduException.Reason.INVALID_PARAMETER_VALUE
                        : PduException.Reason.LENGTH_EXCEEDS_CONTAINER,
                        "presentation data value item length " + length + " with " + in.remaining()
                                + " bytes left in the P-DATA-TF");
            }
            ByteReader item = in.slice((int) length, "presentation data value item");
            int contextId = item.u8();
            int header = item.u8();
            values.add(new PresentationDataValue(contextId, (header & PresentationDataValue.COMMAND_BIT) != 0,
                    (header & PresentationDataValue.LAST_FRAGMENT_BIT) != 0, item.restAsView()));
        }
        return new PDataTf(values);
    }

    /** PS3.8 Table 9-21: reserved, result, source, reason/diag. */
    private static AssociateRj decodeRj(ByteReader in) throws PduException {
        in.skip(1);
        AssociateRj.Result result = WireCodes.decode(AssociateRj.Result.values(), AssociateRj.Result::code,
                in.u8(), "A-ASSOCIATE-RJ result, PS3.8 Table 9-21");
        AssociateRj.Source source = WireCodes.decode(AssociateRj.Source.values(), AssociateRj.Source::code,
                in.u8(), "A-ASSOCIATE-RJ source, PS3.8 Table 9-21");
        int reasonCode = in.u8();
        for (AssociateRj.Reason reason : AssociateRj.Reason.values()) {
            if (reason.source() == source && reason.code() == reasonCode) {
                return new AssociateRj(result, reason);
            }
        }
        throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE,
                "A-ASSOCIATE-RJ reason/diag. " + reasonCode + " is not defined for source " + source);
    }

    /** PS3.8 Table 9-26: two reserved bytes, source, reason/diag. */
    private static Abort decodeAbort(ByteReader in) throws PduException {
        in.skip(2);
        Abort.Source source = WireCodes.decode(Abort.Source.values(), Abort.Source::code,
                in.u8(), "A-ABORT source, PS3.8 Table 9-26");
        int reasonCode = in.u8();
        if (source == Abort.Source.SERVICE_USER) {
            return Abort.byServiceUser(); // the reason "is not significant" for a service-user abort
        }
        return Abort.byServiceProvider(WireCodes.decode(Abort.Reason.values(), Abort.Reason::code,
                reasonCode, "A-ABORT reason/diag., PS3.8 Table 9-26"));
    }

    /** The fixed 4-byte body of A-ASSOCIATE-RJ, A-RELEASE-RQ/RP and A-ABORT. */
    private static ByteReader fourByteBody(byte[] body, String pdu) throws PduException {
        if (body.length != FOUR_BYTE_BODY) {
            throw new PduException(PduException.Reason.INVALID_PARAMETER_VALUE,
                    pdu + " has a " + body.length + "-byte body; PS3.8 section 9.3 fixes it at 4");
        }
        return new ByteReader(body, pdu);
    }
}
