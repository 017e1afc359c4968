package io.pacslite.archive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DirectorySyncsTest {

    private static final Path DIR = Path.of("series");

    @Test
    void callersArrivingDuringAnFsyncShareTheNextOne() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger fsyncs = new AtomicInteger();
        DirectorySyncs syncs = new DirectorySyncs(dir -> {
            if (fsyncs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = threads.submit(() -> sync(syncs));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                waiting.add(threads.submit(() -> sync(syncs)));
            }
            Thread.sleep(200);
            assertThat(waiting).noneMatch(Future::isDone);
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : waiting) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        // the eight that arrived while the first ran cannot trust it; one more fsync covers them all
        assertThat(fsyncs.get()).isEqualTo(2);
    }

    @Test
    void aFailedFsyncIsReportedAndNotTrustedByOthers() throws Exception {
        AtomicInteger fsyncs = new AtomicInteger();
        DirectorySyncs syncs = new DirectorySyncs(dir -> {
            if (fsyncs.incrementAndGet() == 1) {
                throw new IOException("disk gone");
            }
        });
        assertThatThrownBy(() -> syncs.sync(DIR)).hasMessage("disk gone");
        syncs.sync(DIR);
        assertThat(fsyncs.get()).isEqualTo(2);
    }

    @Test
    void sequentialCallersEachGetTheirOwnFsync() throws IOException {
        AtomicInteger fsyncs = new AtomicInteger();
        DirectorySyncs syncs = new DirectorySyncs(dir -> fsyncs.incrementAndGet());
        for (int i = 0; i < 3; i++) {
            syncs.sync(DIR);
        }
        assertThat(fsyncs.get()).isEqualTo(3);
    }

    private static Void sync(DirectorySyncs syncs) throws IOException {
        syncs.sync(DIR);
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
