package io.pacslite.cli.config;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.Coercions;
import io.pacslite.archive.access.ApiTokens;
import io.pacslite.archive.access.JwtAuthenticator;
import io.pacslite.archive.access.OidcConfig;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.audit.SyslogSender;
import io.pacslite.archive.ingest.DuplicatePolicy;
import io.pacslite.archive.tls.TlsSettings;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.AeRules;
import io.pacslite.dimse.association.Permission;
import io.pacslite.dimse.association.UserIdentities;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The effective configuration: each setting's value and where it came from, checked when
 * {@link ConfigLoader} made it; and the settings of the archive, the DIMSE acceptor and the
 * DICOMweb server that it makes.
 */
public final class Configuration {

    /** A setting's value (a list for a list type) and its source. */
    record Value(Object value, Source source) {
    }

    /** The settings listing the claim values that give each role. */
    private static final Map<Role, Setting> CLAIM_VALUES = Map.of(Role.VIEWER, Setting.OIDC_VIEWER_VALUES,
            Role.UPLOADER, Setting.OIDC_UPLOADER_VALUES, Role.ADMIN, Setting.OIDC_ADMIN_VALUES);

    private final Map<Setting, Value> values;

    Configuration(Map<Setting, Value> values) {
        this.values = new EnumMap<>(values);
    }

    /** Where the value of {@code setting} came from. */
    public Source source(Setting setting) {
        return values.get(setting).source();
    }

    /** The archive's root folder. */
    public Path dataDirectory() {
        return (Path) value(Setting.DATA_DIR);
    }

    /** The address to listen on. */
    public String bind() {
        return (String) value(Setting.BIND);
    }

    /** The DIMSE port (0: any free port). */
    public int dicomPort() {
        return (Integer) value(Setting.DICOM_PORT);
    }

    /** The HTTP port (0: any free port). */
    public int httpPort() {
        return (Integer) value(Setting.HTTP_PORT);
    }

    /** The DICOM TLS port (0: any free port), used when {@link #tls()} is configured. */
    public int dicomTlsPort() {
        return (Integer) value(Setting.DICOM_TLS_PORT);
    }

    /** The HTTPS port (0: any free port), used when {@link #tls()} is configured. */
    public int httpsPort() {
        return (Integer) value(Setting.HTTPS_PORT);
    }

    /**
     * The TLS key and certificates, if configured: then the archive also listens for DICOM TLS
     * and HTTPS (docs/security.md). The client CA is for DIMSE peers.
     *
     * @throws ConfigException if only one of key and certificate is set, or a client CA without them
     */
    public Optional<TlsSettings> tls() throws ConfigException {
        Optional<Path> key = optionalPath(Setting.TLS_PRIVATE_KEY);
        Optional<Path> certificate = optionalPath(Setting.TLS_CERTIFICATE);
        Optional<Path> clientCa = optionalPath(Setting.TLS_CLIENT_CA);
        if (key.isPresent() != certificate.isPresent()) {
            Setting missing = key.isEmpty() ? Setting.TLS_PRIVATE_KEY : Setting.TLS_CERTIFICATE;
            throw new ConfigException(source(missing), missing.key(),
                    "is needed too: TLS takes a private key and a certificate");
        }
        if (key.isEmpty() && clientCa.isPresent()) {
            throw new ConfigException(source(Setting.TLS_CLIENT_CA), Setting.TLS_CLIENT_CA.key(),
                    "needs tls.private-key and tls.certificate: without them there is no TLS port");
        }
        return key.map(path -> new TlsSettings(path, certificate.get(), clientCa));
    }

    private Optional<Path> optionalPath(Setting setting) {
        return value(setting) instanceof Path path ? Optional.of(path) : Optional.empty();
    }

    /** Whether the OHIF Viewer is served at {@code /}. */
    public boolean viewerEnabled() {
        return (Boolean) value(Setting.VIEWER);
    }

    /** The viewer's folder if one is set; empty for the built-in choice. */
    public Optional<Path> viewerDirectory() {
        return optionalPath(Setting.VIEWER_DIR);
    }

    /** The Logback level of the archive's loggers ({@code INFO}). */
    public String logLevel() {
        return (String) value(Setting.LOG_LEVEL);
    }

    /** {@code console} or {@code json}. */
    public String logFormat() {
        return (String) value(Setting.LOG_FORMAT);
    }

    /** The archive core's settings. */
    public ArchiveConfig archiveConfig() {
        return ArchiveConfig.DEFAULTS.withDuplicatePolicy((DuplicatePolicy) value(Setting.DUPLICATE_POLICY))
                .withMaxInstanceSize((Long) value(Setting.MAX_INSTANCE_SIZE))
                .withFsync((Boolean) value(Setting.FSYNC))
                .withHistoryDays((Integer) value(Setting.HISTORY_DAYS))
                .withCoercions(Coercions.parse(textList(Setting.INGEST_COERCIONS)));
    }

