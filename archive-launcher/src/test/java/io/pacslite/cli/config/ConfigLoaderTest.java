package io.pacslite.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.ingest.Coercions;
import io.pacslite.archive.ingest.DuplicatePolicy;
import io.pacslite.archive.access.OidcConfig;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.AeRules;
import io.pacslite.dimse.association.Permission;
import io.pacslite.dimse.net.RemoteAe;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The configuration's layers (defaults, file, environment, flags), its checks, and the shipped
 * conf/pacslite.yaml. The environment is a map here; ServeConfigurationTest gives a real process one.
 */
class ConfigLoaderTest {

    /** The shipped file, from the module's folder (where the tests run). */
    static final Path SHIPPED = Path.of("..", "conf", "pacslite.yaml");

    @TempDir
    Path dir;

    @Test
    void givesTheBuiltInDefaultsWithoutFileEnvironmentOrFlags() throws Exception {
        Configuration defaults = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());

        assertThat(defaults.dataDirectory()).isEqualTo(Path.of("data"));
        assertThat(defaults.dicomPort()).isEqualTo(11112);
        assertThat(defaults.httpPort()).isEqualTo(8080);
        assertThat(defaults.acceptancePolicy().aeTitle()).isEqualTo("PACSLITE");
        assertThat(defaults.archiveConfig()).isEqualTo(ArchiveConfig.DEFAULTS);
        assertThat(defaults.dicomWebConfig()).isEqualTo(DicomWebConfig.DEFAULTS);
        assertThat(defaults.timeouts().artim()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.pendingInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.acceptancePolicy().acceptedTransferSyntaxes())
                .isEqualTo(AcceptancePolicy.defaults().acceptedTransferSyntaxes());
        assertThat(Setting.values()).allSatisfy(setting -> assertThat(defaults.source(setting)).isEqualTo(Source.DEFAULT));
    }

    /** Each layer overrides the ones before it, and says so. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            false | false | false | 11112 | default
            true  | false | false | 2000  | FILE
            true  | true  | false | 3000  | env PACSLITE_DICOM_PORT
            false | true  | false | 3000  | env PACSLITE_DICOM_PORT
            true  | true  | true  | 4000  | flag --dicom-port
            true  | false | true  | 4000  | flag --dicom-port
            """)
    void overridesDefaultsWithTheFileTheEnvironmentThenTheFlags(boolean inFile, boolean inEnvironment, boolean flagged,
            int port, String source) throws Exception {
        Path file = write("dicom:\n  port: 2000\n");
        Configuration configuration = ConfigLoader.load(inFile ? Optional.of(file) : Optional.empty(),
                inEnvironment ? Map.of("PACSLITE_DICOM_PORT", "3000") : Map.of(),
                flagged ? Map.of(Setting.DICOM_PORT, "4000") : Map.of());

        assertThat(configuration.dicomPort()).isEqualTo(port);
        assertThat(configuration.source(Setting.DICOM_PORT).description()).isEqualTo(source.replace("FILE", file.toString()));
    }

    @Test
    void namesEachEnvironmentVariableAfterItsKey() {
        assertThat(Setting.DATA_DIR.environmentVariable()).isEqualTo("PACSLITE_DATA_DIR");
        assertThat(Setting.DICOM_PORT.environmentVariable()).isEqualTo("PACSLITE_DICOM_PORT");
        assertThat(Setting.QUERY_RETRIEVE_CALLING_AES.environmentVariable())
                .isEqualTo("PACSLITE_DICOM_QUERY_RETRIEVE_CALLING_AES");
        assertThat(Setting.LOG_FORMAT.environmentVariable()).isEqualTo("PACSLITE_LOG_FORMAT");
    }

    @Test
    void readsEveryKindOfValueFromTheFileAndListsFromTheEnvironmentSplitAtCommas() throws Exception {
        Path file = write("""
                data-dir: /srv/pacs
                dicom:
                  calling-aes: [MODALITY, VIEWER]
                  transfer-syntaxes: [1.2.840.10008.1.2.1]
                  preferred-transfer-syntaxes: []
                  move-destinations: ["STORESCP 127.0.0.1 11113"]
                  idle-timeout: 90s
                  pending-interval: 0s
                http:
                  max-request-size: 512MiB
                archive:
                  duplicate-policy: reject
                  fsync: false
                """);
        Configuration configuration = ConfigLoader.load(Optional.of(file),
                Map.of("PACSLITE_HTTP_CORS_ORIGINS", "https://a.example, https://b.example"), Map.of());

        assertThat(configuration.dataDirectory()).isEqualTo(Path.of("/srv/pacs"));
        assertThat(configuration.acceptancePolicy().aeRules()).isEqualTo(new AeRules(
                Map.of("MODALITY", EnumSet.allOf(Permission.class), "VIEWER", EnumSet.allOf(Permission.class)),
                Set.of()));
        assertThat(configuration.acceptancePolicy().acceptedTransferSyntaxes()).containsExactly("1.2.840.10008.1.2.1");
        assertThat(configuration.moveDestinations()).containsExactly(new RemoteAe("127.0.0.1", 11113, "STORESCP"));
        assertThat(configuration.timeouts().idle()).isEqualTo(Duration.ofSeconds(90));
        assertThat(configuration.pendingInterval()).isZero();
        assertThat(configuration.dicomWebConfig().maxRequestBytes()).isEqualTo(512L << 20);
        assertThat(configuration.dicomWebConfig().corsAllowedOrigins())
                .containsExactly("https://a.example", "https://b.example");
        assertThat(configuration.archiveConfig().duplicatePolicy()).isEqualTo(DuplicatePolicy.REJECT);
        assertThat(configuration.archiveConfig().fsync()).isFalse();
    }

    @Test
    void readsTheAeRulesAndWhatOtherAeTitlesMayDo() throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), """
                dicom:
                  ae-rules: ["CT01 store echo", "WORKSTATION query retrieve", "CT01 query", "OLD none"]
                  other-aes: [echo]
                """);

        AeRules rules = ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).acceptancePolicy().aeRules();

        assertThat(rules).isEqualTo(new AeRules(Map.of(
                "CT01", Set.of(Permission.STORE, Permission.ECHO, Permission.QUERY),
                "WORKSTATION", Set.of(Permission.QUERY, Permission.RETRIEVE),
                "OLD", Set.of()), Set.of(Permission.ECHO)));
    }

    @Test
    void readsTheIngestCoercionRulesWithTheirPatientIdMaps() throws Exception {
        Path map = Files.writeString(dir.resolve("ids.csv"), "OLD-1,NEW-1\n");
        Path file = Files.writeString(dir.resolve("coercions.yaml"), """
                ingest:
                  coercions: ["CT01 issuer=HOSP accession={StudyDate}-{StudyID}", "* patient-id-map=%s"]
                """.formatted(map));

        List<Coercions.Rule> rules = ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).archiveConfig()
                .coercions().rules();

        assertThat(rules).containsExactly(new Coercions.Rule("CT01", "HOSP", Map.of(), "{StudyDate}-{StudyID}"),
                new Coercions.Rule("*", null, Map.of("OLD-1", "NEW-1"), null));
    }

    @Test
    void refusesACoercionRuleWhosePatientIdMapIsMissing() {
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("PACSLITE_INGEST_COERCIONS", "http patient-id-map=" + missing), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PACSLITE_INGEST_COERCIONS")
                .hasMessageContaining("patient-id-map " + missing + " cannot be read");
    }

    /** dicom.calling-aes and dicom.query-retrieve-calling-aes keep their meaning, as rules. */
    @Test
    void readsTheOlderCallingAeSettingsAsRules() throws Exception {
        Configuration configuration = ConfigLoader.load(Optional.empty(), Map.of(
                "PACSLITE_DICOM_CALLING_AES", "CT01,WORKSTATION",
                "PACSLITE_DICOM_QUERY_RETRIEVE_CALLING_AES", "WORKSTATION",
                "PACSLITE_DICOM_AE_RULES", "ADMIN echo store query retrieve"), Map.of());

        AeRules rules = configuration.acceptancePolicy().aeRules();

        assertThat(rules.allowed("CT01")).containsExactlyInAnyOrder(Permission.ECHO, Permission.STORE);
        assertThat(rules.allowed("WORKSTATION")).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Permission.class));
        assertThat(rules.allowed("ADMIN")).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Permission.class));
        assertThat(rules.allowed("SOMEONE")).isEmpty();
    }

    /** Every kind of bad value stops loading with one line: where, the key, the reason. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            dicom:\\n  prot: 1                     | dicom.prot: unknown key, did you mean dicom.port?
            port: 1                                | port: unknown key, did you mean dicom.port or http.port?
            colour: blue                           | colour: unknown key
            dicom:\\n  port: abc                   | dicom.port: abc is not a TCP port (0..65535)
            dicom:\\n  port: 70000                 | dicom.port: 70000 is not a TCP port (0..65535)
            dicom:\\n  port: [1, 2]                | dicom.port: expected one value, not a list
            dicom:\\n  port:                       | dicom.port: has no value
            dicom: 1                               | dicom: is a section: expected 'key: value' lines under it
            archive:\\n  fsync: 3                  | archive.fsync: 3 is not true or false
            dicom:\\n  ae-title: A TITLE LONGER THAN 16 | dicom.ae-title: AE title must be 1 to 16 characters: 'A TITLE LONGER THAN 16'
            dicom:\\n  ae-title: 'BACK\\\\SLASH'  | dicom.ae-title: AE title has a control character or backslash (0x5C at position 4)
            dicom:\\n  ae-title: '    '            | dicom.ae-title: AE title has leading or trailing spaces: '    '
            dicom:\\n  calling-aes: ['']           | dicom.calling-aes: AE title must be 1 to 16 characters: ''
            dicom:\\n  ae-rules: [CT01]            | dicom.ae-rules: 'CT01' is not AE_TITLE PERMISSION... (echo, store, query, retrieve, or none)
            dicom:\\n  ae-rules: ['CT01 delete']   | dicom.ae-rules: no DIMSE permission 'delete': echo, store, query or retrieve
            dicom:\\n  other-aes: [everything]     | dicom.other-aes: no DIMSE permission 'everything': echo, store, query or retrieve
            dicom:\\n  transfer-syntaxes: [1.2.3]  | dicom.transfer-syntaxes: 1.2.3 is not a known Transfer Syntax UID
            dicom:\\n  sop-classes: [1.02]         | dicom.sop-classes: 1.02 is not a UID: component with a leading zero
            dicom:\\n  idle-timeout: 5 minutes     | dicom.idle-timeout: 5 minutes is not a duration (a number and ms, s, m or h: 30s)
            dicom:\\n  artim-timeout: 0s         | dicom.artim-timeout: 0s is not between 1ms and 24 days
            dicom:\\n  pending-interval: 1 second | dicom.pending-interval: 1 second is not a duration (a number and ms, s, m or h: 30s)
            dicom:\\n  pending-interval: 600h   | dicom.pending-interval: 600h is not between 1ms and 24 days
            shutdown-timeout: 600h             | shutdown-timeout: 600h is not between 1ms and 24 days
            dicom:\\n  calling-aes: [A, B, A]    | dicom.calling-aes: A is listed twice
            dicom:\\n  move-destinations: [X]      | dicom.move-destinations: 'X' is not AE_TITLE HOST PORT [tls]
            http:\\n  max-request-size: 8GB        | http.max-request-size: 8GB is not a size (bytes, or a number and KiB, MiB, GiB or TiB)
            archive:\\n  duplicate-policy: newest  | archive.duplicate-policy: newest is not one of [keep-first, replace, reject]
            log:\\n  format: xml                   | log.format: xml is not one of [console, json]
            ingest:\\n  coercions: [CT01]          | ingest.coercions: "CT01": a rule is SOURCE action=value [action=value...]
            ingest:\\n  coercions: ["CT01 colour=red"] | ingest.coercions: "CT01 colour=red": unknown action "colour" (issuer, patient-id-map, accession)
            ingest:\\n  coercions: ["* accession={Nope}"] | ingest.coercions: "* accession={Nope}": {Nope} is not an attribute keyword
            """)
    void refusesABadFileInOneLineNamingTheKey(String yaml, String reason) throws Exception {
        Path file = write(yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(file + ": " + reason);
    }

    @Test
    void refusesYamlItCannotParseNamingTheLine() throws Exception {
        Path file = write("dicom:\n  port: 1\n bad indentation: [\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(file + ": not valid YAML at line ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesABadEnvironmentVariableOrFlagNamingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PACSLITE_HTTP_PORT", "-1"), Map.of()))
                .hasMessage("env PACSLITE_HTTP_PORT: http.port: -1 is not a TCP port (0..65535)");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of(Setting.PREFERRED_TRANSFER_SYNTAXES, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.5.1.4.1.1.2"))))
                .hasMessage("flag --prefer-ts: dicom.preferred-transfer-syntaxes: 1.2.840.10008.5.1.4.1.1.2 is not a "
                        + "known Transfer Syntax UID");
    }

    @Test
    void findsTheFileFromTheFlagThenTheEnvironmentThenTheInstallation() throws Exception {
        Path installation = dir.resolve("install");
        Files.createDirectories(installation.resolve("conf"));
        Map<String, String> environment = Map.of(ConfigLoader.CONFIG_VARIABLE, "/etc/pacslite.yaml");

        assertThat(ConfigLoader.locate(Path.of("mine.yaml"), environment, installation)).contains(Path.of("mine.yaml"));
        assertThat(ConfigLoader.locate(null, environment, installation)).contains(Path.of("/etc/pacslite.yaml"));
        assertThat(ConfigLoader.locate(null, Map.of(), installation)).as("no conf/pacslite.yaml installed").isEmpty();
        Files.writeString(installation.resolve("conf/pacslite.yaml"), "");
        assertThat(ConfigLoader.locate(null, Map.of(), installation)).contains(installation.resolve("conf/pacslite.yaml"));
        assertThat(ConfigLoader.locate(null, Map.of(), null)).isEmpty();
    }

    @Test
    void theShippedFileIsValidAndSetsEverySettingToItsDefault() throws Exception {
        Configuration defaults = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        Configuration shipped = ConfigLoader.load(Optional.of(SHIPPED), Map.of(), Map.of());

        assertThat(Setting.values()).allSatisfy(setting -> {
            assertThat(shipped.source(setting)).as(setting.key()).isEqualTo(Source.file(SHIPPED));
            assertThat(shipped.value(setting)).as(setting.key()).isEqualTo(defaults.value(setting));
        });
    }

    @Test
    void readsAnIdentityProviderFromItsNestedSectionAndTheEnvironment() throws Exception {
        Path file = write("""
                http:
                  oidc:
                    issuer: https://login.example.org/tenant/v2.0
                    audience: api://pacslite
                    jwks-url: https://login.example.org/tenant/discovery/v2.0/keys
                    viewer-values: [PACS.Viewer, PACS.Admin]
                    admin-values: [PACS.Admin]
                """);
        Configuration configuration = ConfigLoader.load(Optional.of(file),
                Map.of("PACSLITE_HTTP_OIDC_UPLOADER_VALUES", "PACS.Uploader, Radiographers"), Map.of());

        assertThat(configuration.dicomWebConfig().oidc()).isEqualTo(new OidcConfig(
                "https://login.example.org/tenant/v2.0", "api://pacslite",
                URI.create("https://login.example.org/tenant/discovery/v2.0/keys"), null, "roles", "preferred_username",
                Map.of("PACS.Viewer", Role.VIEWER, "PACS.Admin", Role.ADMIN, "PACS.Uploader", Role.UPLOADER,
                        "Radiographers", Role.UPLOADER),
                OidcConfig.DEFAULT_ALGORITHMS, Duration.ofSeconds(60), Duration.ofSeconds(5)));
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).dicomWebConfig().oidc())
                .as("off without an issuer").isNull();
    }

    @Test
    void refusesAnIdentityProviderWithoutKeysOrWithAForgeableAlgorithm() throws Exception {
        Path noKeys = write("http:\n  oidc:\n    issuer: https://idp.example.org\n    audience: pacslite\n"
                + "    admin-values: [admin]\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(noKeys), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("http.oidc: set one of jwks-url and jwks-file");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(noKeys),
                Map.of("PACSLITE_HTTP_OIDC_JWKS_URL", "https://idp.example.org/certs", "PACSLITE_HTTP_OIDC_ALGORITHMS",
                        "RS256,none"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.oidc: not an RSA, elliptic-curve or HMAC signature algorithm: none");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(noKeys),
                Map.of("PACSLITE_HTTP_OIDC_JWKS_URL", "ftp://idp.example.org/certs"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("env PACSLITE_HTTP_OIDC_JWKS_URL: http.oidc.jwks-url: ftp://idp.example.org/certs is not an "
                        + "http or https URL");
    }

    @Test
    void showsEachValueWithItsSourceAsYamlThatLoadsBackTheSame() throws Exception {
        Path file = write("dicom:\n  ae-title: FILEARCHIVE\n  move-destinations: [\"STORESCP localhost 104\"]\n");
        Configuration configuration = ConfigLoader.load(Optional.of(file), Map.of("PACSLITE_HTTP_PORT", "9090"),
                Map.of(Setting.DATA_DIR, "/srv/pacs"));

        String yaml = configuration.toYaml();

        assertThat(yaml).contains("data-dir: \"/srv/pacs\"  # flag --data-dir\n")
                .contains("dicom:\n  ae-title: \"FILEARCHIVE\"  # " + file + "\n")
                .contains("  move-destinations: [\"STORESCP localhost 104\"]  # " + file + "\n")
                .contains("http:\n  port: 9090  # env PACSLITE_HTTP_PORT\n")
                .contains("  idle-timeout: \"5m\"  # default\n");
        Configuration reloaded = ConfigLoader.load(Optional.of(write(yaml)), Map.of(), Map.of());
        assertThat(Setting.values()).allSatisfy(setting ->
                assertThat(reloaded.value(setting)).as(setting.key()).isEqualTo(configuration.value(setting)));
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "pacslite", ".yaml");
        return Files.writeString(file, yaml);
    }
}
