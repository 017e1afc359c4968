package io.pacslite.cli;

import io.pacslite.cli.config.Setting;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The DIMSE acceptor's flags on {@code pacslite serve}: who may associate, limits and timeouts
 * (PS3.8 section 9.1.5 for ARTIM). Each overrides a {@code dicom.*} key of the configuration;
 * the defaults are there ({@link Setting}, docs/configuration.md).
 */
final class DimseServeOptions {

    @Option(names = "--ae-title", paramLabel = "AE",
            description = "The archive's AE title (dicom.ae-title). Default: PACSLITE.")
    String aeTitle;

    @Option(names = "--require-called-ae",
            description = "Reject associations whose called AE title is not --ae-title (dicom.require-called-ae). "
                    + "Default: accept any.")
    boolean requireCalledAeTitle;

    @Option(names = "--ae-rule", paramLabel = "'AE PERMISSION...'",
            description = "What one calling AE title may do: echo, store, query, retrieve, or none (repeatable; "
                    + "dicom.ae-rules), e.g. --ae-rule 'CT01 store echo'. Default: no rules.")
    List<String> aeRules;

    @Option(names = "--other-aes", paramLabel = "PERMISSION", split = ",",
            description = "What a calling AE title without a rule may do (comma-separated; dicom.other-aes). "
                    + "Default: echo,store,query,retrieve.")
    List<String> otherAes;

    @Option(names = "--require-user-identity",
            description = "Reject associations without a user identity of username and API token as passcode "
                    + "(dicom.require-user-identity). Default: optional.")
    boolean requireUserIdentity;

    @Option(names = "--calling-ae", paramLabel = "AE",
            description = "Accept associations only from this calling AE title (repeatable; dicom.calling-aes). "
                    + "Default: any.")
    List<String> allowedCallingAeTitles;

    @Option(names = "--qr-calling-ae", paramLabel = "AE",
            description = "Accept C-FIND, C-GET and C-MOVE only from this calling AE title (repeatable; "
                    + "dicom.query-retrieve-calling-aes). Default: any accepted calling AE title.")
    List<String> queryRetrieveCallingAeTitles;

    @Option(names = "--max-associations", paramLabel = "N",
            description = "Associations open at once; one more is rejected (transient, local limit exceeded; "
                    + "dicom.max-associations). Default: 64.")
    Integer maxAssociations;

    @Option(names = "--max-pdu-length", paramLabel = "BYTES",
            description = "The largest P-DATA-TF PDU the archive receives (announced to peers; dicom.max-pdu-length). "
                    + "Default: 262144.")
    Integer maxPduLength;

    @Option(names = "--prefer-ts", paramLabel = "UID",
            description = "Transfer syntaxes to accept first when a peer offers several, best first (repeatable; "
                    + "dicom.preferred-transfer-syntaxes). Default: Explicit VR Little Endian, then Implicit VR "
                    + "Little Endian.")
    List<String> preferredTransferSyntaxes;

    @Option(names = "--artim-timeout", paramLabel = "S",
            description = "Seconds to wait for an A-ASSOCIATE-RQ after connect and for the close after a release "
                    + "or abort (ARTIM; dicom.artim-timeout). Default: 30.")
    Long artimSeconds;

    @Option(names = "--idle-timeout", paramLabel = "S",
            description = "Seconds an association may stay silent before it is aborted (dicom.idle-timeout). "
                    + "Default: 300.")
    Long idleSeconds;

    /** Adds the flags given to {@code flags}. */
    void addTo(GivenFlags flags) {
        flags.put(Setting.AE_TITLE, aeTitle)
                .putIf(requireCalledAeTitle, Setting.REQUIRE_CALLED_AE, "true")
                .putIf(requireUserIdentity, Setting.REQUIRE_USER_IDENTITY, "true")
                .put(Setting.AE_RULES, aeRules)
                .put(Setting.OTHER_AES, otherAes)
                .put(Setting.CALLING_AES, allowedCallingAeTitles)
                .put(Setting.QUERY_RETRIEVE_CALLING_AES, queryRetrieveCallingAeTitles)
                .put(Setting.MAX_ASSOCIATIONS, maxAssociations)
                .put(Setting.MAX_PDU_LENGTH, maxPduLength)
                .put(Setting.PREFERRED_TRANSFER_SYNTAXES, preferredTransferSyntaxes)
                .put(Setting.ARTIM_TIMEOUT, artimSeconds == null ? null : artimSeconds + "s")
                .put(Setting.IDLE_TIMEOUT, idleSeconds == null ? null : idleSeconds + "s");
    }
}
