package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.Coercions;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import io.pacslite.dimse.testing.Dcmtk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C-STORE SCP into a real archive with dcmtk's storescu: what arrives is stored as sent, or as an
 * ingest coercion rule changes it. Bad input is in {@link DimseServerBadInputTest}, the pydicom
 * corpus in {@link DimseServerCorpusInteropTest}, many instances in {@link DimseServerLoadTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DimseServerStoreTest {

    private static final String SOP_PREFIX = "1.2.826.0.1.3680043.10.1234.1.1.";

    @TempDir
    Path root;
    @TempDir
    Path files;
    private ArchiveServer server;

    @BeforeEach
    void start() throws Exception {
        server = ArchiveServer.start(root);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void storesTheDataSetAsSent() throws Exception {
        String sop = SOP_PREFIX + "1";
        Path file = Instances.write(files.resolve("one.dcm"), sop, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Storescu.Result result = Storescu.run(server.port(), List.of("-xe"), file);

        assertThat(result.exitCode()).as(result.output()).isZero();
        Path stored = server.storedFile(sop);
        assertThat(Instances.transferSyntaxOf(stored)).isEqualTo(UID.ExplicitVRLittleEndian);
        assertThat(datasetBytes(stored)).isEqualTo(datasetBytes(file));
    }

    @Test
    void storesFiftyInstancesInOneAssociation() throws Exception {
        Path[] many = new Path[50];
        for (int i = 0; i < many.length; i++) {
            many[i] = Instances.write(files.resolve(i + ".dcm"), SOP_PREFIX + (100 + i),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        }

        Storescu.Result result = Storescu.run(server.port(), List.of(), many);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(server.archive().index().stats().instances()).isEqualTo(50);
        for (int i = 0; i < many.length; i++) {
            assertThat(server.archive().index().find(SOP_PREFIX + (100 + i))).isNotNull();
        }
    }

    static Stream<Arguments> syntaxes() {
        return Stream.of(
                Arguments.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "-xi", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
                Arguments.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, "-xi", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
                Arguments.of(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, "-xb", TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
    }

    @ParameterizedTest
    @MethodSource("syntaxes")
    void storesInTheNegotiatedTransferSyntax(TransferSyntax fileSyntax, String option, TransferSyntax expected)
            throws Exception {
        String sop = SOP_PREFIX + "2";
        Path file = Instances.write(files.resolve("syntax.dcm"), sop, fileSyntax);

        Storescu.Result result = Storescu.run(server.port(), List.of(option), file);

        assertThat(result.exitCode()).as(result.output()).isZero();
        Path stored = server.storedFile(sop);
        assertThat(Instances.transferSyntaxOf(stored)).isEqualTo(expected.uid());
        assertThat(datasetBytes(stored)).isEqualTo(Instances.encoded(sop, expected));
    }

    /** The per-association INFO line: who, what was agreed, what came (stored / failed), how long, how it ended. */
    @Test
    void logsOneLinePerAssociationWithTheInstancesStoredAndFailed() throws Exception {
        String good = SOP_PREFIX + "3";
        byte[] goodDataSet = Instances.encoded(good, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        byte[] otherInstance = Instances.encoded(SOP_PREFIX + "4", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // slf4j-simple writes to whatever System.err is at the time
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            try (RawPeer peer = new RawPeer(server.port())) {
                peer.associate(RawPeer.ctStorageRequest());
                peer.sendStoreCommand(UID.CTImageStorage, good);
                peer.sendDataSet(goodDataSet, goodDataSet.length, 1024, true);
                assertThat(((CStoreRsp) peer.readResponse()).status()).isEqualTo(Status.SUCCESS);
                peer.sendStoreCommand(UID.CTImageStorage, SOP_PREFIX + "5");
                peer.sendDataSet(otherInstance, otherInstance.length, 1024, true);
                assertThat(((CStoreRsp) peer.readResponse()).status()).isEqualTo(Status.CANNOT_UNDERSTAND);
                peer.send(new ReleaseRq());
                assertThat(peer.read()).contains(new ReleaseRp());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!log.toString(StandardCharsets.UTF_8).contains("association from RAWSCU")
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            System.setErr(stderr);
        }

        assertThat(log.toString(StandardCharsets.UTF_8)).containsPattern(
                "INFO io.pacslite.dimse.net.AcceptorAssociation - association from RAWSCU \\(user -\\) at /127\\.0\\.0\\.1:\\d+ "
                + "to PACSLITE: contexts accepted 1 of 1, instances received 2 \\(stored 1, failed 1\\), "
                + "C-FIND 0, C-GET 0, C-MOVE 0, \\d+ ms, released\\R");
    }

    /** An ingest coercion rule for the calling AE title: dcmdump shows the change and the old value kept. */
    @Test
    void setsTheIssuerForTheCallingAeKeepsTheOldValueAndTakesAResendAsSuccess() throws Exception {
        server.close();
        server = ArchiveServer.start(root, ArchiveConfig.DEFAULTS.withCoercions(
                Coercions.parse(List.of("CT01 issuer=HOSP-A", "MR01 issuer=HOSP-B"))), Timeouts.defaults());
        String coerced = SOP_PREFIX + "77";
        Path file = Instances.write(files.resolve("ct.dcm"), coerced, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Storescu.Result first = Storescu.run(server.port(), List.of("-xe", "-aet", "CT01"), file);

        assertThat(first.exitCode()).as(first.output()).isZero();
        Path stored = server.storedFile(coerced);
        byte[] storedBytes = Files.readAllBytes(stored);
        String dump = dcmdump(stored);
        assertThat(dump).contains("(0010,0021) LO [HOSP-A]").contains("(0400,0561) SQ")
                .contains("(0400,0563) LO [PACS-lite]").contains("(0400,0564) LO [CT01]")
                .contains("(0400,0565) CS [COERCE]")
                .containsPattern("\\(0400,0562\\) DT \\[\\d{14}\\.\\d{6}\\+0000\\]");

        Storescu.Result resend = Storescu.run(server.port(), List.of("-xe", "-aet", "CT01"), file);

        assertThat(resend.exitCode()).as(resend.output()).isZero();
        assertThat(resend.output()).contains("Received Store Response (Success)").doesNotContain("Warning");
        assertThat(Files.readAllBytes(server.storedFile(coerced))).isEqualTo(storedBytes);
        assertThat(server.archive().index().stats().instances()).isEqualTo(1);
    }

    private static String dcmdump(Path file) throws Exception {
        Process dcmdump = new ProcessBuilder(Dcmtk.require("dcmdump").toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(dcmdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dcmdump.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dcmdump.exitValue()).as(output).isZero();
        return output;
    }
}
