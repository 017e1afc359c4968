package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dimse.association.AcceptancePolicy;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** dcmtk's echoscu against a real {@link DimseServer}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DimseServerEchoscuTest {

    private DimseServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private DimseServer start(AcceptancePolicy policy) throws Exception {
        server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), policy, DimseServices.verificationOnly(),
                Timeouts.defaults());
        return server;
    }

    @Test
    void answersEchoscu() throws Exception {
        start(AcceptancePolicy.defaults());

        Echoscu.Result result = Echoscu.run(server.port(), "PACSLITE", "-v");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Received Echo Response (Success)").contains("Releasing Association");
    }

    @Test
    void answersTwentyEchoscusInARow() throws Exception {
        start(AcceptancePolicy.defaults());

        for (int i = 0; i < 20; i++) {
            Echoscu.Result result = Echoscu.run(server.port(), "PACSLITE");
            assertThat(result.exitCode()).as("run %d: %s", i, result.output()).isZero();
        }
    }

    @Test
    void answersTenEchoesOnOneAssociation() throws Exception {
        start(AcceptancePolicy.defaults());

        Echoscu.Result result = Echoscu.run(server.port(), "PACSLITE", "-v", "--repeat", "10");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().split("Received Echo Response \\(Success\\)", -1)).hasSize(11);
        assertThat(result.output().split("Association Accepted", -1)).hasSize(2);
    }

    @Test
    void answersEchoscuThatAborts() throws Exception {
        start(AcceptancePolicy.defaults());

        Echoscu.Result aborted = Echoscu.run(server.port(), "PACSLITE", "--abort");

        assertThat(aborted.exitCode()).as(aborted.output()).isZero();
        assertThat(Echoscu.run(server.port(), "PACSLITE").exitCode()).isZero();
    }

    @Test
    void rejectsWrongCalledAeTitleAndKeepsServing() throws Exception {
        AcceptancePolicy defaults = AcceptancePolicy.defaults();
        start(new AcceptancePolicy(defaults.aeTitle(), true, defaults.aeRules(),
                defaults.sopClasses(), defaults.preferredTransferSyntaxes(), defaults.acceptedTransferSyntaxes(),
                defaults.maxPduLength(), defaults.maxAssociations()));

        Echoscu.Result wrong = Echoscu.run(server.port(), "WRONG");
        Echoscu.Result right = Echoscu.run(server.port(), "PACSLITE");

        assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
        assertThat(wrong.output()).contains("Association Rejected").contains("Called AE Title Not Recognized");
        assertThat(right.exitCode()).as(right.output()).isZero();
    }
}
