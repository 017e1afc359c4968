package io.pacslite.archive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemBlobStoreTest {

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.1";
    private static final String SERIES = "1.2.826.0.1.3680043.8.498.1.1";
    private static final String KEY = StorageKeys.of(STUDY, SERIES, "1.2.826.0.1.3680043.8.498.1.1.1");
    private static final String OTHER_KEY = StorageKeys.of(STUDY, SERIES, "1.2.826.0.1.3680043.8.498.1.1.2");

    @TempDir
    Path root;
    private FileSystemBlobStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = FileSystemBlobStore.open(root);
    }

    @Test
    void givesBackTheCommittedBytes() throws Exception {
        byte[] bytes = randomBytes(200_000, 1);

        TempBlob temp = write(bytes);
        store.commit(temp, KEY, false);

        assertThat(read(store.open(KEY))).isEqualTo(bytes);
        assertThat(store.exists(KEY)).isTrue();
        assertThat(store.size(KEY)).isEqualTo(bytes.length);
        assertThat(temp.size()).isEqualTo(bytes.length);
        assertThat(temp.sha256()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(Files.readAllBytes(store.pathOf(KEY))).isEqualTo(bytes);
        assertThat(root.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void countsAndHashesMixedWritesLikeOneDigest() throws Exception {
        byte[] large = randomBytes(3 * TempBlobOutput.BUFFER_SIZE + 17, 2);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (TempBlob temp = store.createTemp()) {
            temp.output().write(7);
            expected.update((byte) 7);
            temp.output().write(large, 5, TempBlobOutput.BUFFER_SIZE - 3);
            expected.update(large, 5, TempBlobOutput.BUFFER_SIZE - 3);
            temp.output().write(large);
            expected.update(large);
            assertThat(temp.size()).isEqualTo(1 + TempBlobOutput.BUFFER_SIZE - 3 + large.length);
            assertThatThrownBy(temp::sha256).isInstanceOf(IllegalStateException.class);

            temp.output().close();

            assertThat(temp.sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
            assertThat(Files.size(temp.path())).isEqualTo(temp.size());
        }
    }

    @Test
    void hashesAbcToTheKnownVector() throws IOException {
        TempBlob temp = write("abc".getBytes());
        store.commit(temp, KEY, false);

        assertThat(temp.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void refusesToOverwriteWithoutReplaceAndLeavesTheOriginal() throws IOException {
        store.commit(write("original".getBytes()), KEY, false);

        try (TempBlob second = write("second".getBytes())) {
            assertThatThrownBy(() -> store.commit(second, KEY, false)).isInstanceOf(FileAlreadyExistsException.class);
            assertThat(Files.exists(second.path())).isTrue();
        }

        assertThat(read(store.open(KEY))).isEqualTo("original".getBytes());
        assertThat(root.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void replacesWhenAskedEvenAfterARefusal() throws IOException {
        store.commit(write("original".getBytes()), KEY, false);
        TempBlob second = write("second".getBytes());
        assertThatThrownBy(() -> store.commit(second, KEY, false)).isInstanceOf(FileAlreadyExistsException.class);

        try (InputStream reader = store.open(KEY)) {
            store.commit(second, KEY, true);
            assertThat(read(reader)).isEqualTo("original".getBytes());
        }

        assertThat(read(store.open(KEY))).isEqualTo("second".getBytes());
        assertThat(root.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void refusesToCommitATempTwice() throws IOException {
        TempBlob temp = write("x".getBytes());
        store.commit(temp, KEY, false);

        assertThatThrownBy(() -> store.commit(temp, OTHER_KEY, false)).isInstanceOf(IllegalStateException.class);
        temp.close();
        assertThat(store.exists(KEY)).isTrue();
    }

    @Test
    void readsExactlyTheRequestedRange() throws IOException {
        byte[] bytes = randomBytes(100_000, 3);
        store.commit(write(bytes), KEY, false);

        assertThat(read(store.openRange(KEY, 0, 10))).isEqualTo(slice(bytes, 0, 10));
        assertThat(read(store.openRange(KEY, 40_000, 30_000))).isEqualTo(slice(bytes, 40_000, 30_000));
        assertThat(read(store.openRange(KEY, 99_990, 10))).isEqualTo(slice(bytes, 99_990, 10));
        assertThat(read(store.openRange(KEY, 0, 100_000))).isEqualTo(bytes);
        assertThat(read(store.openRange(KEY, 100_000, 0))).isEmpty();
        assertThat(read(store.openRange(KEY, 500, 0))).isEmpty();
        try (InputStream range = store.openRange(KEY, 1000, 4)) {
            assertThat(range.read()).isEqualTo(bytes[1000] & 0xFF);
            assertThat(range.skip(1)).isEqualTo(1);
            assertThat(range.read()).isEqualTo(bytes[1002] & 0xFF);
            assertThat(range.skip(100)).isEqualTo(1);
            assertThat(range.read()).isEqualTo(-1);
        }
    }

    @Test
    void rejectsRangesOutsideTheFile() throws IOException {
        store.commit(write(new byte[100]), KEY, false);

        assertThatThrownBy(() -> store.openRange(KEY, 90, 11)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> store.openRange(KEY, 101, 0)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> store.openRange(KEY, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openRange(KEY, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openRange(KEY, 1, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openRange(OTHER_KEY, 0, 1)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void reportsAMissingKey() {
        assertThat(store.exists(KEY)).isFalse();
        assertThatThrownBy(() -> store.open(KEY)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.size(KEY)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deletesIdempotentlyAndRemovesEmptyDirectories() throws IOException {
        store.commit(write("a".getBytes()), KEY, false);
        store.commit(write("b".getBytes()), OTHER_KEY, false);

        store.delete(KEY);
        store.delete(KEY);

        assertThat(store.exists(KEY)).isFalse();
        assertThat(store.exists(OTHER_KEY)).isTrue();
        store.delete(OTHER_KEY);
        assertThat(root.resolve("data")).isEmptyDirectory();
        store.commit(write("c".getBytes()), KEY, false);
        assertThat(read(store.open(KEY))).isEqualTo("c".getBytes());
    }

    @Test
    void listsExactlyTheCommittedKeys() throws IOException {
        store.commit(write("a".getBytes()), KEY, false);
        store.commit(write("b".getBytes()), OTHER_KEY, false);
        TempBlob pending = write("pending".getBytes());
        Path series = store.pathOf(KEY).getParent();
        Files.writeString(series.resolve("notes.txt"), "stray");
        Files.writeString(series.resolve("1.2.dcm.tmp"), "stray");
        Files.createDirectories(series.resolve("1.2.3.dcm"));
        Files.writeString(root.resolve("data/stray.dcm"), "stray");
        Files.createDirectories(root.resolve("data/zz/zz/1.2/1.3"));
        Files.writeString(root.resolve("data/zz/zz/1.2/1.3/1.4.dcm"), "wrong prefix");

        try (Stream<String> keys = store.list()) {
            assertThat(keys).containsExactlyInAnyOrder(KEY, OTHER_KEY);
        }
        pending.close();
    }

    @Test
    void readsBackASmallFileWholeForTheJournal() throws IOException {
        byte[] bytes = randomBytes(FileSystemBlobStore.JOURNAL_THRESHOLD, 5);
        try (TempBlob temp = write(bytes)) {
            assertThatThrownBy(temp::readBack).isInstanceOf(IllegalStateException.class);
            temp.closeOutput();

            ByteBuffer readBack = temp.readBack();

            assertThat(readBack.position()).isZero();
            assertThat(slice(readBack.array(), 0, readBack.remaining())).isEqualTo(bytes);
        }
    }

    @Test
    void readsBackNoFileLargerThanTheJournalTakes() throws IOException {
        try (TempBlob temp = write(randomBytes(FileSystemBlobStore.JOURNAL_THRESHOLD + 1, 6))) {
            temp.closeOutput();

            assertThat(temp.readBack()).isNull();
        }
    }

    @Test
    void readsBackNothingOnceTheFileIsFinished() throws IOException {
        try (TempBlob temp = write(randomBytes(1_000, 7))) {
            temp.finish(true);

            assertThat(temp.readBack()).isNull();
        }
    }

    @Test
    void leavesNothingBehindWhenATempIsAborted() throws IOException {
        TempBlob temp = write(randomBytes(100_000, 4));
        Path file = temp.path();

        temp.close();
        temp.close();

        assertThat(file).doesNotExist();
        assertThat(root.resolve("tmp")).isEmptyDirectory();
        assertThat(root.resolve("data")).isEmptyDirectory();
        assertThatThrownBy(() -> store.commit(temp, KEY, false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void removesAndCountsLeftoverTempFilesAtOpen() throws IOException {
        assertThat(store.removedTempFiles()).isZero();
        store.commit(write("kept".getBytes()), KEY, false);
        Files.writeString(root.resolve("tmp/0b1c.tmp"), "half an instance");
        Files.writeString(root.resolve("tmp/77aa.tmp"), "another");
        write("an unfinished write".getBytes());

        FileSystemBlobStore reopened = FileSystemBlobStore.open(root);

        assertThat(reopened.removedTempFiles()).isEqualTo(3);
        assertThat(root.resolve("tmp")).isEmptyDirectory();
        assertThat(read(reopened.open(KEY))).isEqualTo("kept".getBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "ab/cd/1.2/1.3/1.4.dcm/../x", "ab\\cd", "1.2\0.dcm", ""})
    void rejectsKeysWithPathTricks(String key) {
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openRange(key, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.pathOf(key)).isInstanceOf(IllegalArgumentException.class);
        try (TempBlob temp = store.createTemp()) {
            assertThatThrownBy(() -> store.commit(temp, key, true)).isInstanceOf(IllegalArgumentException.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void commitsConcurrentlyIntoOneStudy() throws Exception {
        int threads = 8;
        int perThread = 100;
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(executor.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String series = SERIES + "." + (i % 4);
                        String key = StorageKeys.of(STUDY, series, series + "." + thread + "." + (i + 1));
                        store.commit(write(key.getBytes()), key, false);
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }

        try (Stream<String> keys = store.list()) {
            List<String> listed = keys.toList();
            assertThat(listed).hasSize(threads * perThread).doesNotHaveDuplicates();
            for (String key : listed) {
                assertThat(read(store.open(key))).isEqualTo(key.getBytes());
            }
        }
        assertThat(root.resolve("tmp")).isEmptyDirectory();
    }

    private TempBlob write(byte[] bytes) throws IOException {
        TempBlob temp = store.createTemp();
        temp.output().write(bytes);
        return temp;
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(byte[] bytes, int offset, int length) {
        byte[] slice = new byte[length];
        System.arraycopy(bytes, offset, slice, 0, length);
        return slice;
    }
}
