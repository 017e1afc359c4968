package io.pacslite.archive.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.FileSets;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {

    private static final String STUDY = SyntheticInstances.uid("7");
    private static final String SERIES_ONE = SyntheticInstances.uid("7", "1");
    private static final String SERIES_TWO = SyntheticInstances.uid("7", "2");

    @TempDir
    Path dir;
    private Archive archive;

    @BeforeEach
    void storeAStudyOfTwoSeries() throws IOException {
        archive = Archive.open(dir.resolve("archive"), ArchiveConfig.DEFAULTS.withFsync(false));
        for (int i = 1; i <= 3; i++) {
            store(SyntheticInstances.ct("P7", STUDY, SERIES_ONE, SyntheticInstances.uid("7", "1", "" + i), 8, i));
        }
        Attributes other = SyntheticInstances.ct("P7", STUDY, SERIES_TWO, SyntheticInstances.uid("7", "2", "1"), 8, 1);
        other.setInts(Tag.SeriesNumber, io.pacslite.dicom.data.VR.IS, 2);
        store(other);
    }

    @AfterEach
    void close() throws IOException {
        archive.close();
    }

    private void store(Attributes instance) {
        archive.store(new ByteArrayInputStream(SyntheticInstances.partTen(instance,
                TransferSyntax.of(UID.ExplicitVRLittleEndian))), StoreContext.partTen("test"));
    }

    private Export export(String series, boolean dicomdir, String syntax) throws Exception {
        return Export.of(archive.index(), archive.blobs(), STUDY, series, dicomdir, syntax);
    }

    private Map<String, byte[]> zip(Export export) throws IOException {
        Path zip = dir.resolve("export.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ZipExport.write(export, archive.blobs(), out);
        }
        Map<String, byte[]> members = new HashMap<>();
        // A streaming reader: every member must be readable without the central directory.
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                members.put(entry.getName(), in.readAllBytes());
            }
        }
        return members;
    }

    private byte[] stored(StoredInstance instance) throws IOException {
        return Files.readAllBytes(archive.blobs().pathOf(instance.fileKey()));
    }

    @Test
    void zipHoldsTheStoredFilesByteForByteUnderTheirUids() throws Exception {
        Map<String, byte[]> members = zip(export(null, false, null));

        List<StoredInstance> instances = archive.index().instances(STUDY, null, null);
        assertThat(members).hasSize(4);
        for (StoredInstance instance : instances) {
            assertThat(members.get(STUDY + "/" + instance.seriesUid() + "/" + instance.sopUid() + ".dcm"))
                    .isEqualTo(stored(instance));
        }
    }

    @Test
    void aSeriesExportHoldsThatSeriesOnly() throws Exception {
        assertThat(zip(export(SERIES_TWO, false, null)).keySet())
                .containsExactly(STUDY + "/" + SERIES_TWO + "/" + SyntheticInstances.uid("7", "2", "1") + ".dcm");
    }

    @Test
    void zipWithDicomdirNamesTheFilesByTheirFileIds() throws Exception {
        Map<String, byte[]> members = zip(export(null, true, null));

        assertThat(members).containsKeys("DICOMDIR", "DICOM/PAT00001/STU00001/SER00001/IMG00003",
                "DICOM/PAT00001/STU00001/SER00002/IMG00001");
        Path fileSet = dir.resolve("unzipped");
        for (Map.Entry<String, byte[]> member : members.entrySet()) {
            Files.createDirectories(fileSet.resolve(member.getKey()).getParent());
            Files.write(fileSet.resolve(member.getKey()), member.getValue());
        }
        assertThat(FileSets.pydicomInstances(fileSet.resolve("DICOMDIR"))).hasSize(4)
                .allSatisfy(found -> assertThat(found.fileSopUid()).isEqualTo(found.recordSopUid()));
    }

    @Test
    void folderExportIsAFileSetThatPydicomReads() throws Exception {
        Path folder = dir.resolve("out");

        FolderExport.write(export(null, true, null), archive.blobs(), folder);

        List<FileSets.Found> found = FileSets.pydicomInstances(folder.resolve("DICOMDIR"));
        assertThat(found).extracting(FileSets.Found::recordSopUid).containsExactlyInAnyOrderElementsOf(
                archive.index().instances(STUDY, null, null).stream().map(StoredInstance::sopUid).toList());
        assertThat(Files.readAllBytes(folder.resolve("DICOM/PAT00001/STU00001/SER00002/IMG00001")))
                .isEqualTo(stored(archive.index().instances(STUDY, SERIES_TWO, null).getFirst()));
    }

    @Test
    void folderExportRefusesAnExistingFolderAndLeavesNothingBehind() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("taken"));

        assertThatThrownBy(() -> FolderExport.write(export(null, false, null), archive.blobs(), folder))
                .isInstanceOf(FileAlreadyExistsException.class);
        try (var left = Files.list(dir)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("archive", "taken");
        }
    }

    @Test
    void transcodedMembersAreInTheAskedSyntaxAndTheDicomdirSaysSo() throws Exception {
        Map<String, byte[]> members = zip(export(SERIES_ONE, true, UID.ImplicitVRLittleEndian));

        byte[] file = members.get("DICOM/PAT00001/STU00001/SER00001/IMG00001");
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file))) {
            var read = reader.readFile();
            assertThat(read.transferSyntax().uid()).isEqualTo(UID.ImplicitVRLittleEndian);
            assertThat(read.dataset().getString(Tag.SOPInstanceUID)).isEqualTo(SyntheticInstances.uid("7", "1", "1"));
        }
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(members.get("DICOMDIR")))) {
            Attributes record = reader.readFile().dataset().getSequence(Tag.DirectoryRecordSequence).getLast();
            assertThat(record.getString(Tag.ReferencedTransferSyntaxUIDInFile)).isEqualTo(UID.ImplicitVRLittleEndian);
        }
    }

    @Test
    void refusesAStudyThatIsNotThere() {
        assertThatThrownBy(() -> Export.of(archive.index(), archive.blobs(), SyntheticInstances.uid("404"), null,
                false, null)).isInstanceOf(ExportException.class)
                .extracting(e -> ((ExportException) e).reason()).isEqualTo(ExportException.Reason.NOT_FOUND);
    }

    @Test
    void refusesASyntaxItCannotWrite() {
        assertThatThrownBy(() -> export(null, false, "1.2.840.10008.1.2.4.91"))
                .isInstanceOf(ExportException.class).hasMessageContaining(SyntheticInstances.uid("7", "1", "1"))
                .extracting(e -> ((ExportException) e).reason()).isEqualTo(ExportException.Reason.NOT_TRANSCODABLE);
    }
}
