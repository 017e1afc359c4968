package io.pacslite.dimse.pdu;

import io.pacslite.dimse.testing.Dcmtk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reads real A-ASSOCIATE-RQs from dcmtk's echoscu and answers them with an A-ASSOCIATE-RJ. */
class EchoscuInteropTest {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final String IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";

    @Test
    void decodesEchoscusDefaultAssociateRq() throws Exception {
        AssociateRq rq = captureAndReject();

        assertThat(rq.calledAeTitle()).isEqualTo("PACSLITE");
        assertThat(rq.callingAeTitle()).isEqualTo("TESTSCU");
        assertThat(rq.protocolVersion()).isEqualTo(AssociateRq.PROTOCOL_VERSION_1);
        assertThat(rq.applicationContextName()).isEqualTo(AssociateRq.DICOM_APPLICATION_CONTEXT);
        assertThat(rq.presentationContexts())
                .containsExactly(new PresentationContextRq(1, VERIFICATION, List.of(IMPLICIT_LITTLE_ENDIAN)));
        assertThat(rq.userInformation().maximumLength()).hasValue(16384);
        assertThat(rq.userInformation().implementationClassUid())
                .hasValueSatisfying(uid -> assertThat(uid).startsWith("1.2.276.0.7230010.3"));
        assertThat(rq.userInformation().implementationVersionName())
                .hasValueSatisfying(name -> assertThat(name).startsWith("OFFIS_DCMTK"));
    }

    @Test
    void decodesEchoscusAssociateRqWithSeveralContextsAndTransferSyntaxes() throws Exception {
        AssociateRq rq = captureAndReject("--propose-pc", "3", "--propose-ts", "3", "--max-pdu", "32768");

        assertThat(rq.presentationContexts()).extracting(PresentationContextRq::id).containsExactly(1, 3, 5);
        assertThat(rq.presentationContexts()).allSatisfy(context -> {
            assertThat(context.abstractSyntax()).isEqualTo(VERIFICATION);
            assertThat(context.transferSyntaxes()).containsExactlyInAnyOrder(
                    IMPLICIT_LITTLE_ENDIAN, "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2");
        });
        assertThat(rq.userInformation().maximumLength()).hasValue(32768);
    }

    /**
     * Runs echoscu against a one-shot listener, decodes what it sends first, answers with an
     * A-ASSOCIATE-RJ and checks echoscu reports the rejection.
     */
    private static AssociateRq captureAndReject(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Dcmtk.require("echoscu").toString(),
                "-aet", "TESTSCU", "-aec", "PACSLITE"));
        command.addAll(List.of(options));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(TIMEOUT_MILLIS);
            command.addAll(List.of("127.0.0.1", Integer.toString(server.getLocalPort())));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                Pdu received;
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    InputStream in = socket.getInputStream();
                    received = new PduReader(in, 64 * 1024).read().orElseThrow();
                    OutputStream out = socket.getOutputStream();
                    out.write(PduCodec.encode(new AssociateRj(
                            AssociateRj.Result.REJECTED_PERMANENT, AssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED)));
                    out.flush();
                    in.readAllBytes(); // until echoscu closes, so it reads the RJ rather than a reset
                }
                assertThat(process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).as("echoscu finished").isTrue();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(process.exitValue()).as("echoscu exit code; output:%n%s", output).isNotZero();
                assertThat(output).contains("Association Rejected");
                assertThat(received).isInstanceOf(AssociateRq.class);
                return (AssociateRq) received;
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
