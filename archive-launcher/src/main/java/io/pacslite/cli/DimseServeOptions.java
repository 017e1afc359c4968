package io.pacslite.cli;

import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The DIMSE acceptor's settings on {@code pacslite serve}: who may associate, limits and
 * timeouts (PS3.8 section 9.1.5 for ARTIM). Every default is {@link AcceptancePolicy#defaults()}'s
 * and {@link Timeouts#defaults()}'s.
 */
final class DimseServeOptions {

    @Option(names = "--ae-title", paramLabel = "AE", defaultValue = AcceptancePolicy.DEFAULT_AE_TITLE,
            description = "The archive's AE title. Default: ${DEFAULT-VALUE}.")
    String aeTitle;

    @Option(names = "--require-called-ae",
            description = "Reject associations whose called AE title is not --ae-title. Default: accept any.")
    boolean requireCalledAeTitle;

    @Option(names = "--calling-ae", paramLabel = "AE",
            description = "Accept associations only from this calling AE title (repeatable). Default: any.")
    List<String> allowedCallingAeTitles = List.of();

    @Option(names = "--qr-calling-ae", paramLabel = "AE",
            description = "Accept C-FIND, C-GET and C-MOVE only from this calling AE title (repeatable). "
                    + "Default: any accepted calling AE title.")
    List<String> queryRetrieveCallingAeTitles = List.of();

    @Option(names = "--max-associations", paramLabel = "N",
            description = "Associations open at once; one more is rejected (transient, local limit exceeded). "
                    + "Default: " + AcceptancePolicy.DEFAULT_MAX_ASSOCIATIONS + ".")
    int maxAssociations = AcceptancePolicy.DEFAULT_MAX_ASSOCIATIONS;

    @Option(names = "--max-pdu-length", paramLabel = "BYTES",
            description = "The largest P-DATA-TF PDU the archive receives (announced to peers). Default: "
                    + AcceptancePolicy.DEFAULT_MAX_PDU_LENGTH + ".")
    int maxPduLength = AcceptancePolicy.DEFAULT_MAX_PDU_LENGTH;

    @Option(names = "--prefer-ts", paramLabel = "UID",
            description = "Transfer syntaxes to accept first when a peer offers several, best first (repeatable). "
                    + "Default: Explicit VR Little Endian, then Implicit VR Little Endian.")
    List<String> preferredTransferSyntaxes = List.of();

    @Option(names = "--artim-timeout", paramLabel = "S",
            description = "Seconds to wait for an A-ASSOCIATE-RQ after connect and for the close after a release "
                    + "or abort (ARTIM). Default: ${DEFAULT-VALUE}.", defaultValue = "30")
    long artimSeconds;

    @Option(names = "--idle-timeout", paramLabel = "S",
            description = "Seconds an association may stay silent before it is aborted. Default: ${DEFAULT-VALUE}.",
            defaultValue = "300")
    long idleSeconds;

    /** The acceptance policy these options make. */
    AcceptancePolicy policy() {
        AcceptancePolicy defaults = AcceptancePolicy.defaults();
        List<String> preferred = preferredTransferSyntaxes.isEmpty() ? defaults.preferredTransferSyntaxes()
                : preferredTransferSyntaxes;
        List<String> accepted = new ArrayList<>(defaults.acceptedTransferSyntaxes());
        accepted.addAll(preferred);
        return new AcceptancePolicy(aeTitle, requireCalledAeTitle, Set.copyOf(allowedCallingAeTitles),
                defaults.sopClasses(), preferred, Set.copyOf(accepted), maxPduLength, maxAssociations,
                Set.copyOf(queryRetrieveCallingAeTitles));
    }

    /** The acceptor's timeouts these options make. */
    Timeouts timeouts() {
        Timeouts defaults = Timeouts.defaults();
        return new Timeouts(Duration.ofSeconds(artimSeconds), Duration.ofSeconds(idleSeconds), defaults.connect(),
                defaults.dimseResponse());
    }
}
