package io.pacslite.archive.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.index.AttachmentTable;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.CdArchives;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The import engine on real archives: a CD-like ZIP with a DICOMDIR made by dcmtk's dcmmkdir,
 * attachments and a nested ZIP; folders; pydicom's DICOMDIR test files; and ZIP archives that
 * must be refused (a zip bomb, unsafe names, too deep, truncated) with nothing stored.
 */
class ImportTest {

    @TempDir
    Path dir;
    Archive archive;
    Imports imports;

    @BeforeEach
    void open() throws IOException {
        archive = Archive.open(dir.resolve("archive"), ArchiveConfig.DEFAULTS.withFsync(false));
        imports = new Imports(archive, ImportLimits.DEFAULTS);
    }

    @AfterEach
    void close() throws IOException {
        archive.close();
    }

    @ParameterizedTest(name = "sizes in the headers: {0}")
    @ValueSource(booleans = {false, true})
    void aCdZipIsStoredByteForByteWithItsAttachmentsAndItsDicomdirChecked(boolean sized) throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CD1", "501", 5, 2);

        ImportReport report = run(sized ? cd.sizedZip() : cd.zip(), "cd.zip");

        assertThat(report.status()).as("%s", report).isEqualTo(Import.Status.DONE);
        assertThat(report.failure()).isNull();
        assertThat(report.stored()).isEqualTo(7);
        assertThat(report.failed()).isZero();
        assertThat(report.notDicom()).isEqualTo(4);
        assertThat(report.studies()).containsExactly(new ImportReport.Study(cd.studyUID(), 7));
        for (Map.Entry<String, byte[]> instance : cd.allInstances().entrySet()) {
            assertThat(storedBytes(instance.getValue())).as(instance.getKey()).isEqualTo(instance.getValue());
        }
        assertThat(report.directories()).singleElement().satisfies(check -> {
            assertThat(check.member()).isEqualTo("cd.zip!CD/DICOMDIR");
            assertThat(check.references()).isEqualTo(5);
            assertThat(check.missing()).isEmpty();
            assertThat(check.mismatched()).isEmpty();
        });
        List<AttachmentTable.Row> attachments = archive.attachments().list(cd.studyUID());
        assertThat(attachments).extracting(AttachmentTable.Row::name).containsExactlyInAnyOrder(
                "cd.zip!CD/REPORT.PDF", "cd.zip!CD/PREVIEW.JPG", "cd.zip!CD/AUTORUN.INF", "cd.zip!CD/VIEWER/VIEWER.EXE");
        Map<String, String> types = new LinkedHashMap<>();
        attachments.forEach(row -> types.put(row.name().substring(row.name().lastIndexOf('/') + 1), row.mediaType()));
        assertThat(types).containsEntry("REPORT.PDF", "application/pdf").containsEntry("PREVIEW.JPG", "image/jpeg")
                .containsEntry("AUTORUN.INF", "application/octet-stream")
                .containsEntry("VIEWER.EXE", "application/octet-stream");
        for (AttachmentTable.Row row : attachments) {
            byte[] expected = cd.others().get(row.name().substring("cd.zip!".length()));
            assertThat(Files.readAllBytes(archive.attachments().pathOf(row.sha256()))).isEqualTo(expected);
            assertThat(row.size()).isEqualTo(expected.length);
        }
        assertThat(report.attachments()).hasSize(4).allSatisfy(a -> assertThat(a.notKept()).isNull());
        try (Stream<Path> tmp = Files.list(dir.resolve("archive").resolve("tmp"))) {
            assertThat(tmp.filter(Files::isRegularFile)).as("no temp file is left").isEmpty();
        }
    }

    @Test
    void importingTheSameCdAgainStoresNothingNewAndKeepsOneRowPerAttachment() throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CD2", "502", 3, 0);
        run(cd.zip(), "cd.zip");

        ImportReport again = run(cd.zip(), "cd.zip");

        assertThat(again.stored()).isZero();
        assertThat(again.alreadyStored()).isEqualTo(3);
        assertThat(archive.attachments().list(cd.studyUID())).hasSize(4);
    }

    @Test
    void aFolderImportReportsWhatTheDicomdirListsButTheFolderLacks() throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CD3", "503", 4, 0);
        Files.delete(cd.folder().resolve("IMAGES").resolve("I1000002"));

        Import folder = imports.start("test");
        folder.addPath(cd.folder());
        ImportReport report = folder.finish();

        assertThat(report.status()).isEqualTo(Import.Status.DONE);
        assertThat(report.stored()).isEqualTo(3);
        String root = cd.folder().toString().replace('\\', '/');
        assertThat(report.directories()).singleElement().satisfies(check -> {
            assertThat(check.member()).isEqualTo(root + "/DICOMDIR");
            assertThat(check.references()).isEqualTo(4);
            assertThat(check.missing()).containsExactly(root + "/IMAGES/I1000002");
        });
    }

    @Test
    void aFolderIsStoredWholeByWorkersThatReadTheFilesThemselves() throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CD9", "509", 6, 2);
        Files.write(cd.folder().resolve(".DS_Store"), new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
        Files.createFile(cd.folder().resolve("EMPTY"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(cd.folder())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        // Every instance is larger than what a member may hold in memory, and there are fewer
        // workers than instances: the files go to the workers by their paths.
        Imports limited = new Imports(archive, ImportLimits.DEFAULTS.withBuffering(1024, 1024).withThreads(2));

        Import folder = limited.start("test");
        folder.addPath(cd.folder());
        ImportReport report = folder.finish();

        assertThat(report.status()).as("%s", report).isEqualTo(Import.Status.DONE);
        assertThat(report.stored()).isEqualTo(8);
        assertThat(report.failed()).as("%s", report.failures()).isZero();
        assertThat(report.notDicom()).isEqualTo(4);
        assertThat(report.skipped()).as(".DS_Store and the empty file").isEqualTo(2);
        for (Map.Entry<String, byte[]> instance : cd.allInstances().entrySet()) {
            assertThat(instance.getValue().length).isGreaterThan(1024);
            assertThat(storedBytes(instance.getValue())).as(instance.getKey()).isEqualTo(instance.getValue());
        }
        assertThat(report.directories()).singleElement().satisfies(check -> {
            assertThat(check.references()).isEqualTo(6);
            assertThat(check.missing()).isEmpty();
            assertThat(check.mismatched()).isEmpty();
        });
        assertThat(report.bytesReceived()).as("each file's bytes counted once").isEqualTo(total);
        assertThat(folder.inputsDone()).isEqualTo(files.size());
        assertThat(report.membersDone()).isEqualTo(report.members());
    }

    @Test
    void aDicomdirThatNamesAnotherInstanceIsReportedAsAMismatch() throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CD4", "504", 2, 0);
        byte[] stranger = CdArchives.instance("CD4", "504", "9", 1);
        Files.write(cd.folder().resolve("IMAGES").resolve("I1000001"), stranger);

        Import folder = imports.start("test");
        folder.addPath(cd.folder());
        ImportReport report = folder.finish();

        assertThat(report.directories()).singleElement().satisfies(check -> {
            assertThat(check.missing()).isEmpty();
            assertThat(check.mismatched()).singleElement().satisfies(m -> {
                assertThat(m.member()).endsWith("/IMAGES/I1000001");
                assertThat(m.reason()).contains("the DICOMDIR lists SOP Instance UID");
            });
        });
    }

    @Test
    void pydicomsDicomdirTestFilesAreImportedAndTheirDirectoriesChecked() throws IOException {
        Path source = TestPeers.pydicomData().resolve("test_files").resolve("dicomdirtests");
        Path copy = dir.resolve("dicomdirtests");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        long directories;
        try (Stream<Path> walk = Files.walk(copy)) {
            directories = walk.filter(p -> p.getFileName().toString().startsWith("DICOMDIR")).count();
        }

        Import folder = imports.start("test");
        folder.addPath(copy);
        ImportReport report = folder.finish();

        assertThat(report.stored()).as("%s", report.failures()).isGreaterThan(0);
        assertThat(report.directories()).as("every DICOMDIR is recognised and none is stored")
                .hasSizeGreaterThanOrEqualTo((int) directories - 1);
        ImportReport.DirectoryCheck main = report.directories().stream()
                .filter(check -> check.member().endsWith("dicomdirtests/DICOMDIR")).findFirst().orElseThrow();
        assertThat(main.references()).isGreaterThan(0);
        assertThat(main.missing()).as("the files the main DICOMDIR lists are all there").isEmpty();
        assertThat(main.mismatched()).isEmpty();
        assertThat(report.failures()).noneMatch(f -> f.member().endsWith("/DICOMDIR"));
    }

    @Test
    void aZipBombIsRefusedAndNothingIsStored() throws IOException {
        byte[] instance = CdArchives.instance("BOMB", "505", "1", 1);
        Path zip = dir.resolve("bomb.zip");
        Map<String, CdArchives.MemberWriter> members = new LinkedHashMap<>();
        members.put("IMAGES/I0", out -> {
            out.write(instance, 0, instance.length - 16);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                out.write(zeros);
            }
        });
        members.put("IMAGES/I1", out -> out.write(instance));
        try (var out = Files.newOutputStream(zip)) {
            CdArchives.zip(out, members);
        }
        assertThat(Files.size(zip)).isLessThan(1 << 20);

        ImportReport report = run(zip, "bomb.zip");

        assertThat(report.status()).isEqualTo(Import.Status.FAILED);
        assertThat(report.failure()).contains("refused").contains("IMAGES/I0").contains("inflates more than 200 times");
        assertThat(report.instances()).isZero();
        assertThat(archive.index().stats().instances()).isZero();
    }

    @Test
    void aZipBombWhoseHeaderSaysSoIsRefusedBeforeItIsInflated() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("IMAGES/I0", new byte[64 << 20]);
        members.put("IMAGES/I1", CdArchives.instance("BOMB2", "512", "1", 1));
        Path zip = dir.resolve("bomb.zip");
        Files.write(zip, CdArchives.zipWithSizes(members));

        ImportReport report = run(zip, "bomb.zip");

        assertThat(report.status()).isEqualTo(Import.Status.FAILED);
        assertThat(report.failure()).contains("IMAGES/I0").contains("inflates more than 200 times");
        assertThat(archive.index().stats().instances()).isZero();
    }

    @Test
    void aMemberThatInflatesToMoreThanItsHeaderSaysIsDamaged() throws IOException {
        byte[] instance = CdArchives.instance("LIE", "513", "1", 1);
        byte[] zip = CdArchives.zipWithSizes(Map.of("I0", instance));
        // The local header's uncompressed size (offset 22) says 100 bytes fewer than the member has.
        int size = (zip[22] & 0xFF) | (zip[23] & 0xFF) << 8 | (zip[24] & 0xFF) << 16 | (zip[25] & 0xFF) << 24;
        int lie = size - 100;
        zip[22] = (byte) lie;
        zip[23] = (byte) (lie >>> 8);
        zip[24] = (byte) (lie >>> 16);
        zip[25] = (byte) (lie >>> 24);

        Import lying = imports.start("test");
        lying.addStream(new ByteArrayInputStream(zip), "lie.zip");
        ImportReport report = lying.finish();

        assertThat(report.status()).isEqualTo(Import.Status.FAILED);
        assertThat(report.failure()).contains("damaged").contains("I0");
        assertThat(archive.index().stats().instances()).isZero();
    }

    @Test
    void anImportOverItsCapOnInflatedBytesIsRefused() throws IOException {
        imports = new Imports(archive, ImportLimits.DEFAULTS.withMaxInflatedBytes(4096));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("A", io.pacslite.testing.SyntheticInstances.partTen(io.pacslite.testing.SyntheticInstances.ct("CAP",
                "1.2.3.506", "1.2.3.506.1", "1.2.3.506.1.1", 64, 1), io.pacslite.dicom.io.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        Path zip = dir.resolve("cap.zip");
        Files.write(zip, CdArchives.zip(members));

        ImportReport report = run(zip, "cap.zip");

        assertThat(report.status()).isEqualTo(Import.Status.FAILED);
        assertThat(report.failure()).contains("inflate to more than the limit of 4096 bytes");
        assertThat(archive.index().stats().instances()).isZero();
    }

    @Test
    void membersNamedWithDotDotOrAbsolutelyAreRefusedAndNothingIsStored() throws IOException {
        for (String name : List.of("../evil.dcm", "IMAGES/../../evil.dcm", "/etc/evil.dcm", "\\evil.dcm",
                "C:/evil.dcm")) {
            Map<String, byte[]> members = new LinkedHashMap<>();
            members.put(name, CdArchives.instance("SLIP", "507", "1", 1));
            members.put("IMAGES/I0", CdArchives.instance("SLIP", "507", "1", 2));
            Path zip = dir.resolve("slip.zip");
            Files.write(zip, CdArchives.zip(members));

            ImportReport report = run(zip, "slip.zip");

            assertThat(report.status()).as(name).isEqualTo(Import.Status.FAILED);
            assertThat(report.failure()).as(name).contains("refused").contains(name);
            assertThat(archive.index().stats().instances()).as(name).isZero();
        }
        assertThat(dir.resolve("evil.dcm")).doesNotExist();
        assertThat(dir.resolve("archive").resolve("evil.dcm")).doesNotExist();
    }

    @Test
    void zipsNestedTooDeeplyAreRefused() throws IOException {
        Map<String, byte[]> level = new LinkedHashMap<>();
        level.put("I0", CdArchives.instance("DEEP", "508", "1", 1));
        byte[] zip = CdArchives.zip(level);
        for (int depth = 2; depth <= 4; depth++) {
            zip = CdArchives.zip(Map.of("level" + depth + ".zip", zip));
        }
        Path file = dir.resolve("deep.zip");
        Files.write(file, zip);

        ImportReport report = run(file, "deep.zip");

        assertThat(report.status()).isEqualTo(Import.Status.FAILED);
        assertThat(report.failure()).contains("nest deeper than 3 levels");
        assertThat(archive.index().stats().instances()).isZero();
    }

    @ParameterizedTest(name = "sizes in the headers: {0}")
    @ValueSource(booleans = {false, true})
    void aTruncatedZipFailsClearlyAndWhatItStoredBeforeStaysValid(boolean sized) throws IOException {
        CdArchives.Cd cd = CdArchives.build(dir.resolve("cd"), "CUT", "509", 6, 0);
        byte[] whole = Files.readAllBytes(sized ? cd.sizedZip() : cd.zip());
        byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);

        Import truncated = imports.start("test");
        truncated.addStream(new ByteArrayInputStream(cut), "cut.zip");
        ImportReport report = truncated.finish();

        assertThat(report.status()).isEqualTo(Import.Status.FAILED);
        assertThat(report.failure()).contains("cut.zip").contains("truncated");
        assertThat(report.stored()).isBetween(1L, 5L);
        long verified = 0;
        for (byte[] instance : cd.instances().values()) {
            byte[] stored = storedBytes(instance);
            if (stored != null) {
                assertThat(stored).isEqualTo(instance);
                verified++;
            }
        }
        assertThat(verified).isEqualTo(report.stored());
    }

    @Test
    void aZipCutInsideItsFirstMemberStoresNothing() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("I0", CdArchives.instance("CUT2", "510", "1", 1));
        members.put("I1", CdArchives.instance("CUT2", "510", "1", 2));
        byte[] whole = CdArchives.zip(members);

        Import truncated = imports.start("test");
        truncated.addStream(new ByteArrayInputStream(Arrays.copyOf(whole, 200)), "cut.zip");
        ImportReport report = truncated.finish();

        assertThat(report.status()).isEqualTo(Import.Status.FAILED);
        assertThat(report.failure()).contains("truncated").contains("I0");
        assertThat(archive.index().stats().instances()).isZero();
    }

    @Test
    void aZipCutBetweenMembersIsTruncatedToo() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("I0", CdArchives.instance("CUT3", "511", "1", 1));
        byte[] one = CdArchives.zip(members);
        int centralDirectory = lastIndexOf(one, new byte[] {'P', 'K', 1, 2});

        Import truncated = imports.start("test");
        truncated.addStream(new ByteArrayInputStream(Arrays.copyOf(one, centralDirectory)), "cut.zip");
        ImportReport report = truncated.finish();

        assertThat(report.status()).isEqualTo(Import.Status.FAILED);
        assertThat(report.failure()).contains("truncated").contains("without its central directory");
        assertThat(report.stored()).isEqualTo(1);
    }

    @Test
    void withoutAnInstanceNoAttachmentIsKept() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("REPORT.PDF", CdArchives.PDF);
        Path zip = dir.resolve("pdf.zip");
        Files.write(zip, CdArchives.zip(members));

        ImportReport report = run(zip, "pdf.zip");

        assertThat(report.status()).isEqualTo(Import.Status.DONE);
        assertThat(report.attachments()).singleElement().satisfies(a -> assertThat(a.notKept()).contains("no instance"));
        try (Stream<Path> tmp = Files.list(dir.resolve("archive").resolve("tmp"))) {
            assertThat(tmp.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private ImportReport run(Path zip, String name) throws IOException {
        Import started = imports.start("test");
        try (InputStream in = Files.newInputStream(zip)) {
            started.addStream(in, name);
        }
        return started.finish();
    }

    /** The stored file of the instance whose bytes are {@code instance}, or null if it is not stored. */
    private byte[] storedBytes(byte[] instance) throws IOException {
        String sop;
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(instance)).stopBeforePixelData()) {
            sop = reader.readFile().dataset().getString(Tag.SOPInstanceUID);
        }
        StoredInstance stored = archive.index().find(sop);
        if (stored == null) {
            return null;
        }
        try (InputStream in = archive.blobs().open(stored.fileKey())) {
            return in.readAllBytes();
        }
    }

    private static int lastIndexOf(byte[] bytes, byte[] part) {
        for (int i = bytes.length - part.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
