package io.pacslite.dimse.pdu;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PduCodecRoundTripTest {

    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    static Stream<Named<UserInformationItem>> userInformationItems() {
        return Stream.of(
                Named.of("maximum length", new MaximumLength(16384)),
                Named.of("maximum length unlimited", new MaximumLength(0)),
                Named.of("maximum length 2^32-1", new MaximumLength(0xFFFF_FFFFL)),
                Named.of("implementation class UID", new ImplementationClassUid("1.2.826.0.1.3680043.9.7433")),
                Named.of("implementation version name", new ImplementationVersionName("PACSLITE_010")),
                Named.of("asynchronous operations window", new AsynchronousOperationsWindow(5, 0xFFFF)),
                Named.of("role selection SCU only", new RoleSelection(CT_IMAGE_STORAGE, true, false)),
                Named.of("role selection SCP only", new RoleSelection(CT_IMAGE_STORAGE, false, true)),
                Named.of("SOP class extended negotiation", new SopClassExtendedNegotiation(
                        "1.2.840.10008.5.1.4.1.2.2.1", Bytes.of(new byte[] {1, 1, 0, 1}))),
                Named.of("SOP class common extended negotiation", new SopClassCommonExtendedNegotiation(
                        "1.2.840.10008.5.1.4.1.1.1.2", "1.2.840.10008.4.2",
                        List.of("1.2.840.10008.5.1.4.1.1.1.2.1", "1.2.840.10008.5.1.4.1.1.1"))),
                Named.of("SOP class common extended negotiation, no related classes",
                        new SopClassCommonExtendedNegotiation(CT_IMAGE_STORAGE, "1.2.840.10008.4.2", List.of())),
                Named.of("user identity username", new UserIdentityRq(
                        UserIdentityType.USERNAME, false, utf8("radiologist"), Bytes.empty())),
                Named.of("user identity username and passcode", new UserIdentityRq(
                        UserIdentityType.USERNAME_AND_PASSCODE, true, utf8("radiologist"), utf8("s3cr\u00e9t"))),
                Named.of("user identity Kerberos", new UserIdentityRq(
                        UserIdentityType.KERBEROS, true, Bytes.of(new byte[] {0x6E, (byte) 0x82, 0, 1}), Bytes.empty())),
                Named.of("user identity SAML", new UserIdentityRq(
                        UserIdentityType.SAML, true, utf8("<saml:Assertion ID=\"a1\"/>"), Bytes.empty())),
                Named.of("user identity JWT", new UserIdentityRq(
                        UserIdentityType.JWT, false, utf8("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."), Bytes.empty())),
                Named.of("user identity server response", new UserIdentityAc(utf8("ticket-response"))),
                Named.of("user identity empty server response", new UserIdentityAc(Bytes.empty())),
                Named.of("unknown sub-item", new Unknown(0x5F, Bytes.of(new byte[] {9, 8, 7}))));
    }

    static Stream<Named<Pdu>> pdus() {
        List<Named<Pdu>> pdus = new ArrayList<>();
        userInformationItems().forEach(item -> {
            pdus.add(Named.of("A-ASSOCIATE-RQ with " + item.getName(), associateRq(item.getPayload())));
            pdus.add(Named.of("A-ASSOCIATE-AC with " + item.getName(), associateAc(item.getPayload())));
        });
        pdus.add(Named.of("A-ASSOCIATE-RQ with every sub-item",
                associateRq(userInformationItems().map(Named::getPayload).toArray(UserInformationItem[]::new))));
        pdus.add(Named.of("A-ASSOCIATE-RQ with empty user information", new AssociateRq(
                AssociateRq.PROTOCOL_VERSION_1, "A", "B", AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(255, VERIFICATION, List.of(IMPLICIT_LITTLE_ENDIAN))),
                UserInformation.of())));
        for (PresentationContextAc.Result result : PresentationContextAc.Result.values()) {
            String transferSyntax = result == PresentationContextAc.Result.ACCEPTANCE ? EXPLICIT_LITTLE_ENDIAN : "";
            pdus.add(Named.of("A-ASSOCIATE-AC with result " + result, new AssociateAc(
                    AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "TESTSCU", AssociateRq.DICOM_APPLICATION_CONTEXT,
                    List.of(new PresentationContextAc(3, result, transferSyntax)),
                    UserInformation.of(new MaximumLength(0)))));
        }
        for (AssociateRj.Result result : AssociateRj.Result.values()) {
            for (AssociateRj.Reason reason : AssociateRj.Reason.values()) {
                pdus.add(Named.of("A-ASSOCIATE-RJ " + result + " " + reason, new AssociateRj(result, reason)));
            }
        }
        pdus.add(Named.of("P-DATA-TF command, last", pData(new PresentationDataValue(1, true, true, bytes(0, 0, 4, 0)))));
        pdus.add(Named.of("P-DATA-TF data, not last, then data last", pData(
                new PresentationDataValue(3, false, false, bytes(1, 2, 3)),
                new PresentationDataValue(3, false, true, bytes(4)))));
        pdus.add(Named.of("P-DATA-TF command not last, empty fragment",
                pData(new PresentationDataValue(255, true, false, Bytes.empty()))));
        pdus.add(Named.of("A-RELEASE-RQ", new ReleaseRq()));
        pdus.add(Named.of("A-RELEASE-RP", new ReleaseRp()));
        pdus.add(Named.of("A-ABORT by service-user", Abort.byServiceUser()));
        for (Abort.Reason reason : Abort.Reason.values()) {
            pdus.add(Named.of("A-ABORT by service-provider " + reason, Abort.byServiceProvider(reason)));
        }
        return pdus.stream();
    }

    @ParameterizedTest
    @MethodSource("pdus")
    void decodesWhatItEncoded(Pdu pdu) throws Exception {
        byte[] encoded = PduCodec.encode(pdu);

        assertThat(PduCodec.decode(encoded[0] & 0xFF, Arrays.copyOfRange(encoded, PduCodec.HEADER_LENGTH, encoded.length)))
                .isEqualTo(pdu);
    }

    @ParameterizedTest
    @MethodSource("pdus")
    void readsWhatItEncodedFromAStream(Pdu pdu) throws Exception {
        byte[] encoded = PduCodec.encode(pdu);
        PduReader reader = new PduReader(new ByteArrayInputStream(encoded), encoded.length);

        assertThat(reader.read()).contains(pdu);
        assertThat(reader.read()).isEmpty();
    }

    private static AssociateRq associateRq(UserInformationItem... items) {
        return new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "TEST SCU 1", AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, VERIFICATION, List.of(IMPLICIT_LITTLE_ENDIAN)),
                        new PresentationContextRq(3, CT_IMAGE_STORAGE,
                                List.of(EXPLICIT_LITTLE_ENDIAN, IMPLICIT_LITTLE_ENDIAN))),
                UserInformation.of(items));
    }

    private static AssociateAc associateAc(UserInformationItem... items) {
        return new AssociateAc(AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "TEST SCU 1", AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextAc(1, PresentationContextAc.Result.ACCEPTANCE, IMPLICIT_LITTLE_ENDIAN),
                        new PresentationContextAc(3, PresentationContextAc.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, "")),
                UserInformation.of(items));
    }

    private static PDataTf pData(PresentationDataValue... values) {
        return new PDataTf(List.of(values));
    }

    private static Bytes utf8(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Bytes bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return Bytes.of(result);
    }
}
