package io.pacslite.cli;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dimse.association.AcceptancePolicy;
import io.pacslite.dimse.net.AeTable;
import io.pacslite.dimse.net.DimseServer;
import io.pacslite.dimse.net.DimseServices;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.StoreRequest;
import io.pacslite.dimse.net.Timeouts;
import io.pacslite.testing.QueryStudies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orthanc 1.10 on the other side of Query/Retrieve: Orthanc queries PACS-lite and moves from it
 * (PACS-lite configured as a modality in Orthanc's temporary configuration, Orthanc's REST
 * {@code /modalities/pacslite/query} and {@code /move}), and {@code pacslite find}, {@code get}
 * and {@code move} pull from Orthanc.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QueryRetrieveOrthancTest {

    private static final Pattern QUERY_PATH = Pattern.compile("\"Path\"\\s*:\\s*\"/queries/([^\"]+)\"");

    @TempDir
    Path dir;
    private Archive archive;
    private DimseServer server;
    private AeTable aeTable;
    private OrthancProcess orthanc;

    @BeforeEach
    void start() throws Exception {
        archive = Archive.open(dir.resolve("archive"), ArchiveConfig.DEFAULTS);
        aeTable = AeTable.at(dir.resolve("archive").resolve(AeCommand.FILE_NAME));
        server = DimseServer.start(new InetSocketAddress("127.0.0.1", 0), AcceptancePolicy.defaults(),
                DimseServices.archive(archive, aeTable), Timeouts.defaults());
        orthanc = OrthancProcess.start(dir, "{ \"pacslite\": [ \"PACSLITE\", \"127.0.0.1\", %d ] }"
                .formatted(server.port()));
        aeTable.add(new RemoteAe("127.0.0.1", orthanc.dicomPort(), "ORTHANC"));
    }

    @AfterEach
    void stop() throws Exception {
        orthanc.close();
        server.close();
        archive.close();
    }

    @Test
    void orthancQueriesAndMovesFromPacslite() throws Exception {
        for (byte[] file : QueryStudies.files()) {
            assertThat(archive.store(new ByteArrayInputStream(file), StoreContext.partTen("test")).reason())
                    .isEqualTo(StoreReason.STORED);
        }

        String query = orthanc.post("modalities/pacslite/query",
                "{ \"Level\": \"Study\", \"Query\": { \"PatientName\": \"doe*\", \"StudyInstanceUID\": \"\" } }");
        Matcher id = QUERY_PATH.matcher(query);
        assertThat(id.find()).as(query).isTrue();
        String answers = orthanc.get("queries/" + id.group(1) + "/answers?expand&simplify");
        orthanc.post("modalities/pacslite/move", "{ \"Level\": \"Study\", \"Resources\": [ { \"StudyInstanceUID\": \""
                + uid("9", "1") + "\" } ], \"TargetAet\": \"ORTHANC\", \"Synchronous\": true }");

        assertThat(answers).contains(uid("9", "2") + "\"").contains(uid("9", "3") + "\"")
                .contains("Doe^Jane^Anne").contains("doe^john").doesNotContain(uid("9", "1") + "\"");
        assertThat(orthanc.sopInstanceUids()).containsExactlyInAnyOrder(uid("9", "1", "1", "1"),
                uid("9", "1", "1", "2"), uid("9", "1", "1", "3"), uid("9", "1", "2", "1"));
    }

    @Test
    void pacsliteFindsGetsAndMovesFromOrthanc() throws Exception {
        Path files = dir.resolve("files");
        assertThat(CommandRunner.run("generate", files.toString(), "--instances", "4", "--size", "32").exitCode())
                .isZero();
        List<StoreRequest> sent = requests(files);
        assertThat(CommandRunner.run("store", "--aec", "ORTHANC", "--no-progress", "127.0.0.1",
                Integer.toString(orthanc.dicomPort()), files.toString()).exitCode()).isZero();
        String study = studyOf(sent.get(0));

        CommandRunner.Run find = CommandRunner.run("find", "--aec", "ORTHANC", "-k", "StudyInstanceUID",
                "-k", "NumberOfStudyRelatedInstances", "127.0.0.1", Integer.toString(orthanc.dicomPort()));
        Path got = dir.resolve("got");
        CommandRunner.Run get = CommandRunner.run("get", "--aec", "ORTHANC", "-k", "StudyInstanceUID=" + study,
                "--out", got.toString(), "127.0.0.1", Integer.toString(orthanc.dicomPort()));
        CommandRunner.Run move = CommandRunner.run("move", "--aec", "ORTHANC", "--dest", "PACSLITE",
                "-k", "StudyInstanceUID=" + study, "127.0.0.1", Integer.toString(orthanc.dicomPort()));

        assertThat(find.exitCode()).as(find.err()).isZero();
        assertThat(find.out().lines()).containsExactly("StudyInstanceUID" + " ".repeat(study.length() - "StudyInstanceUID".length())
                + "  NumberOfStudyRelatedInstances", study + "  4");
        assertThat(get.exitCode()).as(get.out() + get.err()).isZero();
        assertThat(get.out()).containsPattern("completed\\s+4\\R");
        try (Stream<Path> received = Files.list(got)) {
            assertThat(received.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(r -> r.sopInstanceUid() + ".dcm").toList());
        }
        for (StoreRequest request : sent) {
            assertThat(datasetBytes(got.resolve(request.sopInstanceUid() + ".dcm")))
                    .isEqualTo(datasetBytes(request.file()));
        }
        assertThat(move.exitCode()).as(move.out() + move.err()).isZero();
        assertThat(move.out()).containsPattern("completed\\s+4\\R");
        for (StoreRequest request : sent) {
            assertThat(archive.index().find(request.sopInstanceUid())).as(request.sopInstanceUid()).isNotNull();
        }
    }

    private static List<StoreRequest> requests(Path folder) throws IOException {
        List<StoreRequest> requests = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                requests.add(StoreRequest.of(file));
            }
        }
        return requests;
    }

    private static String studyOf(StoreRequest request) throws IOException {
        try (DicomReader reader = DicomReader.open(request.file())) {
            return reader.readFile().dataset().getString(Tag.StudyInstanceUID);
        }
    }
}
