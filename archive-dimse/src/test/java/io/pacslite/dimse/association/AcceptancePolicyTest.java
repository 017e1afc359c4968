package io.pacslite.dimse.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pacslite.dicom.dict.UID;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AcceptancePolicyTest {

    private static final String JPEG_LOSSLESS = UID.JPEGLosslessSV1;
    private static final String PRIVATE_SYNTAX = "1.2.3.4.5.6";

    @Test
    void defaultsAcceptVerificationStorageQueryRetrieveAndEveryCurrentSyntax() {
        AcceptancePolicy policy = AcceptancePolicy.defaults();

        assertThat(policy.aeTitle()).isEqualTo("PACSLITE");
        assertThat(policy.requireCalledAeTitle()).isFalse();
        assertThat(policy.aeRules()).isEqualTo(AeRules.open());
        assertThat(policy.sopClasses()).contains(UID.Verification, UID.CTImageStorage, UID.MRImageStorage,
                UID.SecondaryCaptureImageStorage);
        assertThat(policy.sopClasses()).contains(UID.PatientRootQueryRetrieveInformationModelFind,
                UID.PatientRootQueryRetrieveInformationModelMove, UID.PatientRootQueryRetrieveInformationModelGet,
                UID.StudyRootQueryRetrieveInformationModelFind, UID.StudyRootQueryRetrieveInformationModelMove,
                UID.StudyRootQueryRetrieveInformationModelGet);
        assertThat(policy.sopClasses()).doesNotContain(UID.PatientStudyOnlyQueryRetrieveInformationModelFind,
                "1.2.840.10008.1.20.1");
        assertThat(policy.preferredTransferSyntaxes()).containsExactly(UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian);
        assertThat(policy.acceptedTransferSyntaxes()).contains(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
                UID.ExplicitVRBigEndian, UID.DeflatedExplicitVRLittleEndian, UID.JPEGBaseline8Bit, UID.JPEG2000Lossless,
                UID.RLELossless, UID.EncapsulatedUncompressedExplicitVRLittleEndian);
        assertThat(policy.acceptedTransferSyntaxes()).doesNotContain(UID.JPIPReferenced,
                UID.Papyrus3ImplicitVRLittleEndian, UID.XMLEncoding, UID.JPEGExtended35);
        assertThat(policy.maxPduLength()).isEqualTo(262_144);
        assertThat(policy.maxAssociations()).isEqualTo(64);
    }

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of("first preferred wins over offer order",
                        List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian),
                        List.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian), UID.ExplicitVRLittleEndian),
                Arguments.of("second preferred when the first is not offered",
                        List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian),
                        List.of(UID.ExplicitVRBigEndian, UID.ImplicitVRLittleEndian), UID.ImplicitVRLittleEndian),
                Arguments.of("reversed preference",
                        List.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian),
                        List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian), UID.ImplicitVRLittleEndian),
                Arguments.of("first accepted offer when no preferred is offered",
                        List.of(UID.ExplicitVRLittleEndian),
                        List.of(PRIVATE_SYNTAX, JPEG_LOSSLESS, UID.JPEGBaseline8Bit), JPEG_LOSSLESS),
                Arguments.of("first accepted offer when nothing is preferred",
                        List.of(),
                        List.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian), UID.ImplicitVRLittleEndian),
                Arguments.of("preferred compressed syntax over uncompressed",
                        List.of(UID.JPEGBaseline8Bit, UID.ExplicitVRLittleEndian),
                        List.of(UID.ExplicitVRLittleEndian, UID.JPEGBaseline8Bit), UID.JPEGBaseline8Bit),
                Arguments.of("none when nothing offered is accepted",
                        List.of(UID.ExplicitVRLittleEndian),
                        List.of(PRIVATE_SYNTAX), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void choosesTheTransferSyntaxByPreferenceThenOfferOrder(
            String name, List<String> preferred, List<String> offered, String expected) {
        AcceptancePolicy policy = policy(p -> new AcceptancePolicy(p.aeTitle(), false, AeRules.open(), p.sopClasses(),
                preferred, Set.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.JPEGBaseline8Bit,
                        JPEG_LOSSLESS), p.maxPduLength(), p.maxAssociations()));

        assertThat(policy.transferSyntaxFor(offered)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                invalid("empty AE title", p -> withAeTitle(p, ""), "1 to 16"),
                invalid("AE title of 17 characters", p -> withAeTitle(p, "ABCDEFGHIJKLMNOPQ"), "1 to 16"),
                invalid("AE title with a backslash", p -> withAeTitle(p, "PACS\\LITE"), "backslash"),
                invalid("AE title with a control character", p -> withAeTitle(p, "PACS\tLITE"), "control"),
                invalid("AE title with a trailing space", p -> withAeTitle(p, "PACSLITE "), "trailing spaces"),
                invalid("calling AE title of a rule too long", p -> p.withAeRules(new AeRules(
                        Map.of("A_CALLING_AE_TITLE", Set.of(Permission.ECHO)), Set.of())), "1 to 16"),
                invalid("no SOP class", p -> new AcceptancePolicy(p.aeTitle(), false, AeRules.open(), Set.of(),
                        p.preferredTransferSyntaxes(), p.acceptedTransferSyntaxes(), p.maxPduLength(),
                        p.maxAssociations()), "SOP class"),
                invalid("no transfer syntax", p -> new AcceptancePolicy(p.aeTitle(), false, AeRules.open(), p.sopClasses(),
                        List.of(), Set.of(), p.maxPduLength(), p.maxAssociations()), "at least one transfer syntax"),
                invalid("preferred but not accepted", p -> new AcceptancePolicy(p.aeTitle(), false, AeRules.open(),
                        p.sopClasses(), List.of(UID.ExplicitVRLittleEndian), Set.of(UID.ImplicitVRLittleEndian),
                        p.maxPduLength(), p.maxAssociations()), "not accepted"),
                invalid("preferred twice", p -> new AcceptancePolicy(p.aeTitle(), false, AeRules.open(), p.sopClasses(),
                        List.of(UID.ExplicitVRLittleEndian, UID.ExplicitVRLittleEndian),
                        p.acceptedTransferSyntaxes(), p.maxPduLength(), p.maxAssociations()), "twice"),
                invalid("zero PDU length", p -> new AcceptancePolicy(p.aeTitle(), false, AeRules.open(), p.sopClasses(),
                        p.preferredTransferSyntaxes(), p.acceptedTransferSyntaxes(), 0, p.maxAssociations()),
                        "maxPduLength"),
                invalid("negative association limit", p -> new AcceptancePolicy(p.aeTitle(), false, AeRules.open(),
                        p.sopClasses(), p.preferredTransferSyntaxes(), p.acceptedTransferSyntaxes(),
                        p.maxPduLength(), -1), "maxAssociations"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void rejectsInvalidPolicies(String name, UnaryOperator<AcceptancePolicy> change, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> policy(change)).withMessageContaining(message);
    }

    @Test
    void acceptsAnAeTitleOfSixteenCharactersWithInnerSpaces() {
        assertThat(policy(p -> withAeTitle(p, "PACS LITE 123456")).aeTitle()).isEqualTo("PACS LITE 123456");
    }

    private static Arguments invalid(String name, UnaryOperator<AcceptancePolicy> change, String message) {
        return Arguments.of(name, change, message);
    }

    private static AcceptancePolicy policy(UnaryOperator<AcceptancePolicy> change) {
        return change.apply(AcceptancePolicy.defaults());
    }

    private static AcceptancePolicy withAeTitle(AcceptancePolicy p, String aeTitle) {
        return new AcceptancePolicy(aeTitle, p.requireCalledAeTitle(), p.aeRules(), p.sopClasses(),
                p.preferredTransferSyntaxes(), p.acceptedTransferSyntaxes(), p.maxPduLength(), p.maxAssociations());
    }
}
