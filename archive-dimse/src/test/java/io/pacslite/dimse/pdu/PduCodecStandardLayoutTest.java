package io.pacslite.dimse.pdu;

import static io.pacslite.dimse.pdu.Wire.ae;
import static io.pacslite.dimse.pdu.Wire.bytes;
import static io.pacslite.dimse.pdu.Wire.zeros;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Byte layouts written out from the PS3.8 and PS3.7 tables, checked in both directions. */
class PduCodecStandardLayoutTest {

    static Stream<Arguments> pdus() {
        return Stream.of(
                Arguments.of(Named.of("A-ASSOCIATE-RQ, PS3.8 Table 9-11", bytes(
                        0x01, 0x00, 0x00, 0x00, 0x00, 0xA4,          // PDU-type 01H, reserved, PDU-length 164
                        0x00, 0x01,                                   // protocol-version, bit 0 set
                        0x00, 0x00,                                   // reserved
                        ae("PACSLITE"),                               // called-AE-title
                        ae("TESTSCU"),                                // calling-AE-title
                        zeros(32),                                    // reserved
                        0x10, 0x00, 0x00, 0x15,                       // application context item, length 21
                        "1.2.840.10008.3.1.1.1",
                        0x20, 0x00, 0x00, 0x2E,                       // presentation context item, length 46
                        0x01, 0x00, 0x00, 0x00,                       // context id 1, three reserved bytes
                        0x30, 0x00, 0x00, 0x11, "1.2.840.10008.1.1",  // abstract syntax sub-item, length 17
                        0x40, 0x00, 0x00, 0x11, "1.2.840.10008.1.2",  // transfer syntax sub-item, length 17
                        0x50, 0x00, 0x00, 0x11,                       // user information item, length 17
                        0x51, 0x00, 0x00, 0x04, 0x00, 0x00, 0x40, 0x00, // maximum length 16384
                        0x52, 0x00, 0x00, 0x05, "1.2.3")),            // implementation class UID
                        new AssociateRq(1, "PACSLITE", "TESTSCU", "1.2.840.10008.3.1.1.1",
                                List.of(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"))),
                                UserInformation.of(new MaximumLength(16384), new ImplementationClassUid("1.2.3")))),
                Arguments.of(Named.of("A-ASSOCIATE-AC, PS3.8 Table 9-17", bytes(
                        0x02, 0x00, 0x00, 0x00, 0x00, 0x88,          // PDU-type 02H, reserved, PDU-length 136
                        0x00, 0x01,                                   // protocol-version
                        0x00, 0x00,                                   // reserved
                        ae("PACSLITE"),                               // reserved, echoes called-AE-title
                        ae("TESTSCU"),                                // reserved, echoes calling-AE-title
                        zeros(32),                                    // reserved
                        0x10, 0x00, 0x00, 0x15,                       // application context item, length 21
                        "1.2.840.10008.3.1.1.1",
                        0x21, 0x00, 0x00, 0x1B,                       // presentation context item (AC), length 27
                        0x01, 0x00, 0x00, 0x00,                       // context id 1, reserved, result 0 acceptance, reserved
                        0x40, 0x00, 0x00, 0x13, "1.2.840.10008.1.2.1", // transfer syntax sub-item, length 19
                        0x50, 0x00, 0x00, 0x08,                       // user information item, length 8
                        0x51, 0x00, 0x00, 0x04, 0x00, 0x00, 0x40, 0x00)), // maximum length 16384
                        new AssociateAc(1, "PACSLITE", "TESTSCU", "1.2.840.10008.3.1.1.1",
                                List.of(new PresentationContextAc(1, PresentationContextAc.Result.ACCEPTANCE,
                                        "1.2.840.10008.1.2.1")),
                                UserInformation.of(new MaximumLength(16384)))),
                Arguments.of(Named.of("A-ASSOCIATE-RJ, PS3.8 Table 9-21", bytes(
                        0x03, 0x00, 0x00, 0x00, 0x00, 0x04,          // PDU-type 03H, reserved, PDU-length 4
                        0x00,                                         // reserved
                        0x01,                                         // result 1 rejected-permanent
                        0x01,                                         // source 1 DICOM UL service-user
                        0x07)),                                       // reason 7 called-AE-title-not-recognized
                        new AssociateRj(AssociateRj.Result.REJECTED_PERMANENT,
                                AssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED)),
                Arguments.of(Named.of("A-ASSOCIATE-RJ transient, presentation source", bytes(
                        0x03, 0x00, 0x00, 0x00, 0x00, 0x04,
                        0x00,
                        0x02,                                         // result 2 rejected-transient
                        0x03,                                         // source 3 service-provider (Presentation)
                        0x01)),                                       // reason 1 temporary-congestion
                        new AssociateRj(AssociateRj.Result.REJECTED_TRANSIENT, AssociateRj.Reason.TEMPORARY_CONGESTION)),
                Arguments.of(Named.of("P-DATA-TF, PS3.8 Table 9-22 and 9-23", bytes(
                        0x04, 0x00, 0x00, 0x00, 0x00, 0x13,          // PDU-type 04H, reserved, PDU-length 19
                        0x00, 0x00, 0x00, 0x05,                       // item-length 5
                        0x01,                                         // presentation-context-ID 1
                        0x03,                                         // message control header: command, last
                        0x0A, 0x0B, 0x0C,                             // fragment
                        0x00, 0x00, 0x00, 0x06,                       // item-length 6
                        0x03,                                         // presentation-context-ID 3
                        0x00,                                         // message control header: data, not last
                        0x01, 0x02, 0x03, 0x04)),                     // fragment
                        new PDataTf(List.of(
                                new PresentationDataValue(1, true, true, Bytes.of(new byte[] {0x0A, 0x0B, 0x0C})),
                                new PresentationDataValue(3, false, false, Bytes.of(new byte[] {1, 2, 3, 4}))))),
                Arguments.of(Named.of("A-RELEASE-RQ, PS3.8 Table 9-24", bytes(
                        0x05, 0x00, 0x00, 0x00, 0x00, 0x04, zeros(4))), new ReleaseRq()),
                Arguments.of(Named.of("A-RELEASE-RP, PS3.8 Table 9-25", bytes(
                        0x06, 0x00, 0x00, 0x00, 0x00, 0x04, zeros(4))), new ReleaseRp()),
                Arguments.of(Named.of("A-ABORT by service-provider, PS3.8 Table 9-26", bytes(
                        0x07, 0x00, 0x00, 0x00, 0x00, 0x04,          // PDU-type 07H, reserved, PDU-length 4
                        0x00, 0x00,                                   // reserved, reserved
                        0x02,                                         // source 2 service-provider
                        0x06)),                                       // reason 6 invalid-PDU-parameter value
                        Abort.byServiceProvider(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("A-ABORT by service-user", bytes(
                        0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00,
                        0x00,                                         // source 0 service-user
                        0x00)),                                       // reason not significant, sent as 0
                        Abort.byServiceUser()));
    }

    @ParameterizedTest
    @MethodSource("pdus")
    void encodesAsTheStandardLaysOut(byte[] wire, Pdu pdu) {
        assertThat(PduCodec.encode(pdu)).isEqualTo(wire);
    }

    @ParameterizedTest
    @MethodSource("pdus")
    void decodesTheStandardLayout(byte[] wire, Pdu pdu) throws Exception {
        assertThat(new PduReader(new ByteArrayInputStream(wire), 1024).read()).contains(pdu);
    }

    /**
     * The header a sender of large data sets writes in place before each fragment: the message
     * control header of PS3.8 Annex E.2 for each kind of fragment, and the same bytes as
     * {@link PduCodec#encode} of that P-DATA-TF.
     */
    @ParameterizedTest(name = "command {0}, last {1}: message control header {2}")
    @CsvSource({"false, false, 0", "true, false, 1", "false, true, 2", "true, true, 3"})
    void writesASingleValueHeaderWithTheMessageControlHeader(boolean command, boolean last, int controlHeader) {
        byte[] fragment = {0x0A, 0x0B};
        ByteBuffer pdu = ByteBuffer.allocate(PduCodec.SINGLE_VALUE_P_DATA_TF_HEADER_LENGTH + fragment.length);

        PduCodec.writeSingleValueHeader(pdu, 0, 3, command, last, fragment.length);
        pdu.put(PduCodec.SINGLE_VALUE_P_DATA_TF_HEADER_LENGTH, fragment);

        assertThat(pdu.get(11)).isEqualTo((byte) controlHeader);
        assertThat(pdu.array()).isEqualTo(PduCodec.encode(new PDataTf(List.of(
                new PresentationDataValue(3, command, last, Bytes.of(fragment))))));
    }

    static Stream<Arguments> userInformationSubItems() {
        return Stream.of(
                Arguments.of(Named.of("maximum length, PS3.8 Table D.1-1", bytes(
                        0x51, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00)), // 65536
                        new MaximumLength(65536)),
                Arguments.of(Named.of("implementation class UID, PS3.7 Table D.3-1", bytes(
                        0x52, 0x00, 0x00, 0x05, "1.2.3")),
                        new ImplementationClassUid("1.2.3")),
                Arguments.of(Named.of("implementation version name, PS3.7 Table D.3-3", bytes(
                        0x55, 0x00, 0x00, 0x0F, "OFFIS_DCMTK_367")),
                        new ImplementationVersionName("OFFIS_DCMTK_367")),
                Arguments.of(Named.of("asynchronous operations window, PS3.7 Table D.3-7", bytes(
                        0x53, 0x00, 0x00, 0x04,
                        0x00, 0x03,                                   // max-number-operations-invoked
                        0x00, 0x01)),                                 // max-number-operations-performed
                        new AsynchronousOperationsWindow(3, 1)),
                Arguments.of(Named.of("SCP/SCU role selection, PS3.7 Table D.3-9", bytes(
                        0x54, 0x00, 0x00, 0x1D,
                        0x00, 0x19, "1.2.840.10008.5.1.4.1.1.2",      // UID-length 25, SOP-class-uid
                        0x01,                                         // SCU-role
                        0x00)),                                       // SCP-role
                        new RoleSelection("1.2.840.10008.5.1.4.1.1.2", true, false)),
                Arguments.of(Named.of("SOP class extended negotiation, PS3.7 Table D.3-11", bytes(
                        0x56, 0x00, 0x00, 0x21,
                        0x00, 0x1B, "1.2.840.10008.5.1.4.1.2.1.1",    // SOP-class-uid-length 27, SOP-class-uid
                        0x01, 0x01, 0x00, 0x01)),                     // service-class-application-information
                        new SopClassExtendedNegotiation("1.2.840.10008.5.1.4.1.2.1.1",
                                Bytes.of(new byte[] {1, 1, 0, 1}))),
                Arguments.of(Named.of("SOP class common extended negotiation, PS3.7 Table D.3-12", bytes(
                        0x57, 0x00, 0x00, 0x51,                       // item-type, sub-item-version 0, length 81
                        0x00, 0x1B, "1.2.840.10008.5.1.4.1.1.1.2",    // SOP-class-uid-length 27, SOP-class-uid
                        0x00, 0x11, "1.2.840.10008.4.2",              // service-class-uid-length 17, service-class-uid
                        0x00, 0x1F,                                   // related-general-sop-class-identification-length 31
                        0x00, 0x1D, "1.2.840.10008.5.1.4.1.1.1.2.1")), // related-general-sop-class-uid-length 29, uid
                        new SopClassCommonExtendedNegotiation("1.2.840.10008.5.1.4.1.1.1.2", "1.2.840.10008.4.2",
                                List.of("1.2.840.10008.5.1.4.1.1.1.2.1"))),
                Arguments.of(Named.of("user identity username and passcode, PS3.7 Table D.3-14", bytes(
                        0x58, 0x00, 0x00, 0x0E,
                        0x02,                                         // user-identity-type 2
                        0x01,                                         // positive-response-requested
                        0x00, 0x04, "user",                           // primary-field-length, primary-field
                        0x00, 0x04, "pass")),                         // secondary-field-length, secondary-field
                        new UserIdentityRq(UserIdentityType.USERNAME_AND_PASSCODE, true, ascii("user"), ascii("pass"))),
                Arguments.of(Named.of("user identity SAML, PS3.7 Table D.3-14", bytes(
                        0x58, 0x00, 0x00, 0x09,
                        0x04,                                         // user-identity-type 4 SAML
                        0x00,                                         // no positive response requested
                        0x00, 0x03, "<a>",                            // primary-field
                        0x00, 0x00)),                                 // secondary-field-length 0
                        new UserIdentityRq(UserIdentityType.SAML, false, ascii("<a>"), Bytes.empty())),
                Arguments.of(Named.of("user identity server response, PS3.7 Table D.3-15", bytes(
                        0x59, 0x00, 0x00, 0x06,
                        0x00, 0x04, "resp")),                         // server-response-length, server-response
                        new UserIdentityAc(ascii("resp"))),
                Arguments.of(Named.of("unknown sub-item kept as is", bytes(
                        0x5F, 0x00, 0x00, 0x02, 0xAA, 0xBB)),
                        new Unknown(0x5F, Bytes.of(new byte[] {(byte) 0xAA, (byte) 0xBB}))));
    }

    @ParameterizedTest
    @MethodSource("userInformationSubItems")
    void encodesUserInformationSubItemsAsTheStandardLaysOut(byte[] wire, UserInformationItem item) {
        byte[] encoded = UserInformationCodec.encode(UserInformation.of(item)).toByteArray();

        assertThat(encoded).isEqualTo(bytes(0x50, 0x00, 0x00, wire.length, wire));
    }

    @ParameterizedTest
    @MethodSource("userInformationSubItems")
    void decodesUserInformationSubItemsFromTheStandardLayout(byte[] wire, UserInformationItem item) throws Exception {
        assertThat(UserInformationCodec.decode(new ByteReader(wire, "test")).items()).containsExactly(item);
    }

    @Test
    void skipsUnknownItemTypesInAnAssociateRq() throws Exception {
        byte[] body = bytes(
                0x00, 0x01, 0x00, 0x00, ae("PACSLITE"), ae("TESTSCU"), zeros(32),
                0x10, 0x00, 0x00, 0x15, "1.2.840.10008.3.1.1.1",
                0x7E, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03,         // item type 7EH, unknown to PS3.8
                0x20, 0x00, 0x00, 0x2F, 0x01, 0x00, 0x00, 0x00,
                0x30, 0x00, 0x00, 0x11, "1.2.840.10008.1.1",
                0x40, 0x00, 0x00, 0x12, "1.2.840.10008.1.2", 0x00, // UID padded with a NUL, as some peers do
                0x50, 0x00, 0x00, 0x00);

        AssociateRq rq = (AssociateRq) PduCodec.decode(0x01, body);

        assertThat(rq.presentationContexts())
                .containsExactly(new PresentationContextRq(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")));
        assertThat(rq.userInformation().items()).isEmpty();
    }

    @Test
    void keepsRejectedPresentationContextsWithoutTransferSyntax() throws Exception {
        byte[] body = bytes(
                0x00, 0x01, 0x00, 0x00, ae("PACSLITE"), ae("TESTSCU"), zeros(32),
                0x10, 0x00, 0x00, 0x15, "1.2.840.10008.3.1.1.1",
                0x21, 0x00, 0x00, 0x04, 0x05, 0x00, 0x03, 0x00,    // context 5, abstract-syntax-not-supported, no sub-item
                0x50, 0x00, 0x00, 0x00);

        AssociateAc ac = (AssociateAc) PduCodec.decode(0x02, body);

        assertThat(ac.presentationContexts()).containsExactly(
                new PresentationContextAc(5, PresentationContextAc.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, ""));
    }

    private static Bytes ascii(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.US_ASCII));
    }
}
