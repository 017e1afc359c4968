package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.message.CEchoRq;
import io.pacslite.dimse.message.CEchoRsp;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.PresentationDataValue;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Command sets sent by hand: fragment reassembly, the service's status, commands without a service. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DimseServerCommandTest {

    private DimseServer server;

    @BeforeEach
    void start() throws Exception {
        server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), AcceptancePolicy.defaults(),
                association -> association.callingAeTitle().equals("RAWSCU") ? Status.PROCESSING_FAILURE
                        : Status.SUCCESS, new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void joinsCommandFragmentsAndAnswersWithTheServicesStatus() throws Exception {
        byte[] command = CommandCodec.encode(new CEchoRq(7, UID.Verification));
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            peer.send(new PDataTf(List.of(fragment(Arrays.copyOfRange(command, 0, 10), false))));
            peer.send(new PDataTf(List.of(fragment(Arrays.copyOfRange(command, 10, command.length), true))));

            PresentationDataValue answer = ((PDataTf) peer.read().orElseThrow()).values().getFirst();
            assertThat(answer.command()).isTrue();
            assertThat(answer.lastFragment()).isTrue();
            assertThat(CommandCodec.decode(answer.fragment().toByteArray()))
                    .isEqualTo(new CEchoRsp(7, UID.Verification, Status.PROCESSING_FAILURE));
        }
    }

    @Test
    void abortsCommandWithoutService() throws Exception {
        byte[] command = CommandCodec.encode(
                new CStoreRsp(1, UID.Verification, "1.2.3", Status.SUCCESS, null));
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            peer.send(new PDataTf(List.of(fragment(command, true))));

            assertThat(peer.read()).contains(Abort.byServiceUser());
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    private static PresentationDataValue fragment(byte[] bytes, boolean last) {
        return new PresentationDataValue(1, true, last, Bytes.of(bytes));
    }
}
