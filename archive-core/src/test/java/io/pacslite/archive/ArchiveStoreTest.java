package io.pacslite.archive;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.DuplicatePolicy;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.store.StorageKeys;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.Implementation;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one ingest path, through a real archive on disk: what is stored, what is refused, and that refusals leave nothing. */
class ArchiveStoreTest {

    private static final String STUDY = uid("1");
    private static final String SERIES = uid("1", "1");

    @TempDir
    Path root;

    private Archive archive;

    @BeforeEach
    void open() throws IOException {
        archive = Archive.open(root, ArchiveConfig.DEFAULTS);
    }

    @AfterEach
    void close() throws IOException {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void storesAPartTenFileWithItsDataSetBytesUnchangedBehindTheArchivesFileMeta() throws Exception {
        byte[] sent = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "1"), 64, 1),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        StoreResult result = store(sent);

        assertThat(result.reason()).isEqualTo(StoreReason.STORED);
        Path file = archive.blobs().pathOf(StorageKeys.of(STUDY, SERIES, uid("1", "1", "1")));
        byte[] stored = Files.readAllBytes(file);
        assertThat(datasetBytes(stored)).isEqualTo(datasetBytes(sent));
        DicomFile read = read(stored);
        assertThat(read.fileMeta().getString(Tag.ImplementationClassUID)).isEqualTo(Implementation.CLASS_UID);
        assertThat(read.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo(uid("1", "1", "1"));
        StoredInstance row = archive.index().find(uid("1", "1", "1"));
        assertThat(row.size()).isEqualTo(stored.length);
        assertThat(row.sha256()).isEqualTo(sha256(stored));
        assertThat(row.transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(archive.index().stats().instances()).isEqualTo(1);
    }

    @Test
    void storesABareDataSetInTheTransferSyntaxItCameWithAsAFileDcmdumpReads() throws Exception {
        TestPeers.require("dcmdump");
        Attributes instance = ct("P1", STUDY, SERIES, uid("1", "1", "2"), 32, 2);

        StoreResult result = archive.store(new ByteArrayInputStream(
                SyntheticInstances.dataset(instance, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)),
                StoreContext.dataset(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, "MODALITY1", "127.0.0.1"));

        assertThat(result.reason()).isEqualTo(StoreReason.STORED);
        Path file = archive.blobs().pathOf(StorageKeys.of(STUDY, SERIES, uid("1", "1", "2")));
        TestPeers.Result dump = TestPeers.run(List.of("dcmdump", "-q", file.toString()), null);
        assertThat(dump.exitCode()).as(dump.stderr()).isZero();
        assertThat(dump.stdout()).contains("=LittleEndianImplicit").contains("(0010,0020) LO [P1]");
    }

    @Test
    void storesDeflatedInputAsReceived() throws Exception {
        Attributes instance = ct("P1", STUDY, SERIES, uid("1", "1", "3"), 32, 3);
        byte[] sent = SyntheticInstances.partTen(instance, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(store(sent).reason()).isEqualTo(StoreReason.STORED);

        byte[] stored = Files.readAllBytes(archive.blobs().pathOf(StorageKeys.of(STUDY, SERIES, uid("1", "1", "3"))));
        assertThat(datasetBytes(stored)).isEqualTo(datasetBytes(sent));
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(stored))) {
            assertThat(reader.readFile().dataset().getBytes(Tag.PixelData)).isEqualTo(instance.getBytes(Tag.PixelData));
        }
    }

