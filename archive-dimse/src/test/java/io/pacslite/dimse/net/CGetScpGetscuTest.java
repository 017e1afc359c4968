package io.pacslite.dimse.net;

import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dimse.testing.Dcmtk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * dcmtk's getscu against the archive's C-GET SCP (PS3.4 C.4.3): the instances come back on the
 * same association, bit for bit as stored ({@code getscu +B} writes what it receives).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CGetScpGetscuTest extends QueryServerTest {

    @TempDir
    Path out;

    @Test
    void retrievesASeriesByteForByte() throws Exception {
        Dcmtk.Result result = getscu("-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + uid("9", "1"),
                "SeriesInstanceUID=" + uid("9", "1", "1"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertReceivedAsStored(uid("9", "1", "1", "1"), uid("9", "1", "1", "2"), uid("9", "1", "1", "3"));
        assertThat(result.output()).contains("Received C-GET Response (Success)")
                .contains("Number of Completed Suboperations : 3").contains("Number of Failed Suboperations    : 0");
        assertThat(result.output().split("Received C-GET Response \\(Pending\\)", -1)).hasSize(4);
    }

    @Test
    void retrievesEveryStudyOfAPatientInPatientRoot() throws Exception {
        Dcmtk.Result result = getscu("-P", "QueryRetrieveLevel=PATIENT", "PatientID=P1");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertReceivedAsStored(uid("9", "1", "1", "1"), uid("9", "1", "1", "2"), uid("9", "1", "1", "3"),
                uid("9", "1", "2", "1"), uid("9", "6", "1", "1"), uid("9", "6", "1", "2"));
    }

    @Test
    void retrievesAListOfImages() throws Exception {
        Dcmtk.Result result = getscu("-S", "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + uid("9", "3"),
                "SeriesInstanceUID=" + uid("9", "3", "2"), "SOPInstanceUID=" + uid("9", "3", "2", "1"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertReceivedAsStored(uid("9", "3", "2", "1"));
    }

    @Test
    void refusesARetrieveWithoutItsUniqueKey() throws Exception {
        Dcmtk.Result result = getscu("-S", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + uid("9", "1"));

        assertThat(received()).isEmpty();
        assertThat(result.output()).contains("Error: DataSetDoesNotMatchSOPClass");
    }

    private void assertReceivedAsStored(String... sopInstanceUids) throws IOException {
        server.assertHoldAsStored(received(), sopInstanceUids);
    }

    private List<Path> received() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private Dcmtk.Result getscu(String model, String... keys) throws Exception {
        List<String> command = new ArrayList<>(List.of("-v", model, "+B", "-aet", "GETSCU", "-aec", "PACSLITE",
                "-od", out.toString()));
        for (String key : keys) {
            command.addAll(List.of("-k", key));
        }
        command.addAll(List.of("127.0.0.1", Integer.toString(server.port())));
        return Dcmtk.run(out.getParent(), "getscu", command);
    }
}
