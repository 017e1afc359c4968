package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.DimseServer;
import io.pacslite.dimse.net.DimseServices;
import io.pacslite.dimse.net.Timeouts;
import io.pacslite.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite echo} against our own server, dcmtk's storescp, a rejecting server and a closed port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoCommandTest {

    @Test
    void echoesOurServer() throws Exception {
        try (DimseServer server = server(AcceptancePolicy.defaults())) {
            CommandRunner.Run run = CommandRunner.run("echo", "--aec", "PACSLITE", "127.0.0.1",
                    Integer.toString(server.port()));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).matches("C-ECHO PACSLITE@127\\.0\\.0\\.1:\\d+: success, round trip [0-9.]+ ms "
                    + "\\(association [0-9.]+ ms\\)\\R");
        }
    }

    /**
     * {@code --tls} against {@code storescp +tls}, which requires a client certificate: with the
     * CA and our certificate it succeeds; without trusting the CA, or without {@code --tls}, it fails.
     */
    @Test
    void echoesStorescpOverTls(@TempDir Path keys) throws Exception {
        TestCertificates certificates = TestCertificates.create(keys);
        int port = TestPeers.freePort();
        ProcessBuilder builder = new ProcessBuilder(TestPeers.require(TestPeers.STORESCP).toString(), "+tls",
                certificates.serverKey().toString(), certificates.serverCertificate().toString(), "+cf",
                certificates.ca().toString(), Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process storescp = builder.start();
        try {
            awaitListening(port, storescp);
            String[] identity = {"--tls-key", certificates.clientKey().toString(), "--tls-cert",
                    certificates.clientCertificate().toString()};

            CommandRunner.Run tls = CommandRunner.run(echo(port, "--tls", "--tls-ca", certificates.ca().toString(),
                    identity[0], identity[1], identity[2], identity[3]));
            CommandRunner.Run untrusted = CommandRunner.run(echo(port, "--tls", identity[0], identity[1], identity[2],
                    identity[3]));
            CommandRunner.Run halfIdentity = CommandRunner.run(echo(port, "--tls", identity[0], identity[1]));

            assertThat(tls.exitCode()).as(tls.err()).isZero();
            assertThat(tls.out()).startsWith("C-ECHO STORESCP@127.0.0.1:" + port + " (TLS): success");
            assertThat(untrusted.exitCode()).isEqualTo(1);
            assertThat(untrusted.err()).contains("cannot connect to STORESCP@127.0.0.1:" + port + " (TLS)");
            assertThat(halfIdentity.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
            assertThat(halfIdentity.err()).contains("--tls-key and --tls-cert go together");
        } finally {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String[] echo(int port, String... options) {
        List<String> arguments = new ArrayList<>(List.of("echo", "--aec", "STORESCP"));
        arguments.addAll(List.of(options));
        arguments.addAll(List.of("127.0.0.1", Integer.toString(port)));
        return arguments.toArray(String[]::new);
    }

    @Test
    void echoesStorescp() throws Exception {
        int port = TestPeers.freePort();
        ProcessBuilder builder = new ProcessBuilder(TestPeers.require(TestPeers.STORESCP).toString(),
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TCP_NODELAY", "1");
        Process storescp = builder.start();
        try {
            awaitListening(port, storescp);

            CommandRunner.Run run = CommandRunner.run("echo", "--aet", "ECHOTEST", "--aec", "STORESCP", "127.0.0.1",
                    Integer.toString(port));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("C-ECHO STORESCP@127.0.0.1:" + port + ": success");
        } finally {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void saysWhyARejectedAssociationFailed() throws Exception {
        AcceptancePolicy defaults = AcceptancePolicy.defaults();
        AcceptancePolicy strict = new AcceptancePolicy(defaults.aeTitle(), true, defaults.aeRules(), defaults.sopClasses(),
                defaults.preferredTransferSyntaxes(), defaults.acceptedTransferSyntaxes(), defaults.maxPduLength(),
                defaults.maxAssociations());
        try (DimseServer server = server(strict)) {
            CommandRunner.Run run = CommandRunner.run("echo", "127.0.0.1", Integer.toString(server.port()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo("pacslite echo: association rejected by ANY-SCP@127.0.0.1:" + server.port()
                    + ": rejected-permanent, source service-user, reason called-ae-title-not-recognized"
                    + System.lineSeparator());
        }
    }

    @Test
    void saysWhenNothingListens() throws Exception {
        int port = TestPeers.freePort();

        CommandRunner.Run run = CommandRunner.run("echo", "--timeout", "5", "127.0.0.1", Integer.toString(port));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("pacslite echo: cannot connect to ANY-SCP@127.0.0.1:" + port + ": ")
                .hasLineCount(1);
    }

    @Test
    void refusesAnInvalidAeTitle() {
        CommandRunner.Run run = CommandRunner.run("echo", "--aec", "MUCH-TOO-LONG-AE-TITLE", "127.0.0.1", "104");

        assertThat(run.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("AE title must be 1 to 16 characters");
    }

    private static DimseServer server(AcceptancePolicy policy) throws Exception {
        return DimseServer.start(new InetSocketAddress("127.0.0.1", 0), policy, DimseServices.verificationOnly(),
                Timeouts.defaults());
    }

    static void awaitListening(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("nothing listens on port " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }
}