    @Test
    void answersAnIdenticalDuplicateWithSuccessAndChangesNothing() throws Exception {
        byte[] sent = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "4"), 16, 4),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        store(sent);
        String before = archive.index().find(uid("1", "1", "4")).sha256();

        assertThat(store(sent).reason()).isEqualTo(StoreReason.ALREADY_STORED);
        assertThat(archive.index().find(uid("1", "1", "4")).sha256()).isEqualTo(before);
        assertThat(archive.index().stats().instances()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstOfTwoDifferentInstancesWithOneUidAndWarns() throws Exception {
        store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "5"), 16, 5),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        String first = archive.index().find(uid("1", "1", "5")).sha256();

        StoreResult second = store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "5"), 16, 6),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(second.reason()).isEqualTo(StoreReason.DUPLICATE_KEPT_FIRST);
        assertThat(second.reason().dimseStatus()).isEqualTo(0xB000);
        assertThat(archive.index().find(uid("1", "1", "5")).sha256()).isEqualTo(first);
    }

    @Test
    void replacesOrRejectsADifferentDuplicateAsConfigured() throws Exception {
        byte[] first = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "7"), 16, 7),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] second = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "7"), 16, 8),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        store(first);
        reopen(ArchiveConfig.DEFAULTS.withDuplicatePolicy(DuplicatePolicy.REJECT));
        assertThat(store(second).reason()).isEqualTo(StoreReason.DUPLICATE_REJECTED);

        reopen(ArchiveConfig.DEFAULTS.withDuplicatePolicy(DuplicatePolicy.REPLACE));
        assertThat(store(second).reason()).isEqualTo(StoreReason.DUPLICATE_REPLACED);

        Path file = archive.blobs().pathOf(StorageKeys.of(STUDY, SERIES, uid("1", "1", "7")));
        assertThat(datasetBytes(Files.readAllBytes(file))).isEqualTo(datasetBytes(second));
        assertThat(archive.index().find(uid("1", "1", "7")).sha256()).isEqualTo(sha256(Files.readAllBytes(file)));
        assertThat(archive.index().stats().instances()).isEqualTo(1);
    }

    @Test
    void keepsTheFirstOfOneUidSentInAnotherSeriesAndLeavesNoFileOfTheSecond() throws Exception {
        String sop = uid("1", "1", "21");
        String otherSeries = uid("1", "2");
        store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, sop, 16, 21), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        StoredInstance first = archive.index().find(sop);

        StoreResult second = store(SyntheticInstances.partTen(ct("P1", STUDY, otherSeries, sop, 16, 22),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(second.reason()).isEqualTo(StoreReason.DUPLICATE_KEPT_FIRST);
        assertThat(archive.index().find(sop)).isEqualTo(first);
        assertThat(archive.blobs().exists(StorageKeys.of(STUDY, SERIES, sop))).isTrue();
        assertThat(archive.blobs().exists(StorageKeys.of(STUDY, otherSeries, sop))).isFalse();
        assertThat(archive.index().stats().instances()).isEqualTo(1);
    }

    @Test
    void replacesAnInstanceSentAgainInAnotherSeriesByMovingItsFile() throws Exception {
        String sop = uid("1", "1", "23");
        String otherSeries = uid("1", "3");
        store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, sop, 16, 23), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        reopen(ArchiveConfig.DEFAULTS.withDuplicatePolicy(DuplicatePolicy.REPLACE));
        byte[] second = SyntheticInstances.partTen(ct("P1", STUDY, otherSeries, sop, 16, 24),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(store(second).reason()).isEqualTo(StoreReason.DUPLICATE_REPLACED);

        String newKey = StorageKeys.of(STUDY, otherSeries, sop);
        assertThat(archive.index().find(sop).fileKey()).isEqualTo(newKey);
        assertThat(archive.blobs().exists(StorageKeys.of(STUDY, SERIES, sop))).isFalse();
        assertThat(datasetBytes(Files.readAllBytes(archive.blobs().pathOf(newKey)))).isEqualTo(datasetBytes(second));
        assertThat(archive.index().stats().instances()).isEqualTo(1);
    }

    @Test
    void anIdenticalResendRestoresAFileTheArchiveHadLost() throws Exception {
        String sop = uid("1", "1", "25");
        byte[] sent = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, sop, 16, 25),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        store(sent);
        Path file = archive.blobs().pathOf(StorageKeys.of(STUDY, SERIES, sop));
        byte[] stored = Files.readAllBytes(file);
        Files.delete(file);

        assertThat(store(sent).reason()).isEqualTo(StoreReason.ALREADY_STORED);
        assertThat(Files.readAllBytes(file)).isEqualTo(stored);
        assertThat(archive.index().find(sop).sha256()).isEqualTo(sha256(stored));
    }

    @Test
    void aDifferentResendDoesNotTakeTheIndexedKeyOfALostFile() throws Exception {
        String sop = uid("1", "1", "26");
        store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, sop, 16, 26), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        StoredInstance first = archive.index().find(sop);
        Files.delete(archive.blobs().pathOf(first.fileKey()));

        StoreResult second = store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, sop, 16, 27),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(second.reason()).isEqualTo(StoreReason.DUPLICATE_KEPT_FIRST);
        assertThat(archive.index().find(sop)).isEqualTo(first);
        assertThat(archive.blobs().exists(first.fileKey())).isFalse();
    }

    @Test
    void refusesInvalidUidsBeforeTheyTouchAPath() throws Exception {
        StoreResult result = store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, "1.2.3.4/../../../etc", 16, 9),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(result.reason()).isEqualTo(StoreReason.INVALID_UID);
        assertThat(result.detail()).contains("SOP Instance UID").contains("'/' is not a digit or a dot");
        assertNothingStored();
    }

    @Test
    void refusesAnInstanceOfAnotherStudyThanTheExpectedOne() throws Exception {
        byte[] sent = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "15"), 16, 15),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        StoreResult result = archive.store(new ByteArrayInputStream(sent),
                StoreContext.partTen("test").withExpectedStudy(uid("9")));

        assertThat(result.reason()).isEqualTo(StoreReason.STUDY_MISMATCH);
        assertThat(result.detail()).contains(STUDY).contains(uid("9"));
        assertNothingStored();
        assertThat(archive.store(new ByteArrayInputStream(sent), StoreContext.partTen("test").withExpectedStudy(STUDY))
                .reason()).isEqualTo(StoreReason.STORED);
    }

    @Test
    void refusesAnInstanceWithoutASeriesInstanceUid() throws Exception {
        Attributes instance = ct("P1", STUDY, SERIES, uid("1", "1", "10"), 16, 10);
        instance.remove(Tag.SeriesInstanceUID);

        StoreResult result = store(SyntheticInstances.partTen(instance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(result.reason()).isEqualTo(StoreReason.MISSING_ATTRIBUTE);
        assertThat(result.detail()).contains("Series Instance UID (0020,000E)");
        assertNothingStored();
    }

    @Test
    void refusesTruncatedInputAndLeavesNothingBehind() throws Exception {
        byte[] sent = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "11"), 64, 11),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        StoreResult result = store(Arrays.copyOf(sent, sent.length - 1000));

        assertThat(result.reason()).isEqualTo(StoreReason.INVALID_DICOM);
        assertThat(result.detail()).contains("at byte");
        assertNothingStored();
    }

    @Test
    void refusesAnInstanceLargerThanTheLimit() throws Exception {
        reopen(ArchiveConfig.DEFAULTS.withMaxInstanceSize(20_000));

        StoreResult result = store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "12"), 128, 12),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(result.reason()).isEqualTo(StoreReason.TOO_LARGE);
        assertThat(result.reason().httpStatus()).isEqualTo(413);
        assertNothingStored();
    }

    @Test
    void refusesADataSetOfAnotherSopClassThanAnnounced() throws Exception {
        String sop = uid("1", "1", "15");

        StoreResult result = storeAnnounced(ct("P1", STUDY, SERIES, sop, 16, 15), UID.MRImageStorage, sop);

        assertThat(result.reason()).isEqualTo(StoreReason.SOP_CLASS_MISMATCH);
        assertThat(result.reason().dimseStatus()).isEqualTo(0xA900);
        assertThat(result.detail()).startsWith("data set SOP Class UID is not the announced one")
                .contains(UID.CTImageStorage).contains(UID.MRImageStorage);
        assertNothingStored();
    }

    @Test
    void refusesADataSetOfAnotherSopInstanceThanAnnounced() throws Exception {
        StoreResult result = storeAnnounced(ct("P1", STUDY, SERIES, uid("1", "1", "16"), 16, 16),
                UID.CTImageStorage, uid("1", "1", "17"));

        assertThat(result.reason()).isEqualTo(StoreReason.SOP_INSTANCE_MISMATCH);
        assertThat(result.reason().dimseStatus()).isEqualTo(0xC000);
        assertThat(result.detail()).startsWith("data set SOP Instance UID is not the announced one")
                .contains(uid("1", "1", "16")).contains(uid("1", "1", "17"));
        assertNothingStored();
    }

    @Test
    void reportsASenderWhoseStreamBreaksAsReceiveFailedAndKeepsNothing() throws Exception {
        byte[] sent = SyntheticInstances.dataset(ct("P1", STUDY, SERIES, uid("1", "1", "19"), 64, 19),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        InputStream breaking = new SequenceInputStream(new ByteArrayInputStream(sent, 0, sent.length / 2),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("association aborted by peer");
                    }
                });

        StoreResult result = archive.store(breaking,
                StoreContext.dataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "MODALITY1", "127.0.0.1"));

        assertThat(result.reason()).isEqualTo(StoreReason.RECEIVE_FAILED);
        assertThat(result.detail()).isEqualTo("association aborted by peer");
        assertNothingStored();
    }

    @Test
    void storesADataSetThatIsWhatWasAnnounced() throws Exception {
        String sop = uid("1", "1", "18");

        assertThat(storeAnnounced(ct("P1", STUDY, SERIES, sop, 16, 18), UID.CTImageStorage, sop).reason())
                .isEqualTo(StoreReason.STORED);
    }

    @Test
    void refusesAnInstanceThatPutsAStoredStudyUnderAnotherPatient() throws Exception {
        store(SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("1", "1", "13"), 16, 13),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        StoreResult result = store(SyntheticInstances.partTen(ct("P2", STUDY, SERIES, uid("1", "1", "14"), 16, 14),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(result.reason()).isEqualTo(StoreReason.PATIENT_MISMATCH);
        assertThat(result.detail()).as("no patient data in a detail that is logged").doesNotContain("P1", "P2");
        assertThat(archive.blobs().exists(StorageKeys.of(STUDY, SERIES, uid("1", "1", "14")))).isFalse();
        assertThat(archive.index().stats().instances()).isEqualTo(1);
        assertThat(archive.index().stats().patients()).isEqualTo(1);
    }

    private StoreResult store(byte[] bytes) {
        return archive.store(new ByteArrayInputStream(bytes), StoreContext.partTen("test"));
    }

    private StoreResult storeAnnounced(Attributes instance, String sopClassUID, String sopInstanceUID) {
        TransferSyntax syntax = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        return archive.store(new ByteArrayInputStream(SyntheticInstances.dataset(instance, syntax)),
                StoreContext.dataset(syntax, "MODALITY1", "127.0.0.1").announcing(sopClassUID, sopInstanceUID));
    }

    private void reopen(ArchiveConfig config) throws IOException {
        archive.close();
        archive = null;
        archive = Archive.open(root, config);
    }

    private void assertNothingStored() throws IOException {
        try (Stream<String> keys = archive.blobs().list(); Stream<Path> temps = Files.list(root.resolve("tmp"))) {
            assertThat(keys).isEmpty();
            assertThat(temps).isEmpty();
        }
        assertThat(archive.index().stats().instances()).isZero();
    }

    private static DicomFile read(byte[] file) throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file))) {
            return reader.readFile();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
