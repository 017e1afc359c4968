package io.pacslite.archive;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.maintenance.Verifier;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many senders storing into the same new study at once (DESIGN principle 6), through the
 * whole ingest path: one patient, one study, the series there are, and exact counts.
 */
class ArchiveConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 200;

    @TempDir
    Path root;

    @Test
    void eightSendersIntoOneNewStudyGiveOneStudyAndExactCounts() throws Exception {
        String study = uid("7");
        try (Archive archive = Archive.open(root, ArchiveConfig.DEFAULTS)) {
            ExecutorService senders = Executors.newFixedThreadPool(THREADS);
            List<Future<List<StoreResult>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(senders.submit(() -> {
                    List<StoreResult> mine = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        // Every sender writes into each of the four series, and the first instance
                        // is sent by all of them: duplicates race too.
                        String series = uid("7", Integer.toString(i % 4));
                        String sop = i == 0 ? uid("7", "0", "0") : uid("7", Integer.toString(i % 4), Integer.toString((thread + 1) * 1000 + i));
                        byte[] bytes = SyntheticInstances.dataset(ct("P7", study, series, sop, 16, i == 0 ? 0 : i),
                                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                        mine.add(archive.store(new ByteArrayInputStream(bytes),
                                StoreContext.dataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "SENDER" + thread, "127.0.0.1")));
                    }
                    return mine;
                }));
            }
            senders.shutdown();
            long stored = 0;
            long alreadyStored = 0;
            for (Future<List<StoreResult>> future : results) {
                for (StoreResult result : future.get()) {
                    assertThat(result.isStored()).as(result.toString()).isTrue();
                    stored += result.reason() == StoreReason.STORED ? 1 : 0;
                    alreadyStored += result.reason() == StoreReason.ALREADY_STORED ? 1 : 0;
                }
            }

            int expected = THREADS * (PER_THREAD - 1) + 1;
            assertThat(stored).isEqualTo(expected);
            assertThat(alreadyStored).isEqualTo(THREADS - 1);
            Index.Stats stats = archive.index().stats();
            assertThat(stats.patients()).isEqualTo(1);
            assertThat(stats.studies()).isEqualTo(1);
            assertThat(stats.series()).isEqualTo(4);
            assertThat(stats.instances()).isEqualTo(expected);
            assertThat(new Verifier(archive.blobs(), archive.index()).run(false).isClean()).isTrue();
        }
    }
}
