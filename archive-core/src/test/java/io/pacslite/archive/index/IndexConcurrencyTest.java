package io.pacslite.archive.index;

import static io.pacslite.archive.index.Records.STUDY;
import static io.pacslite.archive.index.Records.instance;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers into the same new patient and study at once (DESIGN principle 6). */
class IndexConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 200;

    @TempDir
    Path dir;

    @Test
    void writersIntoOneNewSeriesGiveExactCounts() throws Exception {
        try (Index index = Index.open(dir)) {
            storeConcurrently(index, thread -> "1.2.3.4.1");

            assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 1600, 1600 * 1000L));
            assertThat(studyRow(index)).containsExactly("1", "1600", "CT");
            assertThat(seriesCounts(index)).containsExactly(1600);
        }
    }

    @Test
    void writersIntoEightNewSeriesGiveExactCounts() throws Exception {
        try (Index index = Index.open(dir)) {
            storeConcurrently(index, thread -> "1.2.3.4." + (thread + 1));

            assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 8, 1600, 1600 * 1000L));
            assertThat(studyRow(index)).containsExactly("8", "1600", "CT\\MR");
            assertThat(seriesCounts(index)).containsOnly(200).hasSize(8);
        }
    }

    @Test
    void writersStoringTheSameInstancesIndexEachOnce() throws Exception {
        try (Index index = Index.open(dir)) {
            List<InsertResult> results = storeConcurrently(index, thread -> "1.2.3.4.1", thread -> 0);

            assertThat(results.stream().filter(InsertResult.Inserted.class::isInstance)).hasSize(PER_THREAD);
            assertThat(results.stream().filter(InsertResult.AlreadyStored.class::isInstance))
                    .hasSize((THREADS - 1) * PER_THREAD);
            assertThat(studyRow(index)).containsExactly("1", "200", "CT");
        }
    }

    @Test
    void concurrentDeletesAndInsertsKeepCountsExact() throws Exception {
        try (Index index = Index.open(dir)) {
            for (int i = 0; i < 400; i++) {
                index.insert(instance("1.2.3.4.1", "CT", "1.2.3.4.1." + i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        index.delete("1.2.3.4.1." + (thread * 50 + i));
                        index.insert(instance("1.2.3.4.2", "MR", "1.2.3.4.2." + (thread * 50 + i)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(index.stats()).isEqualTo(new Index.Stats(1, 1, 1, 400, 400 * 1000L));
            assertThat(studyRow(index)).containsExactly("1", "400", "MR");
        }
    }

    private static List<InsertResult> storeConcurrently(Index index, IntFunction<String> seriesOfThread)
            throws Exception {
        return storeConcurrently(index, seriesOfThread, thread -> thread);
    }

    /** Each thread stores PER_THREAD instances; all threads start together. */
    private static List<InsertResult> storeConcurrently(Index index, IntFunction<String> seriesOfThread,
            IntFunction<Integer> sopPrefixOfThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<InsertResult>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                List<InsertResult> results = new ArrayList<>();
                String modality = thread % 2 == 0 ? "CT" : "MR";
                String series = seriesOfThread.apply(thread);
                for (int i = 0; i < PER_THREAD; i++) {
                    results.add(index.insert(instance(series, series.equals("1.2.3.4.1") ? "CT" : modality,
                            "1.2.3.5." + sopPrefixOfThread.apply(thread) + "." + i)));
                }
                return results;
            }));
        }
        start.countDown();
        List<InsertResult> all = new ArrayList<>();
        for (Future<List<InsertResult>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return all;
    }

    /** num_series, num_instances and modalities_in_study of the study. */
    private static List<String> studyRow(Index index) throws SQLException {
        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT num_series, num_instances, modalities_in_study FROM study WHERE study_uid = ?")) {
            p.setString(1, STUDY);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    private static List<Integer> seriesCounts(Index index) throws SQLException {
        try (Connection c = index.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("SELECT num_instances FROM series");
                ResultSet rs = p.executeQuery()) {
            List<Integer> counts = new ArrayList<>();
            while (rs.next()) {
                counts.add(rs.getInt(1));
            }
            return counts;
        }
    }
}
