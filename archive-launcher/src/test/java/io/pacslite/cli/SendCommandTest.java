package io.pacslite.cli;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.DicomWebServer;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code pacslite send} to dcmtk's storescp (C-STORE) and to a second PACS-lite (STOW-RS). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SendCommandTest extends StoredStudy {

    @Test
    void sendsTheStudyToAnAeOfTheTableWithCStore() throws Exception {
        int port = TestPeers.freePort();
        Path received = Files.createDirectories(dir.resolve("storescp"));
        Process storescp = TestPeers.startStorescp(received, port);
        try {
            assertThat(CommandRunner.run("ae", "add", "--data-dir", data.toString(), "STORESCP", "127.0.0.1",
                    Integer.toString(port)).exitCode()).isZero();

            CommandRunner.Run run = CommandRunner.run("send", "--data-dir", data.toString(), "--study", STUDY,
                    "--to", "STORESCP");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).containsPattern("success\\s+4\\R");
            List<Path> files;
            try (Stream<Path> list = Files.list(received)) {
                files = list.toList();
            }
            assertThat(files.stream().map(DicomFiles::sopInstanceUid)).containsExactlyInAnyOrderElementsOf(
                    stored.keySet());
            for (Path file : files) {
                assertThat(datasetBytes(file)).as("the data set as stored")
                        .isEqualTo(datasetBytes(stored.get(DicomFiles.sopInstanceUid(file))));
            }
        } finally {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * To an AE marked {@code tls}: over TLS with the archive's identity of the configuration,
     * which {@code storescp +tls} requires (it asks for a client certificate from its CA).
     */
    @Test
    void sendsToATlsAeWithTheArchivesCertificate() throws Exception {
        TestCertificates certificates = TestCertificates.create(Files.createDirectories(dir.resolve("keys")));
        Path config = Files.writeString(dir.resolve("pacslite.yaml"), "tls:\n  private-key: "
                + certificates.clientKey() + "\n  certificate: " + certificates.clientCertificate()
                + "\n  client-ca: " + certificates.ca() + "\n");
        int port = TestPeers.freePort();
        Path received = Files.createDirectories(dir.resolve("storescp"));
        Process storescp = TestPeers.startStorescp(received, port, "+tls", certificates.serverKey().toString(),
                certificates.serverCertificate().toString(), "+cf", certificates.ca().toString());
        try {
            assertThat(CommandRunner.run("ae", "add", "--data-dir", data.toString(), "--tls", "SECURE", "127.0.0.1",
                    Integer.toString(port)).exitCode()).isZero();

            CommandRunner.Run run = CommandRunner.run("send", "--config", config.toString(), "--data-dir",
                    data.toString(), "--study", STUDY, "--series", SERIES_TWO, "--to", "SECURE");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            try (Stream<Path> files = Files.list(received)) {
                assertThat(files.map(DicomFiles::sopInstanceUid)).containsExactly(SyntheticInstances.uid("81", "2", "1"));
            }
        } finally {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sendsTheStudyToAnotherPacsLiteWithStowRs() throws Exception {
        try (Archive other = Archive.open(dir.resolve("other"), ArchiveConfig.DEFAULTS.withFsync(false));
                DicomWebServer web = DicomWebServer.start(new InetSocketAddress("127.0.0.1", 0), other,
                        DicomWebConfig.DEFAULTS.withAccess(false, false))) {
            String url = "http://127.0.0.1:" + web.port() + "/dicom-web";
            String token = other.apiTokens().create("uploads", Role.UPLOADER, null).secret();

            CommandRunner.Run withoutToken = CommandRunner.run("send", "--data-dir", data.toString(), "--study", STUDY,
                    "--to", url);
            CommandRunner.Run run = CommandRunner.run("send", "--data-dir", data.toString(), "--study", STUDY,
                    "--to", url, "--token", token);

            assertThat(withoutToken.exitCode()).isEqualTo(1);
            assertThat(withoutToken.err()).contains("answered 401");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("sent 4 instances to " + url + ": 4 stored, 0 failed");
            assertThat(other.index().instances(STUDY, null, null).stream()
                    .collect(Collectors.toMap(StoredInstance::sopUid, StoredInstance::sha256)))
                    .isEqualTo(sha256s(stored));
        }
    }

    @Test
    void sendsFromTheServerThatHoldsTheArchive() throws Exception {
        try (Archive other = Archive.open(dir.resolve("other"), ArchiveConfig.DEFAULTS.withFsync(false));
                DicomWebServer web = DicomWebServer.start(new InetSocketAddress("127.0.0.1", 0), other,
                        DicomWebConfig.DEFAULTS);
                ServeProcess server = ServeProcess.start(data, List.of())) {
            String url = "http://127.0.0.1:" + web.port() + "/dicom-web";

            CommandRunner.Run run = CommandRunner.run("send", "--data-dir", data.toString(), "--url",
                    server.httpUrl(), "--study", STUDY, "--series", SERIES_ONE, "--to", url);

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("downloading the study from the server at " + server.httpUrl())
                    .contains("sent 3 instances to " + url + ": 3 stored, 0 failed");
            assertThat(other.index().instances(STUDY, null, null)).extracting(StoredInstance::seriesUid)
                    .containsOnly(SERIES_ONE).hasSize(3);
        }
    }

    @Test
    void refusesAnUnknownAeAndAStudyThatIsNotThere() {
        CommandRunner.Run unknownAe = CommandRunner.run("send", "--data-dir", data.toString(), "--study", STUDY,
                "--to", "NOWHERE");
        CommandRunner.Run unknownStudy = CommandRunner.run("send", "--data-dir", data.toString(), "--study",
                SyntheticInstances.uid("89"), "--to", "http://127.0.0.1:9/dicom-web");

        assertThat(unknownAe.exitCode()).isEqualTo(2);
        assertThat(unknownAe.err()).contains("no AE NOWHERE in the AE table");
        assertThat(unknownStudy.exitCode()).isEqualTo(1);
        assertThat(unknownStudy.err()).contains("no such study " + SyntheticInstances.uid("89"));
    }

    private static Map<String, String> sha256s(Map<String, byte[]> files) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        return files.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                file -> HexFormat.of().formatHex(digest.digest(file.getValue()))));
    }
}
