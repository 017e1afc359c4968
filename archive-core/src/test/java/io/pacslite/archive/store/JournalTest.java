package io.pacslite.archive.store;

import static io.pacslite.archive.store.JournalTestFiles.bytes;
import static io.pacslite.archive.store.JournalTestFiles.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit journal on real files: what is appended and synced is replayed, and nothing else. */
class JournalTest {

    private static final long SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void replaysWhatWasAppendedInOrder() throws IOException {
        try (Journal journal = open()) {
            for (int i = 0; i < 5; i++) {
                journal.sync(journal.appendFile(key(i), ByteBuffer.wrap(bytes(i, 1000 + i))));
            }
            journal.sync(journal.appendTombstone(key(2)));
        }

        List<Replayed> records = replay();

        assertThat(records).extracting(Replayed::key)
                .containsExactly(key(0), key(1), key(2), key(3), key(4), key(2));
        assertThat(records.get(5).kind()).isEqualTo(JournalSegment.TOMBSTONE);
        for (int i = 0; i < 5; i++) {
            assertThat(records.get(i).kind()).isEqualTo(JournalSegment.FILE);
            assertThat(records.get(i).data()).isEqualTo(bytes(i, 1000 + i));
        }
    }

    @Test
    void aRecordCutShortEndsReplay() throws IOException {
        long lastRecord = appendThree();
        try (FileChannel channel = FileChannel.open(onlySegment(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(600), lastRecord + 500); // the rest of it never written
        }

        assertThat(replay()).extracting(Replayed::key).containsExactly(key(0), key(1));
    }

    @Test
    void aFileTruncatedInARecordEndsReplay() throws IOException {
        long lastRecord = appendThree();
        try (FileChannel channel = FileChannel.open(onlySegment(), StandardOpenOption.WRITE)) {
            channel.truncate(lastRecord + 700);
        }

        assertThat(replay()).extracting(Replayed::key).containsExactly(key(0), key(1));
    }

    @Test
    void aFlippedByteEndsReplay() throws IOException {
        long lastRecord = appendThree();
        try (FileChannel channel = FileChannel.open(onlySegment(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, lastRecord + 300);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x10)}), lastRecord + 300);
        }

        assertThat(replay()).extracting(Replayed::key).containsExactly(key(0), key(1));
    }

    @Test
    void rollsOverToNewSegmentsAndReplaysThemAll() throws IOException {
        AtomicInteger full = new AtomicInteger();
        try (Journal journal = Journal.open(dir, SEGMENT, full::incrementAndGet)) {
            for (int i = 0; i < 40; i++) {
                journal.sync(journal.appendFile(key(i), ByteBuffer.wrap(bytes(i, 9000))));
            }
        }

        assertThat(full.get()).isGreaterThanOrEqualTo(5);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".journal"))).hasSize(full.get() + 1)
                    .allSatisfy(f -> assertThat(Files.size(f)).isEqualTo(SEGMENT));
        }
        List<Replayed> records = replay();
        assertThat(records).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(records.get(i).key()).isEqualTo(key(i));
            assertThat(records.get(i).data()).isEqualTo(bytes(i, 9000));
        }
    }

    @Test
    void concurrentCommittersShareForces() throws Exception {
        int threads = 16;
        int each = 40;
        long forces;
        try (Journal journal = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    jobs.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            int n = thread * each + i;
                            journal.sync(journal.appendFile(key(n), ByteBuffer.wrap(bytes(n, 500))));
                        }
                        return null;
                    }));
                }
                for (Future<?> job : jobs) {
                    job.get();
                }
            } finally {
                pool.shutdown();
            }
            forces = journal.forces();
        }

        assertThat(forces).as("forces for %d syncs", threads * each).isLessThan(threads * each);
        List<Replayed> records = replay();
        assertThat(records).hasSize(threads * each);
        for (Replayed record : records) {
            String sop = record.key().substring(0, record.key().length() - ".dcm".length());
            int n = Integer.parseInt(sop.substring(sop.lastIndexOf('.') + 1));
            assertThat(record.data()).isEqualTo(bytes(n, 500));
        }
    }

    @Test
    void recycledSegmentsAreReusedAndTheirOldRecordsNeverReplayed() throws IOException {
        List<Path> filesBefore;
        try (Journal journal = open()) {
            for (int i = 0; i < 5; i++) {
                journal.sync(journal.appendFile(key(i), ByteBuffer.wrap(bytes(i, 2000))));
            }
            List<JournalSegment> sealed = journal.seal();
            assertThat(journal.isEmpty()).as("sealed, not yet recycled").isFalse();
            journal.recycle(sealed);
            assertThat(journal.isEmpty()).isTrue();
            filesBefore = segmentFiles();
            // Shorter than the first record: records 1..4 of the earlier use stay in the file, CRCs intact.
            journal.sync(journal.appendFile(key(9), ByteBuffer.wrap(bytes(9, 100))));
        }

        assertThat(segmentFiles()).isEqualTo(filesBefore);
        assertThat(replay()).extracting(Replayed::key).containsExactly(key(9));
    }

    @Test
    void isEmptyOnceCleared() throws IOException {
        try (Journal journal = open()) {
            journal.sync(journal.appendFile(key(1), ByteBuffer.wrap(bytes(1, 10))));
        }
        try (Journal journal = open()) {
            assertThat(journal.records()).hasSize(1);
            journal.clear();
        }

        assertThat(replay()).isEmpty();
    }

    /** Appends three 2,000-byte files; returns the offset of the third record. */
    private long appendThree() throws IOException {
        try (Journal journal = open()) {
            for (int i = 0; i < 3; i++) {
                journal.sync(journal.appendFile(key(i), ByteBuffer.wrap(bytes(i, 2000))));
            }
        }
        return replay().get(2).offset();
    }

    private Journal open() throws IOException {
        return Journal.open(dir, SEGMENT, () -> { });
    }

    /** A record as replay sees it, read while the journal is open. */
    private record Replayed(String key, byte kind, byte[] data, long offset) {
    }

    private List<Replayed> replay() throws IOException {
        try (Journal journal = open()) {
            List<Replayed> records = new ArrayList<>();
            for (JournalSegment.Entry e : journal.records()) {
                records.add(new Replayed(e.key(), e.kind(), e.kind() == JournalSegment.FILE ? e.data() : null, e.offset()));
            }
            return records;
        }
    }

    private Path onlySegment() throws IOException {
        List<Path> files = segmentFiles();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".journal")).sorted().toList();
        }
    }
}
