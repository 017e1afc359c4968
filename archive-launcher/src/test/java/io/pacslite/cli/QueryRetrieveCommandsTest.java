package io.pacslite.cli;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.json.DicomJsonReader;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.AeTable;
import io.pacslite.dimse.net.DimseServer;
import io.pacslite.dimse.net.DimseServices;
import io.pacslite.dimse.net.Timeouts;
import io.pacslite.testing.QueryStudies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacslite find}, {@code get}, {@code move} and {@code ae} against our own archive-backed
 * server holding {@code QueryStudies}, and dcmtk's storescp as Move Destination.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryRetrieveCommandsTest {

    @TempDir
    static Path dir;
    private static Archive archive;
    private static DimseServer server;

    @TempDir
    Path out;

    /**
     * Instances stored compressed: pydicom's JPEG Baseline and JPEG 2000 files, and CT_small
     * compressed by dcmtk with new SOP Instance UIDs into JPEG Lossless SV1, JPEG-LS and RLE.
     */
    private static final List<Path> COMPRESSED = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        archive = Archive.open(dir.resolve("archive"), ArchiveConfig.DEFAULTS);
        for (byte[] file : QueryStudies.files()) {
            assertThat(archive.store(new ByteArrayInputStream(file), StoreContext.partTen("test")).reason())
                    .isEqualTo(StoreReason.STORED);
        }
        Path corpus = TestPeers.CORPUS;
        COMPRESSED.add(corpus.resolve("SC_rgb_jpeg_dcmtk.dcm"));
        COMPRESSED.add(corpus.resolve("GDCMJ2K_TextGBR.dcm"));
        Path ct = corpus.resolve("CT_small.dcm");
        for (List<String> tool : List.of(List.of("dcmcjpeg", "+e1"), List.of("dcmcjpls"), List.of("dcmcrle"))) {
            Path compressed = dir.resolve(tool.get(0) + ".dcm");
            List<String> command = new ArrayList<>(tool);
            command.addAll(List.of("+ua", ct.toString(), compressed.toString()));
            assertThat(ServeProcess.dcmtk(60, command.toArray(String[]::new))).as(command.toString()).isZero();
            COMPRESSED.add(compressed);
        }
        for (Path file : COMPRESSED) {
            assertThat(archive.store(new ByteArrayInputStream(Files.readAllBytes(file)), StoreContext.partTen("test"))
                    .reason()).as(file.toString()).isEqualTo(StoreReason.STORED);
        }
        server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), AcceptancePolicy.defaults(),
                DimseServices.archive(archive, AeTable.at(dir.resolve("archive").resolve(AeCommand.FILE_NAME))),
                Timeouts.defaults());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        archive.close();
    }

    @Test
    void findPrintsATableWithAColumnPerKey() {
        CommandRunner.Run run = run("find", "-S", "-L", "STUDY", "-k", "PatientName=doe*", "-k", "StudyDate",
                "-k", "0020,000D");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "PatientName    StudyDate  StudyInstanceUID",
                "doe^john       20210601   " + uid("9", "3"),
                "Doe^Jane^Anne  20201231   " + uid("9", "2"));
        assertThat(run.err()).isEqualTo("2 matches\n");
    }

    @Test
    void findMatchesAKeyInASequenceItem() throws Exception {
        CommandRunner.Run byKeyword = run("find", "-L", "STUDY", "-k", "ProcedureCodeSequence[0].CodeValue=CT-HEAD",
                "-k", "StudyInstanceUID", "--json");
        CommandRunner.Run byTag = run("find", "-L", "STUDY", "-k", "(0008,1032)[0].(0008,0100)=PT-*",
                "-k", "StudyInstanceUID");
        CommandRunner.Run notASequence = run("find", "-k", "PatientName[0].CodeValue=x");

        assertThat(byKeyword.exitCode()).as(byKeyword.err()).isZero();
        List<Attributes> matches = new DicomJsonReader(new JsonFactory().createParser(byKeyword.out())).readDatasets();
        assertThat(matches).extracting(match -> match.getString(Tag.StudyInstanceUID))
                .containsExactlyInAnyOrder(uid("9", "1"), uid("9", "6"));
        assertThat(matches).allSatisfy(match -> assertThat(match.getSequence(Tag.ProcedureCodeSequence))
                .extracting(item -> item.getString(Tag.CodeValue)).containsExactly("CT-HEAD"));
        assertThat(byTag.exitCode()).as(byTag.err()).isZero();
        assertThat(byTag.out()).contains(uid("9", "3")).doesNotContain(uid("9", "1"));
        assertThat(notASequence.exitCode()).isEqualTo(2);
        assertThat(notASequence.err()).contains("PatientName is not a sequence");
    }

    @Test
    void findPrintsDicomJson() throws Exception {
        CommandRunner.Run run = run("find", "-P", "-L", "PATIENT", "-k", "PatientID=P1", "-k", "PatientName",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Attributes> matches = new DicomJsonReader(new JsonFactory().createParser(run.out())).readDatasets();
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).getString(Tag.PatientName)).isEqualTo("Müller^Jürgen");
        assertThat(matches.get(0).getString(Tag.QueryRetrieveLevel)).isEqualTo("PATIENT");
    }

    @Test
    void findSaysWhyTheQueryWasRefused() {
        CommandRunner.Run badDate = run("find", "-k", "StudyDate=2020-01-01");
        CommandRunner.Run badLevel = run("find", "-S", "-L", "PATIENT", "-k", "PatientID");
        CommandRunner.Run badKey = run("find", "-k", "PatientNam=x");

        assertThat(badDate.exitCode()).isEqualTo(1);
        assertThat(badDate.err()).contains("answered A900 FAILURE: (0008,0020) StudyDate");
        assertThat(badLevel.exitCode()).isEqualTo(2);
        assertThat(badLevel.err()).contains("--level PATIENT is not a level of STUDY_ROOT");
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("unknown key 'PatientNam'");
    }

    @Test
    void getWritesTheInstancesAsStored() throws Exception {
        CommandRunner.Run run = run("get", "-L", "SERIES", "-k", "StudyInstanceUID=" + uid("9", "1"),
                "-k", "SeriesInstanceUID=" + uid("9", "1", "1"), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("C-GET from PACSLITE@127\\.0\\.0\\.1:\\d+: 0000 SUCCESS, 3 instances written into ")
                .containsPattern("completed\\s+3\\R").containsPattern("failed\\s+0\\R");
        assertReceivedAsStored(files(out), uid("9", "1", "1", "1"), uid("9", "1", "1", "2"), uid("9", "1", "1", "3"));
    }

    @Test
    void getReceivesInstancesStoredCompressedAsStored() throws Exception {
        for (Path original : COMPRESSED) {
            String name = original.getFileName().toString();
            Attributes uids;
            try (DicomReader reader = DicomReader.open(original)) {
                uids = reader.readFile().dataset();
            }
            Path folder = Files.createDirectories(out.resolve(name));
            CommandRunner.Run run = run("get", "-L", "IMAGE", "-k", "StudyInstanceUID=" + uids.getString(Tag.StudyInstanceUID),
                    "-k", "SeriesInstanceUID=" + uids.getString(Tag.SeriesInstanceUID),
                    "-k", "SOPInstanceUID=" + uids.getString(Tag.SOPInstanceUID), "--out", folder.toString());

            assertThat(run.exitCode()).as(name + ": " + run.out() + run.err()).isZero();
            List<Path> received = files(folder);
            assertReceivedAsStored(received, uids.getString(Tag.SOPInstanceUID));
            try (DicomReader reader = DicomReader.open(received.get(0));
                    DicomReader stored = DicomReader.open(original)) {
                assertThat(reader.readFile().transferSyntax().uid()).as(name)
                        .isEqualTo(stored.readFile().transferSyntax().uid());
            }
        }
    }

    @Test
    void aeTableAndMoveToStorescp() throws Exception {
        int port = TestPeers.freePort();
        Path received = Files.createDirectories(out.resolve("storescp"));
        Process storescp = TestPeers.startStorescp(received, port);
        String dataDir = dir.resolve("archive").toString();
        try {
            assertThat(CommandRunner.run("ae", "add", "--data-dir", dataDir, "STORESCP", "127.0.0.1",
                    Integer.toString(port)).exitCode()).isZero();
            assertThat(CommandRunner.run("ae", "add", "--data-dir", dataDir, "OTHER", "pacs.example.org", "104")
                    .exitCode()).isZero();
            assertThat(CommandRunner.run("ae", "remove", "--data-dir", dataDir, "OTHER").exitCode()).isZero();
            assertThat(CommandRunner.run("ae", "add", "--data-dir", dataDir, "--tls", "SECURE", "pacs.example.org",
                    "2762").exitCode()).isZero();
            CommandRunner.Run list = CommandRunner.run("ae", "list", "--data-dir", dataDir);

            CommandRunner.Run move = run("move", "--dest", "STORESCP", "-k", "StudyInstanceUID=" + uid("9", "3"));
            CommandRunner.Run unknown = run("move", "--dest", "NOWHERE", "-k", "StudyInstanceUID=" + uid("9", "3"));

            assertThat(list.out()).isEqualTo(String.format("%-16s 127.0.0.1 %d%n%-16s pacs.example.org 2762 tls%n",
                    "STORESCP", port, "SECURE"));
            assertThat(move.exitCode()).as(move.err()).isZero();
            assertThat(move.out()).containsPattern("C-MOVE from PACSLITE@127\\.0\\.0\\.1:\\d+ to STORESCP: 0000 SUCCESS\\R")
                    .containsPattern("completed\\s+2\\R");
            assertReceivedAsStored(files(received), uid("9", "3", "1", "1"), uid("9", "3", "2", "1"));
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("answered A801 FAILURE: Move Destination 'NOWHERE' is not in the AE "
                    + "table");
        } finally {
            storescp.destroy();
            storescp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static CommandRunner.Run run(String... arguments) {
        String[] all = Arrays.copyOf(arguments, arguments.length + 4);
        all[arguments.length] = "--aec";
        all[arguments.length + 1] = "PACSLITE";
        all[arguments.length + 2] = "127.0.0.1";
        all[arguments.length + 3] = Integer.toString(server.port());
        return CommandRunner.run(all);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** The files hold exactly {@code sopInstanceUids}, each data set byte for byte as the archive stored it. */
    private static void assertReceivedAsStored(List<Path> files, String... sopInstanceUids) throws IOException {
        assertThat(files.stream().map(DicomFiles::sopInstanceUid))
                .containsExactlyInAnyOrder(sopInstanceUids);
        for (Path file : files) {
            Path stored = archive.blobs().pathOf(archive.index().find(DicomFiles.sopInstanceUid(file)).fileKey());
            assertThat(datasetBytes(file)).isEqualTo(datasetBytes(stored));
        }
    }
}
