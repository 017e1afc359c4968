package io.pacslite.dicom.fileset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.FileSets;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomDirTest {

    private static final TransferSyntax EXPLICIT = TransferSyntax.of(UID.ExplicitVRLittleEndian);

    @TempDir
    Path dir;

    /** Two patients; the first with two CT series and a PDF report series, the second with one image. */
    private static List<Attributes> instances() {
        List<Attributes> instances = new ArrayList<>();
        String study = SyntheticInstances.uid("1");
        for (int i = 1; i <= 3; i++) {
            instances.add(SyntheticInstances.ct("P1", study, SyntheticInstances.uid("1", "1"),
                    SyntheticInstances.uid("1", "1", String.valueOf(i)), 4, i));
        }
        for (int i = 1; i <= 2; i++) {
            Attributes ct = SyntheticInstances.ct("P1", study, SyntheticInstances.uid("1", "2"),
                    SyntheticInstances.uid("1", "2", String.valueOf(i)), 4, i);
            ct.setInts(Tag.SeriesNumber, VR.IS, 2);
            instances.add(ct);
        }
        instances.add(pdf(study, SyntheticInstances.uid("1", "3"), SyntheticInstances.uid("1", "3", "1")));
        instances.add(SyntheticInstances.ct("P2", SyntheticInstances.uid("2"), SyntheticInstances.uid("2", "1"),
                SyntheticInstances.uid("2", "1", "1"), 4, 1));
        return instances;
    }

    /** An Encapsulated PDF instance: the CT's patient, study and series keys, a document instead of pixels. */
    private static Attributes pdf(String study, String series, String sop) {
        Attributes pdf = SyntheticInstances.ct("P1", study, series, sop, 4, 1);
        pdf.removeIf(tag -> Tags.group(tag) == 0x0028 || tag == Tag.PixelData);
        pdf.setString(Tag.SOPClassUID, VR.UI, UID.EncapsulatedPDFStorage);
        pdf.setString(Tag.Modality, VR.CS, "DOC");
        pdf.setInts(Tag.SeriesNumber, VR.IS, 3);
        pdf.setString(Tag.ContentDate, VR.DA, "20240131");
        pdf.setString(Tag.ContentTime, VR.TM, "103000");
        pdf.setString(Tag.DocumentTitle, VR.ST, "Report");
        pdf.setString(Tag.MIMETypeOfEncapsulatedDocument, VR.LO, "application/pdf");
        pdf.set(Tag.EncapsulatedDocument, VR.OB, "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return pdf;
    }

    /** Writes the instances at their File IDs under {@link #dir} and the DICOMDIR beside them. */
    private Path writeFileSet(List<Attributes> instances) throws IOException {
        DicomDir dicomdir = new DicomDir("PACSLITE");
        for (Attributes instance : instances) {
            FileId fileId = dicomdir.add(instance, EXPLICIT.uid());
            Path file = dir.resolve(fileId.path());
            Files.createDirectories(file.getParent());
            Files.write(file, SyntheticInstances.partTen(instance, EXPLICIT));
        }
        Path path = dir.resolve("DICOMDIR");
        Files.write(path, dicomdir.toBytes());
        return path;
    }

    @Test
    void pydicomFindsEveryInstanceThroughTheRecordOffsets() throws IOException {
        List<Attributes> instances = instances();
        Path dicomdir = writeFileSet(instances);

        List<FileSets.Found> found = FileSets.pydicomInstances(dicomdir);

        assertThat(found).extracting(FileSets.Found::recordSopUid)
                .containsExactlyInAnyOrderElementsOf(instances.stream().map(i -> i.getString(Tag.SOPInstanceUID)).toList());
        assertThat(found).allSatisfy(instance -> assertThat(instance.fileSopUid()).isEqualTo(instance.recordSopUid()));
        assertThat(found).extracting(FileSets.Found::fileId).contains("DICOM/PAT00001/STU00001/SER00002/IMG00002",
                "DICOM/PAT00002/STU00001/SER00001/IMG00001");
    }

    @Test
    void dciodvfyFindsNoErrorInTheBasicDirectory() throws IOException {
        Path dicomdir = writeFileSet(instances());

        List<String> verdict = FileSets.dciodvfy(dicomdir);

        assertThat(verdict).as(String.join("\n", verdict)).containsExactly("BasicDirectory");
    }

    @Test
    void dcmdumpShowsTheRecordTypesAndTheReferencedFiles() throws IOException {
        TestPeers.require("dcmdump");
        Path dicomdir = writeFileSet(instances());

        TestPeers.Result dump = TestPeers.run(List.of("dcmdump", dicomdir.toString()), null);

        assertThat(dump.exitCode()).as(dump.stderr()).isZero();
        assertThat(dump.stderr()).isEmpty();
        assertThat(dump.stdout()).contains("(0002,0002) UI =MediaStorageDirectoryStorage")
                .contains("\"Directory Record\" PATIENT").contains("\"Directory Record\" STUDY")
                .contains("\"Directory Record\" SERIES").contains("\"Directory Record\" IMAGE")
                .contains("\"Directory Record\" ENCAP DOC")
                .contains("[DICOM\\PAT00001\\STU00001\\SER00003\\IMG00001]").contains("=LittleEndianExplicit");
    }

    @Test
    void recordsCarryTheKeysOfTheirLevel() throws IOException {
        TestPeers.require("dcmdump");
        Path dicomdir = writeFileSet(instances());

        String dump = TestPeers.run(List.of("dcmdump", "+P", "0010,0020", "+P", "0020,000d", "+P", "0008,0060",
                "+P", "0042,0012", dicomdir.toString()), null).stdout();

        assertThat(dump).contains("[P1]").contains("[P2]").contains(SyntheticInstances.uid("1"))
                .contains("[CT]").contains("[DOC]").contains("[application/pdf]");
    }

    @Test
    void anEmptyDirectoryHasNoRootRecords() throws IOException {
        Path path = dir.resolve("DICOMDIR");
        Files.write(path, new DicomDir("").toBytes());

        assertThat(FileSets.pydicomInstances(path)).isEmpty();
    }

    @Test
    void rejectsAnInstanceWithoutItsSeries() {
        Attributes instance = instances().getFirst();
        instance.remove(Tag.SeriesInstanceUID);

        assertThatThrownBy(() -> new DicomDir("").add(instance, EXPLICIT.uid()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SeriesInstanceUID");
    }

    @Test
    void fileIdsKeepToPs3_10() {
        assertThat(FileId.of("DICOM", "PAT00001").path()).isEqualTo("DICOM/PAT00001");
        assertThatThrownBy(() -> FileId.of("dicom")).hasMessageContaining("A-Z");
        assertThatThrownBy(() -> FileId.of("NINECHARS")).hasMessageContaining("1 to 8");
        assertThatThrownBy(() -> FileId.of("A", "B", "C", "D", "E", "F", "G", "H", "I"))
                .hasMessageContaining("1 to 8 components");
        assertThatThrownBy(() -> new DicomDir("lower")).hasMessageContaining("File-set ID");
    }
}
