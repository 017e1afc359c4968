package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.association.UserIdentities;
import io.pacslite.testing.QueryStudies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A {@link DimseServer} on loopback storing into a real {@link Archive} in a test's folder,
 * with what the tests ask of it afterwards: the stored file of an instance, that nothing was
 * left behind (no row, no file, no temp file), and that it still takes a good instance.
 */
final class ArchiveServer implements AutoCloseable {

    private static final String GOOD_SOP_PREFIX = "1.2.826.0.1.3680043.10.1234.1.1.9999.";

    private final Path root;
    private final Archive archive;
    private final DimseServer server;
    private final AeTable aeTable;
    private int goodInstances;

    private ArchiveServer(Path root, Archive archive, DimseServer server, AeTable aeTable) {
        this.root = root;
        this.archive = archive;
        this.server = server;
        this.aeTable = aeTable;
    }

    /** An archive in {@code root} with {@code config}, served with the default policy and {@code timeouts}. */
    static ArchiveServer start(Path root, ArchiveConfig config, Timeouts timeouts) throws IOException {
        return start(root, config, timeouts, AeTable.none(), AcceptancePolicy.defaults());
    }

    /** The default archive configuration and timeouts, C-MOVE sending to the destinations of {@code aeTable}. */
    static ArchiveServer start(Path root, AeTable aeTable) throws IOException {
        return start(root, ArchiveConfig.DEFAULTS, Timeouts.defaults(), aeTable, AcceptancePolicy.defaults());
    }

    /** As {@link #start(Path, AeTable)}, accepting associations as {@code policy} says. */
    static ArchiveServer start(Path root, AeTable aeTable, AcceptancePolicy policy) throws IOException {
        return start(root, ArchiveConfig.DEFAULTS, Timeouts.defaults(), aeTable, policy);
    }

    /** As {@link #start(Path, AeTable, AcceptancePolicy)}, checking user identities as {@code identities} of the archive says. */
    static ArchiveServer start(Path root, AcceptancePolicy policy, Function<Archive, UserIdentities> identities)
            throws IOException {
        return start(root, ArchiveConfig.DEFAULTS, Timeouts.defaults(), AeTable.none(), policy, identities,
                Duration.ZERO);
    }

    private static ArchiveServer start(Path root, ArchiveConfig config, Timeouts timeouts, AeTable aeTable,
            AcceptancePolicy policy) throws IOException {
        return start(root, config, timeouts, aeTable, policy, archive -> UserIdentities.none(), Duration.ZERO);
    }

    /**
     * As {@link #start(Path, AeTable)}, with pending C-GET and C-MOVE responses at most every
     * {@code pendingInterval}; the other ways of starting send one after every sub-operation,
     * which tests count.
     */
    static ArchiveServer start(Path root, AeTable aeTable, Duration pendingInterval) throws IOException {
        return start(root, ArchiveConfig.DEFAULTS, Timeouts.defaults(), aeTable, AcceptancePolicy.defaults(),
                archive -> UserIdentities.none(), pendingInterval);
    }

