package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.Priority;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.junit.jupiter.params.provider.ValueSource;

/** C-STORE SCP into a real archive: dcmtk's storescu, and a raw peer that aborts mid data set. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DimseServerStoreTest {

    private static final String SOP_PREFIX = "1.2.826.0.1.3680043.10.1234.1.1.";

    @TempDir
    Path root;
    @TempDir
    Path files;
    private Archive archive;
    private DimseServer server;

    @BeforeEach
    void start() throws Exception {
        archive = Archive.open(root, ArchiveConfig.DEFAULTS);
        server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), AcceptancePolicy.defaults(),
                DimseServices.archive(archive), Timeouts.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        archive.close();
    }

    @Test
    void storesTheDataSetAsSent() throws Exception {
        String sop = SOP_PREFIX + "1";
        Path file = Instances.write(files.resolve("one.dcm"), sop, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Storescu.Result result = Storescu.run(server.port(), List.of("-xe"), file);

        assertThat(result.exitCode()).as(result.output()).isZero();
        Path stored = storedFile(sop);
        assertThat(Instances.transferSyntaxOf(stored)).isEqualTo(UID.ExplicitVRLittleEndian);
        assertThat(Instances.datasetBytes(stored)).isEqualTo(Instances.datasetBytes(file));
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
        assertThat(archive.index().stats().instances()).isEqualTo(50);
        for (int i = 0; i < many.length; i++) {
            assertThat(archive.index().find(SOP_PREFIX + (100 + i))).isNotNull();
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
        Path stored = storedFile(sop);
        assertThat(Instances.transferSyntaxOf(stored)).isEqualTo(expected.uid());
        assertThat(Instances.datasetBytes(stored)).isEqualTo(Instances.encoded(sop, expected));
    }

    @Test
    void reportsAFailureStatusAndKeepsServing() throws Exception {
        Path bad = Instances.write(files.resolve("bad.dcm"), "1.2.03", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        String good = SOP_PREFIX + "3";
        Path file = Instances.write(files.resolve("good.dcm"), good, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Storescu.Result failed = Storescu.run(server.port(), List.of("-d"), bad);
        Storescu.Result stored = Storescu.run(server.port(), List.of(), file);

        assertThat(failed.output()).containsPattern("DIMSE Status\\s*: 0xa900")
                .containsPattern("\\(0000,0902\\) LO \\[SOP Instance UID .*\"1\\.2\\.03\"");
        assertThat(archive.index().find("1.2.03")).isNull();
        assertThat(archive.index().stats().instances()).isEqualTo(1);
        assertThat(stored.exitCode()).as(stored.output()).isZero();
        assertThat(archive.index().find(good)).isNotNull();
    }

    @ParameterizedTest(name = "sends A-ABORT first: {0}")
    @ValueSource(booleans = {false, true})
    void leavesNothingWhenThePeerAbortsMidDataSet(boolean sendsAbort) throws Exception {
        String sop = SOP_PREFIX + "4";
        try (RawPeer peer = associateForCt()) {
            sendCommandAndHalfTheDataSet(peer, sop);
            if (sendsAbort) {
                peer.send(Abort.byServiceUser());
            }
        }

        assertNothingStoredAndStillServing(sop);
    }

    @Test
    void abortsOnACommandFragmentInsideTheDataSet() throws Exception {
        String sop = SOP_PREFIX + "6";
        try (RawPeer peer = associateForCt()) {
            sendCommandAndHalfTheDataSet(peer, sop);
            peer.send(new PDataTf(List.of(new PresentationDataValue(1, true, true, Bytes.of(storeCommand(sop))))));

            assertThat(peer.read()).contains(Abort.byServiceUser());
        }

        assertNothingStoredAndStillServing(sop);
    }

    private RawPeer associateForCt() throws IOException {
        RawPeer peer = new RawPeer(server.port());
        peer.send(new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "RAWSCU",
                AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, UID.CTImageStorage, List.of(UID.ImplicitVRLittleEndian))),
                UserInformation.of(new MaximumLength(16384))));
        assertThat(peer.read()).get().isInstanceOf(AssociateAc.class);
        return peer;
    }

    private static byte[] storeCommand(String sop) {
        return CommandCodec.encode(new CStoreRq(1, UID.CTImageStorage, sop, Priority.MEDIUM));
    }

    /** The C-STORE-RQ, then the first half of its data set in 256-byte fragments, none marked last. */
    private static void sendCommandAndHalfTheDataSet(RawPeer peer, String sop) throws IOException {
        byte[] dataset = Instances.encoded(sop, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        peer.send(new PDataTf(List.of(new PresentationDataValue(1, true, true, Bytes.of(storeCommand(sop))))));
        int half = dataset.length / 2;
        for (int start = 0; start < half; start += 256) {
            peer.send(new PDataTf(List.of(new PresentationDataValue(1, false, false,
                    Bytes.of(Arrays.copyOfRange(dataset, start, Math.min(half, start + 256)))))));
        }
    }

    private void assertNothingStoredAndStillServing(String sop) throws Exception {
        awaitNoAssociations();
        assertThat(archive.index().find(sop)).isNull();
        assertThat(archive.index().stats().instances()).isZero();
        assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
        assertThat(filesUnder(root.resolve("data"))).isEmpty();
        String good = SOP_PREFIX + "5";
        Path file = Instances.write(files.resolve("after.dcm"), good, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Storescu.Result result = Storescu.run(server.port(), List.of(), file);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(archive.index().find(good)).isNotNull();
    }

    private Path storedFile(String sop) {
        StoredInstance instance = archive.index().find(sop);
        assertThat(instance).as("instance %s in the index", sop).isNotNull();
        return archive.blobs().pathOf(instance.fileKey());
    }

    private void awaitNoAssociations() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.activeAssociations() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.activeAssociations()).isZero();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
