package io.pacslite.dimse.association;

import static io.pacslite.dimse.association.Requests.context;
import static io.pacslite.dimse.association.Requests.request;
import static io.pacslite.dimse.association.Requests.verification;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.access.Principal;
import io.pacslite.archive.access.Role;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.Implementation;
import io.pacslite.dimse.association.NegotiationResult.Accepted;
import io.pacslite.dimse.association.NegotiationResult.Rejected;
import io.pacslite.dimse.pdu.AssociateRj;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PresentationContextAc;
import io.pacslite.dimse.pdu.PresentationContextAc.Result;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.AsynchronousOperationsWindow;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationClassUid;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationVersionName;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import io.pacslite.dimse.pdu.UserInformationItem.RoleSelection;
import io.pacslite.dimse.pdu.UserInformationItem.SopClassExtendedNegotiation;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityAc;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityRq;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityType;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NegotiationTest {

    private static final String UNKNOWN_SOP_CLASS = "1.2.826.0.1.3680043.9.9999.1";
    private static final String PRIVATE_SYNTAX = "1.2.826.0.1.3680043.9.9999.2";

    /** Called AE title required, only MODALITY may call, at most 2 associations. */
    private static final AcceptancePolicy STRICT = new AcceptancePolicy("PACSLITE", true,
            new AeRules(Map.of(Requests.CALLING, EnumSet.allOf(Permission.class)), Set.of()),
            Set.of(UID.Verification, UID.CTImageStorage), List.of(UID.ExplicitVRLittleEndian),
            Set.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian), 65536, 2);

    static Stream<Arguments> rejections() {
        AssociateRq good = request(verification());
        return Stream.of(
                Arguments.of("protocol version without version 1", withProtocolVersion(good, 0x0002), 0,
                        AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.PROTOCOL_VERSION_NOT_SUPPORTED),
                Arguments.of("application context not DICOM", new AssociateRq(1, "PACSLITE", "MODALITY",
                        "1.2.840.10008.3.1.1.2", good.presentationContexts(), good.userInformation()), 0,
                        AssociateRj.Result.REJECTED_PERMANENT,
                        AssociateRj.Reason.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED),
                Arguments.of("called AE title of someone else", new AssociateRq(1, "ANY-SCP", "MODALITY",
                        AssociateRq.DICOM_APPLICATION_CONTEXT, good.presentationContexts(), good.userInformation()), 0,
                        AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("calling AE title not allowed", new AssociateRq(1, "PACSLITE", "INTRUDER",
                        AssociateRq.DICOM_APPLICATION_CONTEXT, good.presentationContexts(), good.userInformation()), 0,
                        AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("association limit reached", good, 2,
                        AssociateRj.Result.REJECTED_TRANSIENT, AssociateRj.Reason.LOCAL_LIMIT_EXCEEDED),
                Arguments.of("permanent reason before the transient one", new AssociateRq(1, "PACSLITE", "INTRUDER",
                        AssociateRq.DICOM_APPLICATION_CONTEXT, good.presentationContexts(), good.userInformation()), 5,
                        AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.CALLING_AE_TITLE_NOT_RECOGNIZED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithThePs38Table921Reason(
            String name, AssociateRq rq, int active, AssociateRj.Result result, AssociateRj.Reason reason) {
        NegotiationResult outcome = Negotiation.negotiate(STRICT, rq, active);

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.rj()).isEqualTo(new AssociateRj(result, reason));
            assertThat(rejected.why()).isNotBlank();
        });
    }

    static Stream<Arguments> acceptances() {
        return Stream.of(
                Arguments.of("one below the limit", request(verification()), 1),
                Arguments.of("protocol version with version 1 and another bit",
                        withProtocolVersion(request(verification()), 0x0003), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptances")
    void acceptsWhatNoRuleRejects(String name, AssociateRq rq, int active) {
        assertThat(Negotiation.negotiate(STRICT, rq, active)).isInstanceOf(Accepted.class);
    }

    @Test
    void defaultPolicyAcceptsAnyCalledAndCallingAeTitle() {
        AssociateRq rq = new AssociateRq(1, "WHATEVER", "ANYONE", AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(verification()), UserInformation.of());

        assertThat(Negotiation.negotiate(AcceptancePolicy.defaults(), rq, 63)).isInstanceOf(Accepted.class);
    }

    static Stream<Arguments> contextOutcomes() {
        return Stream.of(
                Arguments.of("Verification", context(1, UID.Verification, UID.ImplicitVRLittleEndian),
                        new PresentationContextAc(1, Result.ACCEPTANCE, UID.ImplicitVRLittleEndian)),
                Arguments.of("CT Image Storage, preferred Explicit VR LE", context(3, UID.CTImageStorage,
                        UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian),
                        new PresentationContextAc(3, Result.ACCEPTANCE, UID.ExplicitVRLittleEndian)),
                Arguments.of("JPEG Baseline accepted as offered", context(5, UID.SecondaryCaptureImageStorage,
                        UID.JPEGBaseline8Bit), new PresentationContextAc(5, Result.ACCEPTANCE, UID.JPEGBaseline8Bit)),
                Arguments.of("Explicit VR Big Endian only", context(7, UID.MRImageStorage, UID.ExplicitVRBigEndian),
                        new PresentationContextAc(7, Result.ACCEPTANCE, UID.ExplicitVRBigEndian)),
                Arguments.of("unknown SOP class", context(9, UNKNOWN_SOP_CLASS, UID.ImplicitVRLittleEndian),
                        new PresentationContextAc(9, Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, "")),
                Arguments.of("Study Root FIND", context(15, UID.StudyRootQueryRetrieveInformationModelFind,
                        UID.ImplicitVRLittleEndian),
                        new PresentationContextAc(15, Result.ACCEPTANCE, UID.ImplicitVRLittleEndian)),
                Arguments.of("query SOP class the archive does not serve", context(11,
                        UID.PatientStudyOnlyQueryRetrieveInformationModelFind, UID.ImplicitVRLittleEndian),
                        new PresentationContextAc(11, Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, "")),
                Arguments.of("only an unknown transfer syntax", context(13, UID.CTImageStorage, PRIVATE_SYNTAX),
                        new PresentationContextAc(13, Result.TRANSFER_SYNTAXES_NOT_SUPPORTED, "")),
                Arguments.of("only JPIP referenced", context(255, UID.CTImageStorage, UID.JPIPReferenced),
                        new PresentationContextAc(255, Result.TRANSFER_SYNTAXES_NOT_SUPPORTED, "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contextOutcomes")
    void answersEachPresentationContextUnderTheDefaults(
            String name, PresentationContextRq proposed, PresentationContextAc expected) {
        Accepted accepted = accept(AcceptancePolicy.defaults(), request(proposed));

        assertThat(accepted.ac().presentationContexts()).containsExactly(expected);
        assertThat(accepted.contexts()).hasSize(expected.result() == Result.ACCEPTANCE ? 1 : 0);
    }

    @Test
    void keepsContextIdsAndOrderAndListsOnlyAcceptedContexts() {
        Accepted accepted = accept(AcceptancePolicy.defaults(), request(
                context(7, UID.CTImageStorage, UID.ImplicitVRLittleEndian),
                context(1, UNKNOWN_SOP_CLASS, UID.ImplicitVRLittleEndian),
                context(3, UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)));

        assertThat(accepted.ac().presentationContexts()).extracting(PresentationContextAc::id).containsExactly(7, 1, 3);
        assertThat(accepted.contexts()).containsExactly(
                new AcceptedContext(7, UID.CTImageStorage, UID.ImplicitVRLittleEndian, true, false),
                new AcceptedContext(3, UID.Verification, UID.ExplicitVRLittleEndian, true, false));
    }

    @Test
    void answersWithAnAcceptWhenEveryContextIsRejected() {
        Accepted accepted = accept(AcceptancePolicy.defaults(),
                request(context(1, UNKNOWN_SOP_CLASS, UID.ImplicitVRLittleEndian)));

        assertThat(accepted.contexts()).isEmpty();
        assertThat(accepted.ac().presentationContexts()).extracting(PresentationContextAc::result)
                .containsExactly(Result.ABSTRACT_SYNTAX_NOT_SUPPORTED);
    }

    static Stream<Arguments> roleSelections() {
        return Stream.of(
                Arguments.of("storage, requestor SCU and SCP", UID.CTImageStorage, true, true,
                        new RoleSelection(UID.CTImageStorage, true, true), Result.ACCEPTANCE),
                Arguments.of("storage, requestor SCP only (C-GET)", UID.CTImageStorage, false, true,
                        new RoleSelection(UID.CTImageStorage, false, true), Result.ACCEPTANCE),
                Arguments.of("storage, requestor SCU only", UID.CTImageStorage, true, false,
                        new RoleSelection(UID.CTImageStorage, true, false), Result.ACCEPTANCE),
                Arguments.of("Verification, requestor SCU and SCP", UID.Verification, true, true,
                        new RoleSelection(UID.Verification, true, false), Result.ACCEPTANCE),
                Arguments.of("Verification, requestor SCP only", UID.Verification, false, true,
                        null, Result.USER_REJECTION),
                Arguments.of("storage, no role proposed", UID.CTImageStorage, false, false,
                        null, Result.USER_REJECTION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roleSelections")
    void answersRoleSelectionPerPs37AnnexD334(
            String name, String sopClass, boolean scu, boolean scp, RoleSelection expectedAnswer, Result result) {
        AssociateRq rq = request(UserInformation.of(new MaximumLength(0), new RoleSelection(sopClass, scu, scp)),
                context(1, sopClass, UID.ExplicitVRLittleEndian));

        Accepted accepted = accept(AcceptancePolicy.defaults(), rq);

        assertThat(accepted.ac().presentationContexts()).extracting(PresentationContextAc::result)
                .containsExactly(result);
        if (expectedAnswer == null) {
            assertThat(accepted.ac().userInformation().roleSelections()).isEmpty();
            assertThat(accepted.contexts()).isEmpty();
        } else {
            assertThat(accepted.ac().userInformation().roleSelections()).containsExactly(expectedAnswer);
            assertThat(accepted.contexts()).containsExactly(new AcceptedContext(1, sopClass,
                    UID.ExplicitVRLittleEndian, expectedAnswer.scuRole(), expectedAnswer.scpRole()));
        }
    }

    @Test
    void acceptsOnlyTheContextsOfWhatTheCallingAeTitleMayDo() {
        AssociateRq rq = request(UserInformation.of(new RoleSelection(UID.MRImageStorage, false, true)),
                context(1, UID.StudyRootQueryRetrieveInformationModelFind, UID.ImplicitVRLittleEndian),
                context(3, UID.StudyRootQueryRetrieveInformationModelGet, UID.ImplicitVRLittleEndian),
                context(5, UID.CTImageStorage, UID.ImplicitVRLittleEndian),
                context(7, UID.MRImageStorage, UID.ImplicitVRLittleEndian),
                context(9, UID.Verification, UID.ImplicitVRLittleEndian));
        AeRules rules = new AeRules(Map.of(Requests.CALLING, Set.of(Permission.STORE, Permission.ECHO),
                "WORKSTATION", Set.of(Permission.QUERY, Permission.RETRIEVE)), Set.of(Permission.ECHO));

        Accepted modality = accept(AcceptancePolicy.defaults().withAeRules(rules), rq);
        Accepted workstation = accept(AcceptancePolicy.defaults().withAeRules(rules), withCalling(rq, "WORKSTATION"));
        Accepted other = accept(AcceptancePolicy.defaults().withAeRules(rules), withCalling(rq, "SOMEONE"));

        assertThat(modality.contexts()).extracting(AcceptedContext::id).containsExactly(5, 9);
        assertThat(modality.ac().presentationContexts()).extracting(PresentationContextAc::result).containsExactly(
                Result.USER_REJECTION, Result.USER_REJECTION, Result.ACCEPTANCE, Result.USER_REJECTION,
                Result.ACCEPTANCE);
        assertThat(workstation.contexts()).containsExactly(
                new AcceptedContext(1, UID.StudyRootQueryRetrieveInformationModelFind, UID.ImplicitVRLittleEndian,
                        true, false),
                new AcceptedContext(3, UID.StudyRootQueryRetrieveInformationModelGet, UID.ImplicitVRLittleEndian,
                        true, false),
                new AcceptedContext(7, UID.MRImageStorage, UID.ImplicitVRLittleEndian, false, true));
        assertThat(workstation.ac().userInformation().roleSelections())
                .containsExactly(new RoleSelection(UID.MRImageStorage, false, true));
        assertThat(other.contexts()).extracting(AcceptedContext::id).containsExactly(9);
    }

    @Test
    void rejectsACallingAeTitleThatMayDoNothing() {
        AeRules rules = new AeRules(Map.of("WORKSTATION", Set.of(Permission.QUERY), "BLOCKED", Set.of()),
                Set.of());
        AcceptancePolicy policy = AcceptancePolicy.defaults().withAeRules(rules);

        for (String calling : List.of(Requests.CALLING, "BLOCKED")) {
            assertThat(Negotiation.negotiate(policy, withCalling(request(verification()), calling), 0))
                    .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.rj()).isEqualTo(
                            new AssociateRj(AssociateRj.Result.REJECTED_PERMANENT,
                                    AssociateRj.Reason.CALLING_AE_TITLE_NOT_RECOGNIZED)));
        }
        assertThat(Negotiation.negotiate(policy, withCalling(request(verification()), "WORKSTATION"), 0))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void addsTheRoleOfAVerifiedUserAndAnswersThePositiveResponse() {
        AssociateRq rq = request(UserInformation.of(new UserIdentityRq(UserIdentityType.USERNAME_AND_PASSCODE, true,
                        Bytes.of("reader".getBytes(StandardCharsets.UTF_8)), Bytes.of(new byte[] {'x'}))),
                context(1, UID.StudyRootQueryRetrieveInformationModelFind, UID.ImplicitVRLittleEndian),
                context(3, UID.CTImageStorage, UID.ImplicitVRLittleEndian));
        AcceptancePolicy echoOnly = AcceptancePolicy.defaults().withAeRules(new AeRules(Map.of(), Set.of(Permission.ECHO)));

        NegotiationResult viewer = Negotiation.negotiate(echoOnly, rq, 0,
                new IdentityOutcome.Authenticated(new Principal("token reader", Role.VIEWER)));
        NegotiationResult anonymous = Negotiation.negotiate(echoOnly, rq, 0, new IdentityOutcome.Anonymous());

        assertThat(viewer).isInstanceOfSatisfying(Accepted.class, accepted -> {
            assertThat(accepted.contexts()).extracting(AcceptedContext::id).containsExactly(1);
            assertThat(accepted.ac().userInformation().userIdentityAc()).contains(new UserIdentityAc(Bytes.empty()));
        });
        assertThat(anonymous).isInstanceOfSatisfying(Accepted.class, accepted -> {
            assertThat(accepted.contexts()).isEmpty();
            assertThat(accepted.ac().userInformation().userIdentityAc()).isEmpty();
        });
    }

    @Test
    void rejectsARefusedUserIdentityAsTheAcseServiceProvider() {
        NegotiationResult result = Negotiation.negotiate(AcceptancePolicy.defaults(), request(verification()), 0,
                new IdentityOutcome.Refused("wrong passcode"));

        assertThat(result).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.rj()).isEqualTo(new AssociateRj(AssociateRj.Result.REJECTED_PERMANENT,
                    AssociateRj.Reason.ACSE_NO_REASON_GIVEN));
            assertThat(rejected.why()).contains("wrong passcode");
        });
    }

    private static AssociateRq withCalling(AssociateRq rq, String calling) {
        return new AssociateRq(rq.protocolVersion(), rq.calledAeTitle(), calling, rq.applicationContextName(),
                rq.presentationContexts(), rq.userInformation());
    }

    @Test
    void answersRoleSelectionOnlyForAcceptedSopClassesAndOnlyTheFirstProposal() {
        AssociateRq rq = request(UserInformation.of(
                        new RoleSelection(UID.CTImageStorage, false, true),
                        new RoleSelection(UID.CTImageStorage, true, false),
                        new RoleSelection(UID.MRImageStorage, false, true),
                        new RoleSelection(UNKNOWN_SOP_CLASS, false, true)),
                context(1, UID.PatientStudyOnlyQueryRetrieveInformationModelGet, UID.ImplicitVRLittleEndian),
                context(3, UID.CTImageStorage, UID.ImplicitVRLittleEndian),
                context(5, UNKNOWN_SOP_CLASS, UID.ImplicitVRLittleEndian));

        Accepted accepted = accept(AcceptancePolicy.defaults(), rq);

        assertThat(accepted.ac().userInformation().roleSelections())
                .containsExactly(new RoleSelection(UID.CTImageStorage, false, true));
        assertThat(accepted.contexts()).containsExactly(
                new AcceptedContext(3, UID.CTImageStorage, UID.ImplicitVRLittleEndian, false, true));
    }

    @Test
    void answersUserInformationWithOwnLimitsAndIdentity() {
        AssociateRq rq = request(new MaximumLength(32768), new ImplementationClassUid("1.2.3"),
                new AsynchronousOperationsWindow(0, 0), new ImplementationVersionName("PEER"),
                new SopClassExtendedNegotiation(UID.Verification, Bytes.of(new byte[] {1})));

        Accepted accepted = accept(AcceptancePolicy.defaults(), rq);

        assertThat(accepted.ac().userInformation()).isEqualTo(UserInformation.of(
                new MaximumLength(262_144), new ImplementationClassUid(Implementation.CLASS_UID),
                new AsynchronousOperationsWindow(1, 1), new ImplementationVersionName(Implementation.VERSION_NAME)));
        assertThat(accepted.peerMaxPduLength()).isEqualTo(32768);
    }

    static Stream<Arguments> peerLimits() {
        return Stream.of(
                Arguments.of("announced", UserInformation.of(new MaximumLength(16384)), 16384L),
                Arguments.of("unlimited", UserInformation.of(new MaximumLength(0)), 0L),
                Arguments.of("absent, taken as unlimited", UserInformation.of(), 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peerLimits")
    void exposesThePeerMaximumLength(String name, UserInformation userInformation, long expected) {
        Accepted accepted = accept(AcceptancePolicy.defaults(), request(userInformation, verification()));

        assertThat(accepted.peerMaxPduLength()).isEqualTo(expected);
        assertThat(accepted.ac().userInformation().asynchronousOperationsWindow()).isEmpty();
    }

    @Test
    void echoesTheAeTitlesOfTheRequest() {
        Accepted accepted = accept(AcceptancePolicy.defaults(), request(verification()));

        assertThat(accepted.ac().calledAeTitle()).isEqualTo(Requests.CALLED);
        assertThat(accepted.ac().callingAeTitle()).isEqualTo(Requests.CALLING);
    }

    private static Accepted accept(AcceptancePolicy policy, AssociateRq rq) {
        NegotiationResult outcome = Negotiation.negotiate(policy, rq, 0);
        assertThat(outcome).isInstanceOf(Accepted.class);
        return (Accepted) outcome;
    }

    private static AssociateRq withProtocolVersion(AssociateRq rq, int protocolVersion) {
        return new AssociateRq(protocolVersion, rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContextName(),
                rq.presentationContexts(), rq.userInformation());
    }
}
