package io.pacslite.dimse.net;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicom.transcode.Transcoder;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.UserInformationItem.RoleSelection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presentation contexts a requestor proposes (PS3.8 section 9.3.2.2).
 *
 * <p>For storage, one context per pair of SOP Class and transfer syntax of the files, each
 * proposing exactly that transfer syntax, so a peer that accepts it receives the data set
 * byte for byte. For a SOP Class with files in Implicit or Explicit VR Little Endian, one more
 * context proposes both of those, so a peer that accepts only one of them can still take
 * every such file: {@link StoreRequest} transcodes between the two; files the archive can
 * transcode into them (Big Endian, deflated, compressed in a syntax it decodes) get that context
 * too. For a SOP Class with such compressed files, one more context proposes JPEG Lossless SV1
 * and RLE Lossless, so a peer that takes neither their own syntax nor uncompressed data can
 * still receive them compressed without loss. Lossy JPEG Baseline is never proposed.
 *
 * <p>PS3.8 allows at most 128 contexts per association (odd ids 1 to 255); {@link #batches}
 * splits a list of requests into runs that each fit one association.
 */
public final class PresentationContexts {

    /** Odd presentation context ids 1 to 255, PS3.8 section 9.3.2.2. */
    public static final int MAX_PER_ASSOCIATION = 128;

    private static final List<String> LITTLE_ENDIAN = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
    /** The lossless compressed syntaxes the archive writes (PS3.5 A.4.1, A.4.2), preferred first. */
    private static final List<String> LOSSLESS_COMPRESSED = List.of(UID.JPEGLosslessSV1, UID.RLELossless);

    private PresentationContexts() {
    }

    /** Verification (PS3.4 Annex A) in Implicit VR Little Endian, which every SCP accepts. */
    public static List<PresentationContextRq> verification() {
        return List.of(new PresentationContextRq(1, UID.Verification, List.of(UID.ImplicitVRLittleEndian)));
    }

    /**
     * One context for a Query/Retrieve SOP Class (FIND, MOVE or GET, PS3.4 Annex C) in Explicit
     * and Implicit VR Little Endian.
     */
    public static List<PresentationContextRq> forQueryRetrieve(String sopClassUid) {
        return List.of(new PresentationContextRq(1, sopClassUid, LITTLE_ENDIAN));
    }

    /**
     * The contexts for a C-GET (PS3.4 C.4.3): the GET SOP Class, then one context per Storage SOP
     * Class to receive, in Explicit and Implicit VR Little Endian, then, for each of
     * {@code compressedSopClassUids}, one context per transfer syntax of
     * {@code compressedSyntaxes}: one each, because the SCP accepts one transfer syntax per
     * context (PS3.8 9.3.3.2), and an instance stored compressed can then come as stored. The
     * requestor must propose the SCP role for each Storage SOP Class too ({@link #scpRoles}).
     *
     * @throws IllegalArgumentException if more than {@value #MAX_PER_ASSOCIATION} contexts are needed
     */
    public static List<PresentationContextRq> forGet(String getSopClassUid, List<String> storageSopClassUids,
            List<String> compressedSopClassUids, List<String> compressedSyntaxes) {
        List<PresentationContextRq> contexts = new ArrayList<>(forQueryRetrieve(getSopClassUid));
        for (String storage : new LinkedHashSet<>(storageSopClassUids)) {
            contexts.add(new PresentationContextRq(nextId(contexts), storage, LITTLE_ENDIAN));
        }
        for (String storage : new LinkedHashSet<>(compressedSopClassUids)) {
            for (String syntax : compressedSyntaxes) {
                contexts.add(new PresentationContextRq(nextId(contexts), storage, List.of(syntax)));
            }
        }
        return checkFits(contexts);
    }

    /** SCP/SCU role selection items proposing the SCP role (and not the SCU role) for each SOP Class, PS3.7 D.3.3.4. */
    public static List<RoleSelection> scpRoles(List<String> sopClassUids) {
        return new LinkedHashSet<>(sopClassUids).stream().map(uid -> new RoleSelection(uid, false, true)).toList();
    }

    /**
     * The contexts for sending {@code requests} over one association, in the order of their
     * first request.
     *
     * @throws IllegalArgumentException if they need more than {@value #MAX_PER_ASSOCIATION}
     */
    public static List<PresentationContextRq> forStorage(Collection<StoreRequest> requests) {
        Map<String, Set<String>> syntaxesBySopClass = new LinkedHashMap<>();
        for (StoreRequest request : requests) {
            syntaxesBySopClass.computeIfAbsent(request.sopClassUid(), sopClass -> new LinkedHashSet<>())
                    .add(request.transferSyntax().uid());
        }
        return forStorage(syntaxesBySopClass);
    }

    /**
     * The contexts for sending instances of the SOP Classes of {@code syntaxesBySopClass}, each
     * stored in the transfer syntaxes it maps to, over one association (as {@link
     * #forStorage(Collection)} does for files).
     *
     * @throws IllegalArgumentException if they need more than {@value #MAX_PER_ASSOCIATION}
     */
    public static List<PresentationContextRq> forStorage(Map<String, Set<String>> syntaxesBySopClass) {
        List<PresentationContextRq> contexts = new ArrayList<>();
        syntaxesBySopClass.forEach((sopClass, syntaxes) -> {
            for (String syntax : syntaxes) {
                contexts.add(new PresentationContextRq(nextId(contexts), sopClass, List.of(syntax)));
            }
            if (needsLittleEndianContext(syntaxes)) {
                contexts.add(new PresentationContextRq(nextId(contexts), sopClass, LITTLE_ENDIAN));
            }
            if (needsLosslessCompressedContext(syntaxes)) {
                contexts.add(new PresentationContextRq(nextId(contexts), sopClass, LOSSLESS_COMPRESSED));
            }
        });
        return checkFits(contexts);
    }

    /**
     * {@code requests} in order, split into consecutive runs whose {@link #forStorage} contexts
     * fit one association each.
     */
    public static List<List<StoreRequest>> batches(List<StoreRequest> requests) {
        List<List<StoreRequest>> batches = new ArrayList<>();
        List<StoreRequest> batch = new ArrayList<>();
        Map<String, Set<String>> syntaxesBySopClass = new LinkedHashMap<>();
        int contexts = 0;
        for (StoreRequest request : requests) {
            Set<String> syntaxes = syntaxesBySopClass.getOrDefault(request.sopClassUid(), Set.of());
            Set<String> grown = new LinkedHashSet<>(syntaxes);
            grown.add(request.transferSyntax().uid());
            int added = contextsFor(grown) - contextsFor(syntaxes);
            if (contexts + added > MAX_PER_ASSOCIATION) {
                batches.add(batch);
                batch = new ArrayList<>();
                syntaxesBySopClass.clear();
                grown = Set.of(request.transferSyntax().uid());
                contexts = 0;
                added = contextsFor(grown);
            }
            batch.add(request);
            syntaxesBySopClass.put(request.sopClassUid(), grown);
            contexts += added;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static int contextsFor(Set<String> syntaxes) {
        return syntaxes.isEmpty() ? 0 : syntaxes.size() + (needsLittleEndianContext(syntaxes) ? 1 : 0)
                + (needsLosslessCompressedContext(syntaxes) ? 1 : 0);
    }

    /**
     * Some file is in a little-endian syntax, or in one that can be transcoded into them (the
     * fallback when a peer takes no compressed data), and the exact contexts do not already
     * cover both little-endian syntaxes.
     */
    private static boolean needsLittleEndianContext(Set<String> syntaxes) {
        boolean anyLittleEndian = syntaxes.stream().map(TransferSyntax::of).anyMatch(syntax ->
                syntax.uid().equals(UID.ExplicitVRLittleEndian) || Transcoder.supports(syntax, UID.ExplicitVRLittleEndian));
        return anyLittleEndian && !syntaxes.containsAll(LITTLE_ENDIAN);
    }

    /**
     * Some file is compressed in a syntax that can be transcoded into a lossless compressed one
     * it is not already in (the fallback for a peer that takes neither its syntax nor
     * uncompressed data), and the exact contexts do not already cover those.
     */
    private static boolean needsLosslessCompressedContext(Set<String> syntaxes) {
        boolean anyCompressed = syntaxes.stream().map(TransferSyntax::of).anyMatch(syntax ->
                syntax.encapsulated() && LOSSLESS_COMPRESSED.stream().anyMatch(t -> Transcoder.supports(syntax, t)));
        return anyCompressed && !syntaxes.containsAll(LOSSLESS_COMPRESSED);
    }

    private static List<PresentationContextRq> checkFits(List<PresentationContextRq> contexts) {
        if (contexts.size() > MAX_PER_ASSOCIATION) {
            throw new IllegalArgumentException(contexts.size() + " presentation contexts are needed, at most "
                    + MAX_PER_ASSOCIATION + " fit one association");
        }
        return contexts;
    }

    private static int nextId(List<PresentationContextRq> contexts) {
        return 2 * contexts.size() + 1;
    }
}
