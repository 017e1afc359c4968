package io.pacslite.dimse.association;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.dict.UidRegistry;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.pdu.AeTitles;
import io.pacslite.dimse.service.QueryRetrieveModel;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the archive accepts as association acceptor, PS3.8 section 9.3.3 and 9.3.4; validated
 * once, when built. Which A-ASSOCIATE-RQ is rejected and why is in {@link Negotiation}.
 *
 * @param aeTitle                   the archive's own AE title (PS3.5 section 6.2, VR AE)
 * @param requireCalledAeTitle      whether the called AE title of a request must equal {@code aeTitle}
 * @param aeRules                   what each calling AE title may do; one that may do nothing is rejected
 * @param sopClasses                the abstract syntaxes (SOP class UIDs) accepted
 * @param preferredTransferSyntaxes the transfer syntaxes to choose first, best first; each also accepted
 * @param acceptedTransferSyntaxes  every transfer syntax accepted
 * @param maxPduLength              the largest P-DATA-TF PDU the archive receives, announced in the
 *                                  maximum length sub-item (PS3.8 Annex D.1)
 * @param maxAssociations           how many associations may be open at once
 */
public record AcceptancePolicy(
        String aeTitle,
        boolean requireCalledAeTitle,
        AeRules aeRules,
        Set<String> sopClasses,
        List<String> preferredTransferSyntaxes,
        Set<String> acceptedTransferSyntaxes,
        int maxPduLength,
        int maxAssociations) {

    /** The default AE title. */
    public static final String DEFAULT_AE_TITLE = "PACSLITE";

    /**
     * The default maximum length received: 256 KiB. PS3.8 allows up to 2^32-1; dcmtk
     * announces 16 KiB, but fewer, larger PDUs cut per-PDU overhead when receiving images.
     */
    public static final int DEFAULT_MAX_PDU_LENGTH = 256 * 1024;

    /** The default limit of associations open at once. */
    public static final int DEFAULT_MAX_ASSOCIATIONS = 64;


    /** Checks every field; copies the collections. */
    public AcceptancePolicy {
        AeTitles.require(Objects.requireNonNull(aeTitle, "aeTitle"));
        Objects.requireNonNull(aeRules, "aeRules");
        sopClasses = Set.copyOf(sopClasses);
        preferredTransferSyntaxes = List.copyOf(preferredTransferSyntaxes);
        acceptedTransferSyntaxes = Set.copyOf(acceptedTransferSyntaxes);
        if (sopClasses.isEmpty()) {
            throw new IllegalArgumentException("a policy accepts at least one SOP class");
        }
        if (acceptedTransferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("a policy accepts at least one transfer syntax");
        }
        if (new HashSet<>(preferredTransferSyntaxes).size() != preferredTransferSyntaxes.size()) {
            throw new IllegalArgumentException("preferred transfer syntax listed twice: " + preferredTransferSyntaxes);
        }
        for (String preferred : preferredTransferSyntaxes) {
            if (!acceptedTransferSyntaxes.contains(preferred)) {
                throw new IllegalArgumentException("preferred transfer syntax not accepted: " + preferred);
            }
        }
        requirePositive(maxPduLength, "maxPduLength");
        requirePositive(maxAssociations, "maxAssociations");
    }

    /** This policy with another AE title for the archive. */
    public AcceptancePolicy withAeTitle(String title) {
        return new AcceptancePolicy(title, requireCalledAeTitle, aeRules, sopClasses, preferredTransferSyntaxes,
                acceptedTransferSyntaxes, maxPduLength, maxAssociations);
    }

    /** This policy with other rules for who may do what. */
    public AcceptancePolicy withAeRules(AeRules rules) {
        return new AcceptancePolicy(aeTitle, requireCalledAeTitle, rules, sopClasses, preferredTransferSyntaxes,
                acceptedTransferSyntaxes, maxPduLength, maxAssociations);
    }

    /**
     * The default policy: AE title {@value #DEFAULT_AE_TITLE}, any called AE title, any calling
     * AE title doing anything ({@link AeRules#open()}), Verification, every Storage SOP class the registry knows (PS3.4 Annex B) and the
     * Patient Root and Study Root Query/Retrieve FIND, MOVE and GET SOP classes (PS3.4 Annex C),
     * {@link #defaultTransferSyntaxes()}, Explicit VR Little Endian preferred over Implicit VR
     * Little Endian, 256 KiB PDUs and 64 associations.
     */
    public static AcceptancePolicy defaults() {
        Set<String> sopClasses = Stream.of(
                        Stream.of(UID.Verification),
                        UidRegistry.uidsOfType(UidRegistry.SOP_CLASS).stream().filter(UidRegistry::isStorageSopClass),
                        QueryRetrieveModel.sopClasses().stream())
                .flatMap(uids -> uids).collect(Collectors.toSet());
        return new AcceptancePolicy(DEFAULT_AE_TITLE, false, AeRules.open(), sopClasses,
                List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian), defaultTransferSyntaxes(),
                DEFAULT_MAX_PDU_LENGTH, DEFAULT_MAX_ASSOCIATIONS);
    }

    /**
     * The transfer syntaxes accepted by default (PS3.5 section 10): the four native ones
     * (Implicit and Explicit VR Little Endian, Explicit VR Big Endian, Deflated Explicit VR
     * Little Endian) and every encapsulated one in the registry that is not retired; those are
     * stored as received. Retired encapsulated syntaxes are left out: besides JPEG processes
     * no current equipment sends, the registry's retired syntaxes include Papyrus 3, RFC 2557
     * MIME and XML encodings, which are not encapsulated pixel data at all.
     */
    public static Set<String> defaultTransferSyntaxes() {
        return Stream.concat(
                        Stream.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian,
                                UID.DeflatedExplicitVRLittleEndian),
                        UidRegistry.uidsOfType(UidRegistry.TRANSFER_SYNTAX).stream()
                                .filter(uid -> !UidRegistry.isRetired(uid))
                                .filter(uid -> TransferSyntax.of(uid).encapsulated()))
                .collect(Collectors.toSet());
    }

    /**
     * The transfer syntax to accept among those {@code offered} for one presentation context
     * (PS3.8 section 9.3.3.2): the first of {@link #preferredTransferSyntaxes} that is offered,
     * else the first offered that is accepted; empty if none is.
     */
    public Optional<String> transferSyntaxFor(List<String> offered) {
        return preferredTransferSyntaxes.stream().filter(offered::contains).findFirst()
                .or(() -> offered.stream().filter(acceptedTransferSyntaxes::contains).findFirst());
    }

    /** Whether a request to {@code calledAeTitle} is for this archive. */
    public boolean recognizesCalledAeTitle(String calledAeTitle) {
        return !requireCalledAeTitle || aeTitle.equals(calledAeTitle);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
