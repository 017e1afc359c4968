package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacslite serve} as a real process configured by a file and environment variables, and
 * refusing a port in use; its INFO log has a line per association, per HTTP request and per failed
 * store, and no patient data.
 */
class ServeConfigurationTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void takesTheFileThenTheEnvironmentThenTheFlagsAndLogsJsonLinesWithoutPatientData() throws Exception {
        Path config = Files.writeString(dir.resolve("pacslite.yaml"), """
                dicom:
                  ae-title: FILEARCHIVE
                  calling-aes: [MODALITY]
                log:
                  format: console
                """);
        Path files = dir.resolve("files");
        assertThat(CommandRunner.run("generate", files.toString(), "--instances", "2", "--size", "16").exitCode())
                .isZero();
        Path log = dir.resolve("serve.log");
        // The flag --data-dir (ServeProcess gives it) beats PACSLITE_DATA_DIR.
        Map<String, String> environment = Map.of("PACSLITE_CONFIG", config.toString(),
                "PACSLITE_DICOM_AE_TITLE", "ENVARCHIVE", "PACSLITE_LOG_FORMAT", "json",
                "PACSLITE_DATA_DIR", dir.resolve("not-this-archive").toString());
        Path data = dir.resolve("archive");

        try (ServeProcess server = ServeProcess.start(data, environment, log, "--no-viewer")) {
            assertThat(server.startLine()).contains("serving " + data.toAbsolutePath() + ":")
                    .contains("DIMSE ENVARCHIVE on");
            assertThat(ServeProcess.dcmtk(60, "storescu", "-aet", "MODALITY", "-aec", "ENVARCHIVE", "+sd", "+r",
                    "127.0.0.1", server.port(), files.toString())).as("calling AE of the file").isZero();
            assertThat(ServeProcess.dcmtk(60, "echoscu", "-aet", "STRANGER", "-aec", "ENVARCHIVE", "127.0.0.1",
                    server.port())).as("calling AE not in the file").isNotZero();
            Path instance;
            try (Stream<Path> walk = Files.walk(files)) {
                instance = walk.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.httpUrl() + "/dicom-web/studies/1.2.3")).header("Content-Type", "application/dicom")
                    .POST(HttpRequest.BodyPublishers.ofFile(instance)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("an instance of another study").isEqualTo(409);
            assertThat(server.stop()).isZero();
        }

        assertThat(dir.resolve("not-this-archive")).doesNotExist();
        // The JVM's own warnings (sun.misc.Unsafe, JEP 471) are not Logback's.
        List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.startsWith("WARNING: ")).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"level\":\"INFO\"")
                .contains("association from MODALITY").contains("stored 2"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("STOW-RS part from"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"loggerName\":\"io.pacslite.dicomweb.access\"")
                .contains("\"formattedMessage\":\"POST ").contains(" 409 "));
        assertThat(String.join("\n", lines)).doesNotContain("Synthetic^Patient").doesNotContain("SYN1");
    }

    @Test
    @Timeout(120)
    void refusesAPortInUseInOneLineNamingTheKeyAndWhereItWasSet() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Refusal refusal = refusal(Map.of("PACSLITE_DICOM_PORT", Integer.toString(taken.getLocalPort())));

            assertThat(refusal.status()).isEqualTo(1);
            assertThat(refusal.lines()).containsExactly("pacslite serve: env PACSLITE_DICOM_PORT: dicom.port: cannot listen "
                    + "on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
        }
    }

    @Test
    @Timeout(120)
    void refusesAnIdentityProviderKeyFileItCannotReadInOneLineNamingTheKey() throws Exception {
        Path missing = dir.resolve("jwks.json");

        Refusal refusal = refusal(Map.of("PACSLITE_DICOM_PORT", "0", "PACSLITE_HTTP_OIDC_ISSUER", "https://idp.example.org",
                "PACSLITE_HTTP_OIDC_AUDIENCE", "pacslite", "PACSLITE_HTTP_OIDC_ADMIN_VALUES", "pacs-admin",
                "PACSLITE_HTTP_OIDC_JWKS_FILE", missing.toString()));

        assertThat(refusal.status()).isEqualTo(2);
        assertThat(refusal.lines()).containsExactly("pacslite serve: env PACSLITE_HTTP_OIDC_JWKS_FILE: "
                + "http.oidc.jwks-file: cannot read the JWK Set: " + missing + " (No such file or directory)");
    }

    @Test
    @Timeout(120)
    void refusesATlsAuditRepositoryWithoutTheArchivesTlsIdentity() throws Exception {
        Refusal refusal = refusal(Map.of("PACSLITE_DICOM_PORT", "0", "PACSLITE_AUDIT_SYSLOG", "tls://arr.example.org"));

        assertThat(refusal.status()).isEqualTo(2);
        assertThat(refusal.lines()).containsExactly("pacslite serve: env PACSLITE_AUDIT_SYSLOG: audit.syslog: "
                + "tls://arr.example.org:6514 needs the archive's TLS identity (tls.private-key, tls.certificate)");
    }

    /** With audit.syslog, each event of the trail also goes to the repository as a DICOM audit message. */
    @Test
    @Timeout(120)
    void sendsACopyOfTheAuditTrailToTheRepository() throws Exception {
        try (DatagramSocket repository = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            repository.setSoTimeout(30_000);
            Map<String, String> environment = Map.of("PACSLITE_AUDIT_SYSLOG",
                    "udp://127.0.0.1:" + repository.getLocalPort(), "PACSLITE_DICOM_AE_TITLE", "AUDITED");
            try (ServeProcess server = ServeProcess.start(dir.resolve("archive"), environment, dir.resolve("serve.log"),
                    "--no-viewer")) {
                assertThat(ServeProcess.dcmtk(60, "findscu", "-S", "-aet", "WORKSTATION", "-aec", "AUDITED",
                        "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=X", "127.0.0.1", server.port())).isZero();

                DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
                repository.receive(packet);
                String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                assertThat(message).startsWith("<85>1 ").contains(" pacslite ").contains(" IHE+RFC-3881 - ")
                        .contains("<EventID csd-code=\"110112\"").contains("UserID=\"WORKSTATION\"")
                        .contains("AuditSourceID=\"AUDITED\"");
                assertThat(server.stop()).isZero();
            }
        }
    }

    /** The exit status of a {@code pacslite serve} that stopped at start-up, and its lines saying why. */
    private record Refusal(int status, List<String> lines) {
    }

    private Refusal refusal(Map<String, String> environment) throws Exception {
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), PacsLite.class.getName(), "serve",
                "--data-dir", dir.resolve("archive").toString(), "--bind", "127.0.0.1", "--http-port", "0",
                "--no-viewer").redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process serve = builder.start();

        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve ended").isTrue();
        return new Refusal(serve.exitValue(), Files.readAllLines(err).stream()
                .filter(line -> line.startsWith("pacslite serve:")).toList());
    }

    @Test
    void shipsTheBuiltInLogbackFileAsConfLogbackXml() throws Exception {
        try (var builtIn = PacsLite.class.getResourceAsStream("/logback.xml")) {
            assertThat(Files.readString(Path.of("..", "conf", "logback.xml")))
                    .isEqualTo(new String(builtIn.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