    /**
     * The DIMSE acceptance policy. An empty list of SOP classes or transfer syntaxes means
     * those of {@link AcceptancePolicy#defaults()}; the preferred transfer syntaxes are accepted too.
     */
    public AcceptancePolicy acceptancePolicy() {
        AcceptancePolicy defaults = AcceptancePolicy.defaults();
        Set<String> sopClasses = strings(Setting.SOP_CLASSES);
        Set<String> accepted = new HashSet<>(strings(Setting.TRANSFER_SYNTAXES));
        if (accepted.isEmpty()) {
            accepted.addAll(defaults.acceptedTransferSyntaxes());
        }
        List<String> preferred = textList(Setting.PREFERRED_TRANSFER_SYNTAXES);
        accepted.addAll(preferred);
        return new AcceptancePolicy((String) value(Setting.AE_TITLE), (Boolean) value(Setting.REQUIRE_CALLED_AE),
                aeRules(), sopClasses.isEmpty() ? defaults.sopClasses() : sopClasses, preferred,
                accepted, (Integer) value(Setting.MAX_PDU_LENGTH), (Integer) value(Setting.MAX_ASSOCIATIONS));
    }

    /**
     * Who may do what over DIMSE: each AE title of {@code dicom.ae-rules} what its rules allow
     * (an AE title listed twice, what both allow), any other what {@code dicom.other-aes}
     * allows. The older settings narrow the latter: with {@code dicom.calling-aes}, an AE title
     * it does not list may do nothing; with {@code dicom.query-retrieve-calling-aes}, one it does
     * not list may not query or retrieve.
     */
    AeRules aeRules() {
        Map<String, Set<Permission>> named = new HashMap<>();
        Set<String> callingAes = strings(Setting.CALLING_AES);
        Set<String> queryRetrieveAes = strings(Setting.QUERY_RETRIEVE_CALLING_AES);
        Set<Permission> others = permissions(Setting.OTHER_AES);
        for (String aeTitle : union(callingAes, queryRetrieveAes)) {
            named.put(aeTitle, narrowed(others, callingAes.isEmpty() || callingAes.contains(aeTitle),
                    queryRetrieveAes.isEmpty() || queryRetrieveAes.contains(aeTitle)));
        }
        Map<String, Set<Permission>> ruled = new HashMap<>();
        list(Setting.AE_RULES).stream().map(AeRule.class::cast).forEach(rule -> ruled.merge(rule.aeTitle(),
                rule.allowed(), (a, b) -> union(a, b)));
        named.putAll(ruled);
        return new AeRules(named, narrowed(others, callingAes.isEmpty(), queryRetrieveAes.isEmpty()));
    }

    private static Set<Permission> narrowed(Set<Permission> permissions, boolean mayCall, boolean mayQueryRetrieve) {
        Set<Permission> narrowed = EnumSet.noneOf(Permission.class);
        if (mayCall) {
            narrowed.addAll(permissions);
        }
        if (!mayQueryRetrieve) {
            narrowed.removeAll(EnumSet.of(Permission.QUERY, Permission.RETRIEVE));
        }
        return narrowed;
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }

