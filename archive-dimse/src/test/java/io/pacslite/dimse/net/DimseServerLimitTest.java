package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dimse.association.AcceptancePolicy;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The association limit of {@link AcceptancePolicy#maxAssociations()} over real sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DimseServerLimitTest {

    @Test
    void rejectsAssociationsBeyondTheLimitUntilOneEnds() throws Exception {
        AcceptancePolicy defaults = AcceptancePolicy.defaults();
        AcceptancePolicy oneAtATime = new AcceptancePolicy(defaults.aeTitle(), false,
                defaults.aeRules(), defaults.sopClasses(), defaults.preferredTransferSyntaxes(),
                defaults.acceptedTransferSyntaxes(), defaults.maxPduLength(), 1);
        try (DimseServer server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), oneAtATime,
                DimseServices.verificationOnly(), Timeouts.defaults())) {
            Echoscu.Result refused;
            try (RawPeer holder = new RawPeer(server.port())) {
                holder.associate();
                assertThat(server.activeAssociations()).isEqualTo(1);

                refused = Echoscu.run(server.port(), "PACSLITE", "-v");
            }
            ArchiveServer.awaitNoAssociations(server);
            Echoscu.Result accepted = Echoscu.run(server.port(), "PACSLITE");

            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("Association Rejected").contains("Transient")
                    .contains("Local Limit Exceeded");
            assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        }
    }
}
