package io.pacslite.cli.config;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.ingest.DuplicatePolicy;
import io.pacslite.archive.access.Role;
import io.pacslite.dicomweb.auth.OidcConfig;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
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

    /** Whether the OHIF Viewer is served at {@code /}. */
    public boolean viewerEnabled() {
        return (Boolean) value(Setting.VIEWER);
    }

    /** The viewer's folder if one is set; empty for the built-in choice. */
    public Optional<Path> viewerDirectory() {
        return value(Setting.VIEWER_DIR) instanceof Path path ? Optional.of(path) : Optional.empty();
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
                .withFsync((Boolean) value(Setting.FSYNC));
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
                strings(Setting.CALLING_AES), sopClasses.isEmpty() ? defaults.sopClasses() : sopClasses, preferred,
                accepted, (Integer) value(Setting.MAX_PDU_LENGTH), (Integer) value(Setting.MAX_ASSOCIATIONS),
                strings(Setting.QUERY_RETRIEVE_CALLING_AES));
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
