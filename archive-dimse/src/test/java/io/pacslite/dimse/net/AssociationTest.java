package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.AeRules;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.pdu.AssociateRj;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
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

/** The requestor association against our own acceptor, {@link DimseServer}, storing into a real archive. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AssociationTest {

    private static final String SOP_PREFIX = "1.2.826.0.1.3680043.10.1234.2.1.";
    private static final Duration SHORT = Duration.ofMillis(500);

    @TempDir
    Path root;
    @TempDir
    Path files;
    private Archive archive;
    private final List<DimseServer> servers = new ArrayList<>();

    @BeforeEach
    void openArchive() throws IOException {
        archive = Archive.open(root, ArchiveConfig.DEFAULTS);
    }

    @AfterEach
    void stop() throws Exception {
        for (DimseServer server : servers) {
            server.close();
        }
        archive.close();
    }

    @Test
    void echoesAndReleases() throws Exception {
        DimseServer server = start(AcceptancePolicy.defaults(), DimseServices.verificationOnly());

        try (Association association = Association.open(peer(server, "PACSLITE"), "TESTSCU",
                PresentationContexts.verification(), Timeouts.defaults())) {
            assertThat(association.echo()).isEqualTo(Status.SUCCESS);
            assertThat(association.echo()).isEqualTo(Status.SUCCESS);
            association.release();
            assertThat(association.isEstablished()).isFalse();
        }
        awaitNoAssociations(server);
    }

    @Test
    void abortsAndThePeerLetsGo() throws Exception {
        DimseServer server = start(AcceptancePolicy.defaults(), DimseServices.verificationOnly());
        Association association = Association.open(peer(server, "PACSLITE"), "TESTSCU",
                PresentationContexts.verification(), Timeouts.defaults());

        association.abort();

        assertThat(association.isEstablished()).isFalse();
        awaitNoAssociations(server);
        assertThatThrownBy(association::echo).isInstanceOfSatisfying(AssociationException.class,
                e -> assertThat(e.reason()).isEqualTo(AssociationException.Reason.CLOSED));
    }

    @Test
    void storesSeveralFilesIncludingOneOfManyFragmentsByteForByte() throws Exception {
        DimseServer server = start(AcceptancePolicy.defaults(), DimseServices.archive(archive));
        List<Path> sent = List.of(
                Instances.write(files.resolve("1.dcm"), SOP_PREFIX + 1, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                Instances.write(files.resolve("2.dcm"), SOP_PREFIX + 2, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
                Instances.write(files.resolve("3.dcm"), SOP_PREFIX + 3, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN),
                large(files.resolve("large.dcm"), SOP_PREFIX + 4, 3 * 1024 * 1024));

        try (Association association = Association.open(peer(server, "PACSLITE"), "TESTSCU",
                PresentationContexts.forStorage(requests(sent)), Timeouts.defaults())) {
            assertThat(association.peerMaxPduLength()).isEqualTo(AcceptancePolicy.DEFAULT_MAX_PDU_LENGTH);
            for (StoreRequest request : requests(sent)) {
                CStoreRsp response = association.store(request);
                assertThat(response.status()).as(request.file().toString()).isEqualTo(Status.SUCCESS);
                assertThat(response.affectedSopInstanceUid()).isEqualTo(request.sopInstanceUid());
            }
        }

        for (int i = 0; i < sent.size(); i++) {
            assertThat(datasetBytes(storedFile(SOP_PREFIX + (i + 1))))
                    .isEqualTo(datasetBytes(sent.get(i)));
        }
    }

    static Stream<Arguments> littleEndianPairs() {
        return Stream.of(
                Arguments.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
                Arguments.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                Arguments.of(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
    }

    @ParameterizedTest(name = "{0} to a peer that accepts only {1}")
    @MethodSource("littleEndianPairs")
    void reEncodesIntoALittleEndianSyntax(TransferSyntax fileSyntax, TransferSyntax accepted) throws Exception {
        DimseServer server = start(policy(false, Set.of(accepted.uid())), DimseServices.archive(archive));
        Path file = large(files.resolve("le.dcm"), SOP_PREFIX + 5, 600_000, fileSyntax);

        List<StoreScu.Outcome> outcomes = send(server, List.of(file));

        assertThat(outcomes.getFirst().type()).as(outcomes.getFirst().describe()).isEqualTo(StatusType.SUCCESS);
        Path stored = storedFile(SOP_PREFIX + 5);
        assertThat(Instances.transferSyntaxOf(stored)).isEqualTo(accepted.uid());
        assertThat(datasetBytes(stored)).isEqualTo(encoded(file, accepted));
    }

    @Test
    void reportsAFileNoAcceptedContextFits() throws Exception {
        DimseServer server = start(policy(false, Set.of(UID.ImplicitVRLittleEndian)), DimseServices.archive(archive));
        Path jpeg2000 = Instances.write(files.resolve("j.dcm"), SOP_PREFIX + 6, TransferSyntax.of(UID.JPEG2000MCLossless));
        Path implicit = Instances.write(files.resolve("i.dcm"), SOP_PREFIX + 7, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        List<StoreScu.Outcome> outcomes = send(server, List.of(jpeg2000, implicit));

        assertThat(outcomes.get(0).type()).isEqualTo(StatusType.FAILURE);
        assertThat(outcomes.get(0).describe()).contains("accepted no presentation context for CT Image Storage")
                .contains("in JPEG 2000").contains("transfer-syntaxes-not-supported");
        assertThat(archive.index().find(SOP_PREFIX + 6)).isNull();
        assertThat(outcomes.get(1).type()).as("the association went on").isEqualTo(StatusType.SUCCESS);
    }

    @Test
    void reportsTheFailureStatusAndErrorCommentAndGoesOn() throws Exception {
        DimseServer server = start(AcceptancePolicy.defaults(), DimseServices.archive(archive));
        Path bad = Instances.write(files.resolve("bad.dcm"), "1.2.03", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path good = Instances.write(files.resolve("good.dcm"), SOP_PREFIX + 7, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        List<StoreScu.Outcome> outcomes = send(server, List.of(bad, good));

        assertThat(outcomes.get(0).response().status()).isEqualTo(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(outcomes.get(0).response().errorComment()).contains("1.2.03");
        assertThat(outcomes.get(1).type()).isEqualTo(StatusType.SUCCESS);
        assertThat(archive.index().find(SOP_PREFIX + 7)).isNotNull();
    }

    @Test
    void sendsOverParallelAssociations() throws Exception {
        DimseServer server = start(AcceptancePolicy.defaults(), DimseServices.archive(archive));
        List<Path> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(Instances.write(files.resolve(i + ".dcm"), SOP_PREFIX + (100 + i),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        }
        List<StoreScu.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

        new StoreScu(peer(server, "PACSLITE"), "TESTSCU", Timeouts.defaults()).send(requests(sent), 3, outcomes::add);

        assertThat(outcomes).hasSize(12).allMatch(outcome -> outcome.type() == StatusType.SUCCESS);
        assertThat(archive.index().stats().instances()).isEqualTo(12);
    }

    @Test
    void rejectionNamesResultSourceAndReason() throws Exception {
        DimseServer server = start(policy(true, AcceptancePolicy.defaultTransferSyntaxes()),
                DimseServices.verificationOnly());

        assertThatThrownBy(() -> Association.open(peer(server, "SOMEONE"), "TESTSCU",
                PresentationContexts.verification(), Timeouts.defaults()))
                .isInstanceOfSatisfying(AssociationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AssociationException.Reason.REJECTED);
                    assertThat(e.rejection()).get().extracting(AssociateRj::reason)
                            .isEqualTo(AssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED);
                })
                .hasMessageContaining("rejected-permanent").hasMessageContaining("source service-user")
                .hasMessageContaining("reason called-ae-title-not-recognized");
    }

    @Test
    void abortsWhenTheResponseDoesNotComeInTime() throws Exception {
        DimseServices slow = new DimseServices() {
            @Override
            public Status echo(AssociationInfo association) {
                return Status.SUCCESS;
            }

            @Override
            public CStoreRsp store(AssociationInfo association, CStoreRq request, TransferSyntax syntax,
                    InputStream dataset) {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CStoreRsp.answering(request, Status.SUCCESS);
            }
        };
        DimseServer server = start(AcceptancePolicy.defaults(), slow);
        Path file = Instances.write(files.resolve("slow.dcm"), SOP_PREFIX + 8, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Timeouts impatient = new Timeouts(Timeouts.DEFAULT_ARTIM, Timeouts.DEFAULT_IDLE, Timeouts.DEFAULT_CONNECT, SHORT);

        try (Association association = Association.open(peer(server, "PACSLITE"), "TESTSCU",
                PresentationContexts.forStorage(requests(List.of(file))), impatient)) {
            assertThatThrownBy(() -> association.store(StoreRequest.of(file)))
                    .isInstanceOfSatisfying(AssociationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AssociationException.Reason.TIMEOUT))
                    .hasMessageContaining("no C-STORE-RSP").hasMessageContaining("association aborted");
            assertThat(association.isEstablished()).isFalse();
        }
    }

    @Test
    void saysWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> Association.open(new RemoteAe("127.0.0.1", port, "ANY-SCP"), "TESTSCU",
                PresentationContexts.verification(), Timeouts.defaults()))
                .isInstanceOfSatisfying(AssociationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AssociationException.Reason.CONNECT_FAILED))
                .hasMessageContaining("cannot connect to ANY-SCP@127.0.0.1:" + port);
    }

    @Test
    void splitsRequestsIntoAssociationsOfAtMost128Contexts() throws Exception {
        Path file = Instances.write(files.resolve("x.dcm"), SOP_PREFIX + 9, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        StoreRequest template = StoreRequest.of(file);
        List<StoreRequest> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new StoreRequest(file, "1.2.3.4." + i, SOP_PREFIX + i, template.transferSyntax(),
                    template.datasetStart()));
        }

        List<List<StoreRequest>> batches = PresentationContexts.batches(many);

        // each SOP class needs its exact context and one proposing both little-endian syntaxes
        assertThat(batches).extracting(List::size).containsExactly(64, 36);
        assertThat(PresentationContexts.forStorage(batches.get(0))).hasSize(128);
    }

    private DimseServer start(AcceptancePolicy policy, DimseServices services) throws IOException {
        DimseServer server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), policy, services,
                Timeouts.defaults());
        servers.add(server);
        return server;
    }

    private static RemoteAe peer(DimseServer server, String calledAeTitle) {
        return new RemoteAe("127.0.0.1", server.port(), calledAeTitle);
    }

    private static List<StoreScu.Outcome> send(DimseServer server, List<Path> paths) throws IOException {
        List<StoreScu.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        new StoreScu(peer(server, "PACSLITE"), "TESTSCU", Timeouts.defaults()).send(requests(paths), 1, outcomes::add);
        return outcomes;
    }

    /** The data set of {@code file} as the toolkit encodes it in {@code syntax}. */
    private static byte[] encoded(Path file, TransferSyntax syntax) throws IOException {
        Attributes dataset;
        try (DicomReader reader = DicomReader.open(file)) {
            dataset = reader.readFile().dataset();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DicomWriter(bytes).writeDataset(dataset, syntax);
        return bytes.toByteArray();
    }

    private static AcceptancePolicy policy(boolean requireCalledAeTitle, Set<String> transferSyntaxes) {
        AcceptancePolicy defaults = AcceptancePolicy.defaults();
        return new AcceptancePolicy(defaults.aeTitle(), requireCalledAeTitle, AeRules.open(), defaults.sopClasses(),
                defaults.preferredTransferSyntaxes().stream().filter(transferSyntaxes::contains).toList(),
                transferSyntaxes, defaults.maxPduLength(), defaults.maxAssociations());
    }

    private static List<StoreRequest> requests(List<Path> paths) throws IOException {
        List<StoreRequest> requests = new ArrayList<>();
        for (Path path : paths) {
            requests.add(StoreRequest.of(path));
        }
        return requests;
    }

    /** A CT instance like {@link Instances#ct} with {@code pixelBytes} of pixel data, Explicit VR Little Endian. */
    static Path large(Path file, String sopInstanceUid, int pixelBytes) throws IOException {
        return large(file, sopInstanceUid, pixelBytes, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /** A CT instance like {@link Instances#ct} with {@code pixelBytes} of pixel data in {@code syntax}. */
    static Path large(Path file, String sopInstanceUid, int pixelBytes, TransferSyntax syntax) throws IOException {
        Attributes dataset = Instances.ct(sopInstanceUid);
        byte[] pixels = new byte[pixelBytes];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7 + i / 4099);
        }
        dataset.set(Tag.PixelData, VR.OW, pixels);
        dataset.setInts(Tag.Rows, VR.US, 1024);
        dataset.setInts(Tag.Columns, VR.US, pixelBytes / 2048);
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(null, DicomWriter.createFileMeta(UID.CTImageStorage, sopInstanceUid,
                    syntax.uid()), dataset);
        }
        return file;
    }

    private Path storedFile(String sop) {
        StoredInstance instance = archive.index().find(sop);
        assertThat(instance).as("instance %s in the index", sop).isNotNull();
        return archive.blobs().pathOf(instance.fileKey());
    }

    private static void awaitNoAssociations(DimseServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.activeAssociations() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.activeAssociations()).isZero();
    }
}
