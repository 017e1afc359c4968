package io.pacslite.dimse.association;

import io.pacslite.archive.access.Role;
import io.pacslite.dicom.dict.UidRegistry;
import io.pacslite.dicom.io.Implementation;
import io.pacslite.dimse.association.NegotiationResult.Accepted;
import io.pacslite.dimse.association.NegotiationResult.Rejected;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRj;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PresentationContextAc;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem;
import io.pacslite.dimse.pdu.UserInformationItem.AsynchronousOperationsWindow;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationClassUid;
import io.pacslite.dimse.pdu.UserInformationItem.ImplementationVersionName;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import io.pacslite.dimse.pdu.UserInformationItem.RoleSelection;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityAc;
import io.pacslite.dimse.pdu.UserInformationItem.UserIdentityRq;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The association acceptor's answer to an A-ASSOCIATE-RQ under an {@link AcceptancePolicy}:
 * an A-ASSOCIATE-RJ (PS3.8 section 9.3.4, Table 9-21) or an A-ASSOCIATE-AC whose
 * presentation contexts (PS3.8 section 9.3.3.2, Table 9-18) and user information (PS3.7
 * Annex D.3.3) answer the request. Pure: same input, same answer.
 */
public final class Negotiation {

    /** What PACS-lite answers to a proposed asynchronous operations window: no asynchronous operations. */
    private static final AsynchronousOperationsWindow SYNCHRONOUS = new AsynchronousOperationsWindow(1, 1);

    private Negotiation() {
    }

    /** {@link #negotiate(AcceptancePolicy, AssociateRq, int, IdentityOutcome)} without a user identity. */
    public static NegotiationResult negotiate(AcceptancePolicy policy, AssociateRq rq, int activeAssociations) {
        return negotiate(policy, rq, activeAssociations, new IdentityOutcome.Anonymous());
    }

    /**
     * Answers {@code rq}. The association is rejected, checked in this order, when its protocol
     * version lacks version 1, its application context is not the DICOM one, its called AE title
     * is not recognised, its user identity was refused ({@code identity}), the calling AE title
     * and the user together may do nothing ({@link AeRules}, {@link Permission#of(Role)}), or
     * {@code activeAssociations} already reaches the policy's limit. Permanent reasons come
     * before the transient one, so a requestor that cannot succeed is not told to retry.
     * Otherwise it is accepted, even if every presentation context is rejected (PS3.8 section
     * 9.3.3.2 leaves that to the requestor, which usually releases).
     *
     * @param activeAssociations how many associations are open already, not counting this one
     * @param identity           what the RQ's user identity came to (PS3.7 Annex D.3.3.7)
     */
    public static NegotiationResult negotiate(AcceptancePolicy policy, AssociateRq rq, int activeAssociations,
            IdentityOutcome identity) {
        Set<Permission> permissions = permissions(policy, rq, identity);
        return rejection(policy, rq, activeAssociations, identity, permissions).map(NegotiationResult.class::cast)
                .orElseGet(() -> accept(policy, rq, identity, permissions));
    }

