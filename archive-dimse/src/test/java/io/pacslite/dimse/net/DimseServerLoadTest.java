package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.maintenance.Verifier;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated series of 500 CT instances (64 x 64) sent by dcmtk's storescu over one
 * association, and over four storescu processes of 125 each at once: afterwards the index
 * holds exactly one patient, study and series and 500 instances, each file is there with the
 * data set as sent, {@link Verifier} finds files and index in agreement, and no temp file is left.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DimseServerLoadTest {

    private static final int INSTANCES = 500;
    private static final int PARALLEL = 4;
    private static final String STUDY = SyntheticInstances.uid("500");
    private static final String SERIES = SyntheticInstances.uid("500", "1");

    @TempDir
    static Path series;
    private static List<Path> files;

    @TempDir
    Path root;
    private ArchiveServer server;

    @BeforeAll
    static void generate() throws Exception {
        files = new ArrayList<>();
        for (int i = 1; i <= INSTANCES; i++) {
            Path file = series.resolve(i + ".dcm");
            Files.write(file, SyntheticInstances.partTen(SyntheticInstances.ct("LOAD500", STUDY, SERIES, sop(i), 64, i),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            files.add(file);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = ArchiveServer.start(root);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void storesFiveHundredInstancesOverOneAssociation() throws Exception {
        Storescu.Result result = Storescu.run(server.port(), List.of(), files.toArray(Path[]::new));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsOnlyOnce("Association Accepted");
        assertExactlyTheSeriesIsStored();
    }

    @Test
    void storesFiveHundredInstancesOverFourParallelAssociations() throws Exception {
        int share = INSTANCES / PARALLEL;
        List<Future<Storescu.Result>> runs = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(PARALLEL)) {
            for (int i = 0; i < PARALLEL; i++) {
                Path[] part = files.subList(i * share, (i + 1) * share).toArray(Path[]::new);
                runs.add(senders.submit(() -> Storescu.run(server.port(), List.of(), part)));
            }
        }

        for (Future<Storescu.Result> run : runs) {
            Storescu.Result result = run.get();
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
        assertExactlyTheSeriesIsStored();
    }

    private void assertExactlyTheSeriesIsStored() throws Exception {
        server.awaitNoAssociations();
        Index.Stats stats = server.archive().index().stats();
        assertThat(stats.patients()).isEqualTo(1);
        assertThat(stats.studies()).isEqualTo(1);
        assertThat(stats.series()).isEqualTo(1);
        assertThat(stats.instances()).isEqualTo(INSTANCES);
        for (int i = 1; i <= INSTANCES; i++) {
            assertThat(datasetBytes(server.storedFile(sop(i))))
                    .isEqualTo(datasetBytes(files.get(i - 1)));
        }
        assertThat(server.filesUnder("data")).hasSize(INSTANCES);
        assertThat(server.filesUnder("tmp")).isEmpty();
        Verifier.Report report = new Verifier(server.archive().blobs(), server.archive().index()).run(false);
        assertThat(report.isClean()).as(report.toString()).isTrue();
        assertThat(report.rowsChecked()).isEqualTo(INSTANCES);
    }

    private static String sop(int i) {
        return SyntheticInstances.uid("500", "1", Integer.toString(i));
    }
}
