package io.pacslite.dicomweb;

import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DICOMweb client nobody here wrote: the npm package dicomweb-client, the library OHIF uses,
 * run by node ({@code src/test/node/client.js}, versions pinned in its package-lock.json)
 * against the real server. It stores a series with storeInstances, finds it with
 * searchForStudies/Series/Instances, and retrieves an instance, the series metadata and a
 * frame; what it got is checked here. npm installs into target/dicomweb-client; in CI a
 * failed install fails the test, elsewhere it aborts it.
 */
class DicomwebClientTest {

    private static final String STUDY = uid("70");
    private static final String SERIES = uid("70", "1");
    private static final int SIZE = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dicomwebClientStoresSearchesAndRetrieves(@TempDir Path dir) throws IOException {
        Path client = installClient();
        try (TestServer server = TestServer.start(dir.resolve("archive"))) {
            run(client, server, dir);
        }
    }

    private static void run(Path client, TestServer server, Path dir) throws IOException {
        List<String> sopUids = new ArrayList<>();
        List<String> command = new ArrayList<>(List.of("node", client.toString(), server.url + "/dicom-web", "P70"));
        for (int i = 1; i <= 3; i++) {
            Attributes instance = SyntheticInstances.ct("P70", STUDY, SERIES, uid("70", "1", "" + i), SIZE, i);
            Path file = dir.resolve(i + ".dcm");
            Files.write(file, SyntheticInstances.partTen(instance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            command.add(file.toString());
            sopUids.add(uid("70", "1", "" + i));
        }

        TestPeers.Result run = TestPeers.run(command, null);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(texts(report.get("stored"))).containsExactlyElementsOf(sopUids);
        assertThat(report.get("studies")).hasSize(1);
        JsonNode study = report.get("studies").get(0);
        assertThat(study.get("uid").asText()).isEqualTo(STUDY);
        assertThat(texts(study.get("modalities"))).containsExactly("CT");
        assertThat(study.get("series").asInt()).isEqualTo(1);
        assertThat(study.get("instances").asInt()).isEqualTo(3);
        assertThat(study.get("retrieveUrl").asText()).isEqualTo(server.url + "/dicom-web/studies/" + STUDY);
        assertThat(report.at("/series/0/uid").asText()).isEqualTo(SERIES);
        assertThat(report.at("/series/0/instances").asInt()).isEqualTo(3);
        assertThat(texts(report.get("instances"))).containsExactlyElementsOf(sopUids);
        assertThat(report.get("instanceBytes").asLong()).isEqualTo(server.archive.index().find(sopUids.get(0)).size());
        assertThat(texts(report.get("metadata"))).containsExactlyInAnyOrderElementsOf(sopUids);
        assertThat(texts(report.get("frameBytes"))).containsExactly(Integer.toString(SIZE * SIZE * 2));
    }

    /** Runs src/test/node/install.sh: npm ci into target/dicomweb-client, once per lock file. */
    private static Path installClient() throws IOException {
        TestPeers.require("node");
        TestPeers.require("npm");
        Path target = Path.of("target", "dicomweb-client").toAbsolutePath();
        TestPeers.Result install = TestPeers.run(List.of("bash", "src/test/node/install.sh", target.toString()), null);
        if (install.exitCode() != 0) {
            TestPeers.missing("npm could not install dicomweb-client: " + install.stderr());
        }
        return target.resolve("client.js");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