    /** What the calling AE title may do, and what the role of a verified user adds. */
    private static Set<Permission> permissions(AcceptancePolicy policy, AssociateRq rq, IdentityOutcome identity) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(policy.aeRules().allowed(rq.callingAeTitle()));
        if (identity instanceof IdentityOutcome.Authenticated authenticated) {
            permissions.addAll(Permission.of(authenticated.user().role()));
        }
        return permissions;
    }

    private static Optional<Rejected> rejection(AcceptancePolicy policy, AssociateRq rq, int activeAssociations,
            IdentityOutcome identity, Set<Permission> permissions) {
        if ((rq.protocolVersion() & AssociateRq.PROTOCOL_VERSION_1) == 0) {
            return rejected(AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.PROTOCOL_VERSION_NOT_SUPPORTED,
                    String.format("protocol version %04XH lacks version 1", rq.protocolVersion()));
        }
        if (!AssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContextName())) {
            return rejected(AssociateRj.Result.REJECTED_PERMANENT,
                    AssociateRj.Reason.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED,
                    "application context " + rq.applicationContextName() + " is not the DICOM application context");
        }
        if (!policy.recognizesCalledAeTitle(rq.calledAeTitle())) {
            return rejected(AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED,
                    "called AE title '" + rq.calledAeTitle() + "' is not '" + policy.aeTitle() + "'");
        }
        if (identity instanceof IdentityOutcome.Refused refused) {
            // PS3.7 Annex D.3.3.7: a refused user identity is rejected by the ACSE service-provider.
            return rejected(AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.ACSE_NO_REASON_GIVEN,
                    "user identity refused: " + refused.why());
        }
        if (permissions.isEmpty()) {
            return rejected(AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.CALLING_AE_TITLE_NOT_RECOGNIZED,
                    "calling AE title '" + rq.callingAeTitle() + "' may do nothing here");
        }
        if (activeAssociations >= policy.maxAssociations()) {
            return rejected(AssociateRj.Result.REJECTED_TRANSIENT, AssociateRj.Reason.LOCAL_LIMIT_EXCEEDED,
                    activeAssociations + " associations open, the limit is " + policy.maxAssociations());
        }
        return Optional.empty();
    }

    private static Optional<Rejected> rejected(AssociateRj.Result result, AssociateRj.Reason reason, String why) {
        return Optional.of(new Rejected(new AssociateRj(result, reason), why));
    }

    private static Accepted accept(AcceptancePolicy policy, AssociateRq rq, IdentityOutcome identity,
            Set<Permission> permissions) {
        Map<String, RoleSelection> roleProposals = roleProposals(rq.userInformation().roleSelections());
        List<PresentationContextAc> answers = new ArrayList<>();
        List<AcceptedContext> accepted = new ArrayList<>();
        Map<String, RoleSelection> roleAnswers = new LinkedHashMap<>();
        for (PresentationContextRq proposed : rq.presentationContexts()) {
            RoleSelection proposal = roleProposals.get(proposed.abstractSyntax());
            RoleSelection roles = permitted(proposal == null ? defaultRoles(proposed) : proposal, permissions);
            PresentationContextAc answer = answer(policy, proposed, roles);
            answers.add(answer);
            if (answer.result() == PresentationContextAc.Result.ACCEPTANCE) {
                accepted.add(new AcceptedContext(proposed.id(), proposed.abstractSyntax(), answer.transferSyntax(),
                        roles.scuRole(), roles.scpRole()));
                if (proposal != null) {
                    roleAnswers.putIfAbsent(proposed.abstractSyntax(), roles);
                }
            }
        }
        List<UserInformationItem> items = new ArrayList<>();
        items.add(new MaximumLength(policy.maxPduLength()));
        items.add(new ImplementationClassUid(Implementation.CLASS_UID));
        rq.userInformation().asynchronousOperationsWindow().ifPresent(proposed -> items.add(SYNCHRONOUS));
        roleProposals.keySet().stream().map(roleAnswers::get).filter(Objects::nonNull).forEach(items::add);
        items.add(new ImplementationVersionName(Implementation.VERSION_NAME));
        // PS3.7 Annex D.3.3.7.2: asked for, the answer to a verified username identity is empty.
        if (identity instanceof IdentityOutcome.Authenticated && rq.userInformation().userIdentityRq()
                .filter(UserIdentityRq::positiveResponseRequested).isPresent()) {
            items.add(new UserIdentityAc(Bytes.empty()));
        }
        AssociateAc ac = AssociateAc.answering(rq, answers, new UserInformation(items));
        return new Accepted(ac, accepted, rq.userInformation().maximumLength().orElse(0),
                identity instanceof IdentityOutcome.Authenticated authenticated ? Optional.of(authenticated.user())
                        : Optional.empty());
    }

    /**
     * PS3.8 Table 9-18: abstract syntax first, then transfer syntax; a context that leaves the
     * requestor no role, because none was proposed or because the calling AE title may not play
     * it ({@link #permitted}), is of no use, so it is a user rejection.
     */
    private static PresentationContextAc answer(AcceptancePolicy policy, PresentationContextRq proposed,
            RoleSelection roles) {
        if (!policy.sopClasses().contains(proposed.abstractSyntax())) {
            return new PresentationContextAc(proposed.id(),
                    PresentationContextAc.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, "");
        }
        Optional<String> transferSyntax = policy.transferSyntaxFor(proposed.transferSyntaxes());
        if (transferSyntax.isEmpty()) {
            return new PresentationContextAc(proposed.id(),
                    PresentationContextAc.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED, "");
        }
        if (!roles.scuRole() && !roles.scpRole()) {
            return new PresentationContextAc(proposed.id(), PresentationContextAc.Result.USER_REJECTION, "");
        }
        return new PresentationContextAc(proposed.id(), PresentationContextAc.Result.ACCEPTANCE, transferSyntax.get());
    }

    /**
     * The roles of {@code proposed} the requestor may play (PS3.7 Annex D.3.3.4): SCU if its
     * {@link Permission#forScu permission} allows it; SCP only for Storage SOP classes, where
     * the archive sends the instances of a C-GET, and only if it may retrieve. A role that was
     * not proposed is never accepted.
     */
    private static RoleSelection permitted(RoleSelection proposed, Set<Permission> permissions) {
        String sopClass = proposed.sopClassUid();
        return new RoleSelection(sopClass, proposed.scuRole() && permissions.contains(Permission.forScu(sopClass)),
                proposed.scpRole() && UidRegistry.isStorageSopClass(sopClass)
                        && permissions.contains(Permission.RETRIEVE));
    }

    /** Each SOP class's first role selection item, in the order proposed (PS3.7 Annex D.3.3.4). */
    private static Map<String, RoleSelection> roleProposals(List<RoleSelection> proposals) {
        Map<String, RoleSelection> first = new LinkedHashMap<>();
        proposals.forEach(proposal -> first.putIfAbsent(proposal.sopClassUid(), proposal));
        return first;
    }

    /** Without role selection the requestor is SCU and the acceptor SCP, PS3.7 Annex D.3.3.4. */
    private static RoleSelection defaultRoles(PresentationContextRq proposed) {
        return new RoleSelection(proposed.abstractSyntax(), true, false);
    }
}
