package io.pacslite.archive;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.ingest.Coercions;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.store.StorageKeys;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ingest coercion rules through a real archive: what is stored, and resends. */
class ArchiveCoercionTest {

    private static final String STUDY = uid("7");
    private static final String SERIES = uid("7", "1");
    private static final StoreContext FROM_CT01 = StoreContext.dataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
            "CT01", "127.0.0.1");

    @TempDir
    Path root;

    private Archive archive;

    @AfterEach
    void close() throws IOException {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void storesTheCoercedHeaderWithTheOldValuesAndThePixelDataAsReceived() throws Exception {
        open("CT01 issuer=HOSP accession={StudyDate}-{StudyID}");
        Attributes instance = ct("P1", STUDY, SERIES, uid("7", "1", "1"), 64, 5);
        instance.remove(Tag.AccessionNumber);

        assertThat(store(instance, FROM_CT01)).isEqualTo(StoreReason.STORED);

        Attributes stored = storedDataset(uid("7", "1", "1"));
        assertThat(stored.getString(Tag.IssuerOfPatientID)).isEqualTo("HOSP");
        assertThat(stored.getString(Tag.AccessionNumber)).isEqualTo("20240131-1");
        Attributes item = stored.getSequence(Tag.OriginalAttributesSequence).get(0);
        Attributes old = item.getSequence(Tag.ModifiedAttributesSequence).get(0);
        assertThat(old.contains(Tag.IssuerOfPatientID)).isTrue();
        assertThat(old.contains(Tag.AccessionNumber)).isTrue();
        assertThat(old.getString(Tag.AccessionNumber, "")).isEmpty();
        assertThat(item.getString(Tag.AttributeModificationDateTime)).matches("\\d{14}\\.\\d{6}\\+0000");
        assertThat(item.getString(Tag.ModifyingSystem)).isEqualTo("PACS-lite");
        assertThat(item.getString(Tag.SourceOfPreviousValues)).isEqualTo("CT01");
        assertThat(item.getString(Tag.ReasonForTheAttributeModification)).isEqualTo("COERCE");
        assertThat(stored.getBytes(Tag.PixelData)).isEqualTo(instance.getBytes(Tag.PixelData));
        assertThat(archive.index().find(uid("7", "1", "1")).sha256()).isNotNull();
    }

    @Test
    void aResendThroughTheSameRulesIsAlreadyStoredAndOtherBytesAreStillADuplicate() throws Exception {
        open("CT01 issuer=HOSP");
        Attributes instance = ct("P1", STUDY, SERIES, uid("7", "1", "2"), 64, 6);
        assertThat(store(instance, FROM_CT01)).isEqualTo(StoreReason.STORED);
        byte[] first = Files.readAllBytes(fileOf(uid("7", "1", "2")));

        assertThat(store(instance, FROM_CT01)).isEqualTo(StoreReason.ALREADY_STORED);

        Attributes otherPixels = ct("P1", STUDY, SERIES, uid("7", "1", "2"), 64, 7);
        assertThat(store(otherPixels, FROM_CT01)).isEqualTo(StoreReason.DUPLICATE_KEPT_FIRST);
        assertThat(Files.readAllBytes(fileOf(uid("7", "1", "2")))).isEqualTo(first);
    }

    @Test
    void anInstanceNoRuleMatchesIsStoredBitExact() throws Exception {
        open("CT01 issuer=HOSP", "* accession=X{StudyID}");
        byte[] sent = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("7", "1", "3"), 64, 8),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(archive.store(new ByteArrayInputStream(sent), StoreContext.partTen("10.0.0.9")).reason())
                .isEqualTo(StoreReason.STORED);

        assertThat(datasetBytes(Files.readAllBytes(fileOf(uid("7", "1", "3"))))).isEqualTo(datasetBytes(sent));
    }

    static List<TransferSyntax> reencodedSyntaxes() {
        return List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
    }

    @ParameterizedTest
    @MethodSource("reencodedSyntaxes")
    void coercesADataSetFromHttpInItsOwnTransferSyntax(TransferSyntax syntax) throws Exception {
        open("http issuer=WEB");
        Attributes instance = ct("P1", STUDY, SERIES, uid("7", "1", "4"), 64, 9);
        instance.setString(Tag.IssuerOfPatientID, VR.LO, "");
        byte[] sent = SyntheticInstances.partTen(instance, syntax);

        assertThat(archive.store(new ByteArrayInputStream(sent), StoreContext.partTen("10.0.0.9")).reason())
                .isEqualTo(StoreReason.STORED);

        DicomFile stored = read(fileOf(uid("7", "1", "4")));
        assertThat(stored.transferSyntax()).isEqualTo(syntax);
        assertThat(stored.dataset().getString(Tag.IssuerOfPatientID)).isEqualTo("WEB");
        assertThat(stored.dataset().getSequence(Tag.OriginalAttributesSequence).get(0)
                .getString(Tag.SourceOfPreviousValues)).isEqualTo("10.0.0.9");
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(sent))) {
            assertThat(stored.dataset().getBytes(Tag.PixelData))
                    .isEqualTo(reader.readFile().dataset().getBytes(Tag.PixelData));
        }
    }

    @Test
    void storesADeflatedInstanceUncoerced() throws Exception {
        open("* issuer=HOSP");
        byte[] sent = SyntheticInstances.partTen(ct("P1", STUDY, SERIES, uid("7", "1", "5"), 32, 3),
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(archive.store(new ByteArrayInputStream(sent), StoreContext.partTen("10.0.0.9")).reason())
                .isEqualTo(StoreReason.STORED);

        assertThat(datasetBytes(Files.readAllBytes(fileOf(uid("7", "1", "5"))))).isEqualTo(datasetBytes(sent));
    }

    private void open(String... rules) throws IOException {
        archive = Archive.open(root, ArchiveConfig.DEFAULTS.withCoercions(Coercions.parse(List.of(rules))));
    }

    private StoreReason store(Attributes instance, StoreContext context) {
        return archive.store(new ByteArrayInputStream(SyntheticInstances.dataset(instance, context.transferSyntax())),
                context).reason();
    }

    private Path fileOf(String sopUID) {
        return archive.blobs().pathOf(StorageKeys.of(STUDY, SERIES, sopUID));
    }

    private Attributes storedDataset(String sopUID) throws IOException {
        return read(fileOf(sopUID)).dataset();
    }

    private static DicomFile read(Path file) throws IOException {
        try (DicomReader reader = new DicomReader(Files.newInputStream(file))) {
            return reader.readFile();
        }
    }
}