    private static ArchiveServer start(Path root, ArchiveConfig config, Timeouts timeouts, AeTable aeTable,
            AcceptancePolicy policy, Function<Archive, UserIdentities> identities, Duration pendingInterval)
            throws IOException {
        Archive archive = Archive.open(root, config);
        try {
            DimseServices services = DimseServices.archive(archive, aeTable, null, pendingInterval);
            return new ArchiveServer(root, archive, DimseServer.start(new InetSocketAddress("127.0.0.1", 0),
                    policy, identities.apply(archive), services, timeouts), aeTable);
        } catch (IOException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    /** The default archive configuration and timeouts. */
    static ArchiveServer start(Path root) throws IOException {
        return start(root, ArchiveConfig.DEFAULTS, Timeouts.defaults());
    }

    int port() {
        return server.port();
    }

    Archive archive() {
        return archive;
    }

    /** The Move Destinations of C-MOVE. */
    AeTable aeTable() {
        return aeTable;
    }

    /**
     * {@code files} hold exactly {@code sopInstanceUids}, each data set byte for byte as the
     * archive stored it (a retrieve sends the stored bytes).
     */
    void assertHoldAsStored(List<Path> files, String... sopInstanceUids) throws IOException {
        List<String> uids = new ArrayList<>();
        for (Path file : files) {
            String sop;
            try (DicomReader reader = DicomReader.open(file)) {
                sop = reader.readFile().dataset().getString(Tag.SOPInstanceUID);
            }
            uids.add(sop);
            assertThat(datasetBytes(file)).as(sop).isEqualTo(datasetBytes(storedFile(sop)));
        }
        assertThat(uids).containsExactlyInAnyOrder(sopInstanceUids);
    }

    /**
     * Stores {@link QueryStudies} through the archive's ingest path: the generated studies and
     * pydicom's files with names in many character sets (needs pydicom's data).
     */
    ArchiveServer withQueryStudies() {
        for (byte[] file : QueryStudies.files()) {
            StoreResult result = archive.store(new ByteArrayInputStream(file), StoreContext.partTen("fixture"));
            assertThat(result.reason()).as(result.toString()).isEqualTo(StoreReason.STORED);
        }
        return this;
    }

    /** The file the index names for {@code sop}; fails if the index has no such instance. */
    Path storedFile(String sop) {
        StoredInstance instance = archive.index().find(sop);
        assertThat(instance).as("instance %s in the index", sop).isNotNull();
        Path file = archive.blobs().pathOf(instance.fileKey());
        assertThat(file).as("the file of %s", sop).isRegularFile();
        return file;
    }

    /** Waits (at most 10 s) until the server has noticed every association end, on its own threads. */
    void awaitNoAssociations() throws InterruptedException {
        awaitNoAssociations(server);
    }

    static void awaitNoAssociations(DimseServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.activeAssociations() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.activeAssociations()).isZero();
    }

    /** Once every association has ended: not one index row, stored file or temp file. */
    void assertNothingStored() throws Exception {
        awaitNoAssociations();
        assertThat(archive.index().stats().instances()).isZero();
        assertThat(filesUnder("data")).as("stored files").isEmpty();
        assertThat(filesUnder("tmp")).as("temp files").isEmpty();
    }

    /** Sends a new good CT instance with storescu (in its own association) and checks it is stored. */
    void assertStillStores(Path scratch) throws Exception {
        String sop = GOOD_SOP_PREFIX + (++goodInstances);
        Path file = Instances.write(scratch.resolve("good-" + goodInstances + ".dcm"), sop,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Storescu.Result result = Storescu.run(port(), List.of(), file);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(datasetBytes(storedFile(sop))).isEqualTo(datasetBytes(file));
    }

    /** The regular files under {@code folder} of the archive root ("data", "tmp"). */
    List<Path> filesUnder(String folder) throws IOException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    /** Stops the DIMSE server gracefully ({@link DimseServer#close(Duration)}); the archive stays open. */
    void stopServing(Duration grace) throws IOException {
        server.close(grace);
    }

    /** Whether the server still accepts connections. */
    boolean accepting() {
        try (Socket probe = new Socket("127.0.0.1", port())) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            archive.close();
        }
    }

    /**
     * Stops the server, so that every association has ended and its events are recorded, and
     * the archive, so that they are written; then reads the audit trail back from the index, in
     * order, checking that its hash chain holds.
     */
    List<AuditEvent> closeAndReadAuditTrail() throws IOException {
        close();
        List<AuditEvent> events = new ArrayList<>();
        try (Archive reopened = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            assertThat(reopened.audit().verify().intact()).isTrue();
            reopened.index().auditEvents().search(new AuditQuery(null, null, null), row -> events.add(row.event()));
        }
        return events;
    }
}