    private Set<Permission> permissions(Setting setting) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        list(setting).stream().map(Permission.class::cast).forEach(permissions::add);
        return permissions;
    }

    /** Whether a DIMSE association needs a verified user identity (PS3.7 Annex D.3.3.7; docs/security.md). */
    private boolean requireUserIdentity() {
        return (Boolean) value(Setting.REQUIRE_USER_IDENTITY);
    }

    /**
     * The OpenID Connect identity provider's token checker, if {@code http.oidc.issuer} is set;
     * its key file, if any, is read now.
     *
     * @throws ConfigException if the key file cannot be read or holds no JWK Set
     */
    public Optional<JwtAuthenticator> identityProvider() throws ConfigException {
        OidcConfig settings = oidc();
        if (settings == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JwtAuthenticator(settings));
        } catch (UncheckedIOException e) {
            throw new ConfigException(source(Setting.OIDC_JWKS_FILE), Setting.OIDC_JWKS_FILE.key(),
                    e.getCause().getMessage());
        }
    }

    /**
     * How DIMSE user identities (PS3.7 Annex D.3.3.7) are checked: usernames with an API token
     * of {@code tokens} as passcode and, with an {@link #identityProvider()}, its JSON Web
     * Tokens, as bearer JWTs over HTTP.
     */
    public UserIdentities userIdentities(ApiTokens tokens, Optional<JwtAuthenticator> identityProvider) {
        UserIdentities identities = UserIdentities.apiTokens(tokens, requireUserIdentity());
        return identityProvider.map(identities::withIdentityProvider).orElse(identities);
    }

    /** The audit record repository that gets a copy of the audit trail, if any (docs/security.md). */
    public Optional<SyslogSender.Target> auditRepository() {
        return value(Setting.AUDIT_SYSLOG) instanceof SyslogSender.Target target ? Optional.of(target)
                : Optional.empty();
    }

    /** The least time between two pending C-GET or C-MOVE responses; zero: after every sub-operation. */
    public Duration pendingInterval() {
        return (Duration) value(Setting.PENDING_INTERVAL);
    }

    /** The DIMSE acceptor's timers (PS3.8 section 9.1.5 for ARTIM); the requestor's take their defaults. */
    public Timeouts timeouts() {
        return new Timeouts((Duration) value(Setting.ARTIM_TIMEOUT), (Duration) value(Setting.IDLE_TIMEOUT));
    }

    /** The DICOMweb server's settings, without a viewer (the caller checks the viewer's folder). */
    public DicomWebConfig dicomWebConfig() {
        return new DicomWebConfig((Long) value(Setting.MAX_REQUEST_SIZE), textList(Setting.CORS_ORIGINS),
                (Duration) value(Setting.SHUTDOWN_TIMEOUT), null, (Integer) value(Setting.THUMBNAIL_SIZE),
                (Long) value(Setting.THUMBNAIL_CACHE_SIZE), (Boolean) value(Setting.OPEN_LOOPBACK),
                (Boolean) value(Setting.OPEN_METRICS), oidc(), new DicomWebConfig.LinkPolicy((Role) value(Setting.LINK_ROLE),
                        (Duration) value(Setting.LINK_MAX_LIFETIME)), textList(Setting.FRAME_ANCESTORS));
    }

    /**
     * The identity provider's settings, or null when {@code http.oidc.issuer} is empty. A claim
     * value listed for two roles gives the larger.
     *
     * @throws IllegalArgumentException if they do not fit together (no keys, no role mapping)
     */
    OidcConfig oidc() {
        String issuer = (String) value(Setting.OIDC_ISSUER);
        if (issuer.isEmpty()) {
            return null;
        }
        Map<String, Role> roles = new HashMap<>();
        for (Role role : Role.values()) {
            // smallest first, so that a value listed for two roles ends up with the larger
            strings(CLAIM_VALUES.get(role)).forEach(claimValue -> roles.put(claimValue, role));
        }
        return new OidcConfig(issuer, (String) value(Setting.OIDC_AUDIENCE),
                value(Setting.OIDC_JWKS_URL) instanceof URI url ? url : null,
                value(Setting.OIDC_JWKS_FILE) instanceof Path file ? file : null, (String) value(Setting.OIDC_ROLE_CLAIM),
                (String) value(Setting.OIDC_USER_CLAIM), roles,
                list(Setting.OIDC_ALGORITHMS).stream().map(String.class::cast).toList(),
                (Duration) value(Setting.OIDC_CLOCK_SKEW), (Duration) value(Setting.OIDC_JWKS_TIMEOUT));
    }

    /** A list of text values, in order. */
    private List<String> textList(Setting setting) {
        return list(setting).stream().map(String.class::cast).toList();
    }

    /** How long stopping lets running HTTP requests and DIMSE messages finish. */
    public Duration shutdownTimeout() {
        return (Duration) value(Setting.SHUTDOWN_TIMEOUT);
    }

    /** The C-MOVE destinations of the file, the environment or the flags (besides the AE table's). */
    public List<RemoteAe> moveDestinations() {
        return list(Setting.MOVE_DESTINATIONS).stream().map(RemoteAe.class::cast).toList();
    }

    /**
     * The configuration as YAML, in the file's order, each value followed by a comment saying
     * where it came from ({@code port: 11112  # env PACSLITE_DICOM_PORT}).
     */
    public String toYaml() {
        StringBuilder yaml = new StringBuilder();
        List<String> section = List.of();
        for (Setting setting : Setting.values()) {
            List<String> next = setting.section().isEmpty() ? List.of() : List.of(setting.section().split("\\."));
            int common = 0;
            while (common < Math.min(section.size(), next.size()) && section.get(common).equals(next.get(common))) {
                common++;
            }
            for (int depth = common; depth < next.size(); depth++) {
                yaml.append("  ".repeat(depth)).append(next.get(depth)).append(":\n");
            }
            section = next;
            Value value = values.get(setting);
            String text = setting.type().isList()
                    ? ((List<?>) value.value()).stream().map(setting.type()::format)
                            .collect(Collectors.joining(", ", "[", "]"))
                    : setting.type().format(value.value());
            yaml.append("  ".repeat(section.size())).append(setting.nameInSection()).append(": ").append(text)
                    .append("  # ").append(value.source()).append('\n');
        }
        return yaml.toString();
    }

    /** The value of {@code setting}, for tests and for comparing configurations. */
    Object value(Setting setting) {
        return values.get(setting).value();
    }

    private List<?> list(Setting setting) {
        return (List<?>) value(setting);
    }

    private Set<String> strings(Setting setting) {
        return list(setting).stream().map(String.class::cast).collect(Collectors.toSet());
    }
}
