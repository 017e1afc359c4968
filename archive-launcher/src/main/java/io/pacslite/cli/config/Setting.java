package io.pacslite.cli.config;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.dicom.dict.UID;
import io.pacslite.archive.access.OidcConfig;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.DimseServices;
import io.pacslite.dimse.net.Timeouts;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of {@code conf/pacslite.yaml}: its key (sections joined by dots), its type, its
 * built-in default (as the file would spell it) and the command-line flag that overrides it, if
 * any. The environment variable of a key is {@code PACSLITE_} and the key in capitals with dots
 * and dashes made underscores ({@code dicom.port}: {@code PACSLITE_DICOM_PORT}).
 */
public enum Setting {
    DATA_DIR("data-dir", ValueType.PATH, "data", "--data-dir"),
    BIND("bind", ValueType.HOST, "0.0.0.0", "--bind"),
    SHUTDOWN_TIMEOUT("shutdown-timeout", ValueType.DURATION,
            DicomWebConfig.DEFAULTS.shutdownTimeout().toSeconds() + "s", null),
    AE_TITLE("dicom.ae-title", ValueType.AE_TITLE, AcceptancePolicy.DEFAULT_AE_TITLE, "--ae-title"),
    DICOM_PORT("dicom.port", ValueType.PORT, "11112", "--dicom-port"),
    DICOM_TLS_PORT("dicom.tls-port", ValueType.PORT, "2762", "--dicom-tls-port"),
    REQUIRE_CALLED_AE("dicom.require-called-ae", ValueType.BOOLEAN, "false", "--require-called-ae"),
    AE_RULES("dicom.ae-rules", ValueType.AE_RULES, "", "--ae-rule"),
    OTHER_AES("dicom.other-aes", ValueType.PERMISSIONS, "echo,store,query,retrieve", "--other-aes"),
    REQUIRE_USER_IDENTITY("dicom.require-user-identity", ValueType.BOOLEAN, "false", "--require-user-identity"),
    CALLING_AES("dicom.calling-aes", ValueType.AE_TITLES, "", "--calling-ae"),
    QUERY_RETRIEVE_CALLING_AES("dicom.query-retrieve-calling-aes", ValueType.AE_TITLES, "", "--qr-calling-ae"),
    SOP_CLASSES("dicom.sop-classes", ValueType.SOP_CLASS_UIDS, "", null),
    TRANSFER_SYNTAXES("dicom.transfer-syntaxes", ValueType.TRANSFER_SYNTAX_UIDS, "", null),
    PREFERRED_TRANSFER_SYNTAXES("dicom.preferred-transfer-syntaxes", ValueType.TRANSFER_SYNTAX_UIDS,
            UID.ExplicitVRLittleEndian + "," + UID.ImplicitVRLittleEndian, "--prefer-ts"),
    MOVE_DESTINATIONS("dicom.move-destinations", ValueType.MOVE_DESTINATIONS, "", null),
    MAX_PDU_LENGTH("dicom.max-pdu-length", ValueType.POSITIVE_INTEGER,
            String.valueOf(AcceptancePolicy.DEFAULT_MAX_PDU_LENGTH), "--max-pdu-length"),
    MAX_ASSOCIATIONS("dicom.max-associations", ValueType.POSITIVE_INTEGER,
            String.valueOf(AcceptancePolicy.DEFAULT_MAX_ASSOCIATIONS), "--max-associations"),
    ARTIM_TIMEOUT("dicom.artim-timeout", ValueType.DURATION, Timeouts.DEFAULT_ARTIM.toSeconds() + "s",
            "--artim-timeout"),
    IDLE_TIMEOUT("dicom.idle-timeout", ValueType.DURATION, Timeouts.DEFAULT_IDLE.toSeconds() + "s", "--idle-timeout"),
    PENDING_INTERVAL("dicom.pending-interval", ValueType.INTERVAL,
            DimseServices.DEFAULT_PENDING_INTERVAL.toSeconds() + "s", null),
    HTTP_PORT("http.port", ValueType.PORT, "8080", "--http-port"),
    HTTPS_PORT("http.tls-port", ValueType.PORT, "8443", "--https-port"),
    CORS_ORIGINS("http.cors-origins", ValueType.STRINGS, "", "--cors-origin"),
    MAX_REQUEST_SIZE("http.max-request-size", ValueType.SIZE,
            String.valueOf(DicomWebConfig.DEFAULTS.maxRequestBytes()), null),
    THUMBNAIL_SIZE("http.thumbnail-size", ValueType.THUMBNAIL_SIDE,
            String.valueOf(DicomWebConfig.DEFAULTS.thumbnailSide()), null),
    THUMBNAIL_CACHE_SIZE("http.thumbnail-cache-size", ValueType.SIZE,
            String.valueOf(DicomWebConfig.DEFAULTS.thumbnailCacheBytes()), null),
    OPEN_LOOPBACK("http.open-loopback", ValueType.BOOLEAN, String.valueOf(DicomWebConfig.DEFAULTS.openLoopback()), null),
    OPEN_METRICS("http.open-metrics", ValueType.BOOLEAN, String.valueOf(DicomWebConfig.DEFAULTS.openMetrics()), null),
    LINK_ROLE("http.link-role", ValueType.ROLE, DicomWebConfig.LinkPolicy.DEFAULTS.creatorRole().label(), null),
    LINK_MAX_LIFETIME("http.link-max-lifetime", ValueType.DURATION,
            DicomWebConfig.LinkPolicy.DEFAULTS.maxLifetime().toHours() + "h", null),
    FRAME_ANCESTORS("http.frame-ancestors", ValueType.CSP_SOURCES, "", null),
    OIDC_ISSUER("http.oidc.issuer", ValueType.OPTIONAL_TEXT, "", null),
    OIDC_AUDIENCE("http.oidc.audience", ValueType.OPTIONAL_TEXT, "", null),
    OIDC_JWKS_URL("http.oidc.jwks-url", ValueType.OPTIONAL_URL, "", null),
    OIDC_JWKS_FILE("http.oidc.jwks-file", ValueType.OPTIONAL_PATH, "", null),
    OIDC_JWKS_TIMEOUT("http.oidc.jwks-timeout", ValueType.DURATION, "5s", null),
    OIDC_ROLE_CLAIM("http.oidc.role-claim", ValueType.TEXT, "roles", null),
    OIDC_VIEWER_VALUES("http.oidc.viewer-values", ValueType.STRINGS, "", null),
    OIDC_UPLOADER_VALUES("http.oidc.uploader-values", ValueType.STRINGS, "", null),
    OIDC_ADMIN_VALUES("http.oidc.admin-values", ValueType.STRINGS, "", null),
    OIDC_USER_CLAIM("http.oidc.user-claim", ValueType.TEXT, "preferred_username", null),
    OIDC_ALGORITHMS("http.oidc.algorithms", ValueType.STRINGS, String.join(",", OidcConfig.DEFAULT_ALGORITHMS), null),
    OIDC_CLOCK_SKEW("http.oidc.clock-skew", ValueType.DURATION, "60s", null),
    TLS_PRIVATE_KEY("tls.private-key", ValueType.OPTIONAL_PATH, "", null),
    TLS_CERTIFICATE("tls.certificate", ValueType.OPTIONAL_PATH, "", null),
    TLS_CLIENT_CA("tls.client-ca", ValueType.OPTIONAL_PATH, "", null),
    AUDIT_SYSLOG("audit.syslog", ValueType.OPTIONAL_SYSLOG, "", null),
    VIEWER("viewer.enabled", ValueType.BOOLEAN, "true", "--no-viewer"),
    VIEWER_DIR("viewer.dir", ValueType.OPTIONAL_PATH, "", "--viewer-dir"),
    DUPLICATE_POLICY("archive.duplicate-policy", ValueType.DUPLICATE_POLICY,
            ArchiveConfig.DEFAULTS.duplicatePolicy().name(), null),
    MAX_INSTANCE_SIZE("archive.max-instance-size", ValueType.SIZE,
            String.valueOf(ArchiveConfig.DEFAULTS.maxInstanceSize()), null),
    FSYNC("archive.fsync", ValueType.BOOLEAN, String.valueOf(ArchiveConfig.DEFAULTS.fsync()), null),
    HISTORY_DAYS("archive.history-days", ValueType.POSITIVE_INTEGER,
            String.valueOf(ArchiveConfig.DEFAULTS.historyDays()), null),
    INGEST_COERCIONS("ingest.coercions", ValueType.COERCIONS, "", null),
    LOG_LEVEL("log.level", ValueType.LOG_LEVEL, "INFO", null),
    LOG_FORMAT("log.format", ValueType.LOG_FORMAT, "console", null);

    private final String key;
    private final ValueType type;
    private final String defaultText;
    private final String flag;

    Setting(String key, ValueType type, String defaultText, String flag) {
        this.key = key;
        this.type = type;
        this.defaultText = defaultText;
        this.flag = flag;
    }

    /** The key in the file, sections joined by dots: {@code dicom.port}. */
    public String key() {
        return key;
    }

    /** The section the key is in ({@code dicom}, {@code http.oidc}), or empty for a top-level key. */
    String section() {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    /** The key's last part, its name within its section. */
    String nameInSection() {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** The environment variable that overrides the file: {@code PACSLITE_DICOM_PORT}. */
    public String environmentVariable() {
        return "PACSLITE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The command-line flag that overrides the rest, if any. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    ValueType type() {
        return type;
    }

    /** The built-in default, spelled as in an environment variable (a list: comma-separated). */
    String defaultText() {
        return defaultText;
    }

    /** The setting with {@code key}, if any. */
    static Optional<Setting> withKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }
}
