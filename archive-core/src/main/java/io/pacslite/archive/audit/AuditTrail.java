package io.pacslite.archive.audit;

import io.pacslite.archive.index.AuditTable;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail (docs/security.md, "Audit trail"): events appended, hash-chained, to the
 * {@code audit_event} table and as JSON lines to {@code <audit-dir>/audit-YYYY-MM-DD.jsonl}
 * (UTC date of the event).
 *
 * <p>{@link #record} only puts the event in a bounded queue, so request paths do not wait for
 * the disk; one virtual thread takes what has queued up and writes it as one batch, in one
 * transaction. When the queue is full the event is not kept, and is counted: the next batch
 * starts with a {@link AuditEvent.Action#LOST LOST} event saying how many were lost, so the
 * gap shows in the trail itself.
 */
public final class AuditTrail implements Closeable {

    /** Events that may wait to be written before new ones are lost. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final int MAX_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /** What the queue holds: an event, or a request to signal when all before it is written. */
    private record Item(AuditEvent event, CountDownLatch written, boolean stop) {
    }

    private final AuditTable table;
    private final Path directory;
    private final BlockingQueue<Item> queue;
    private final AtomicLong lost = new AtomicLong();
    private final Thread writer;
    private long lastSeq;
    private String lastHash;
    private volatile SyslogSender syslog;

    /** Opens the trail kept in {@code table} and {@code directory}; see {@link #DEFAULT_CAPACITY}. */
    public AuditTrail(AuditTable table, Path directory, int capacity) {
        this.table = table;
        this.directory = directory;
        this.queue = new ArrayBlockingQueue<>(capacity);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the audit directory " + directory, e);
        }
        ChainedEvent last = table.last().orElse(null);
        this.lastSeq = last == null ? 0 : last.seq();
        this.lastHash = last == null ? ChainedEvent.GENESIS : last.hash();
        this.writer = Thread.ofVirtual().name("audit-writer").start(this::writeUntilStopped);
    }

    /**
     * Also sends each event, once written, to an audit record repository; {@link #close()}
     * closes {@code sender} after the last event.
     */
    public void alsoSendTo(SyslogSender sender) {
        this.syslog = sender;
    }

    /** Queues {@code event} to be written; never blocks. If the queue is full the event is counted as lost. */
    public void record(AuditEvent event) {
        if (!queue.offer(new Item(event, null, false)) && lost.getAndIncrement() == 0) {
            LOG.warn("The audit queue is full: events are being lost until the writer catches up");
        }
    }

    /** Waits until every event recorded before this call is written. */
    public void flush() throws InterruptedException {
        CountDownLatch written = new CountDownLatch(1);
        queue.put(new Item(null, written, false));
        written.await();
    }

    /** Checks the chain in the index; see {@link Verification}. */
    public Verification verify() {
        return Verification.of(table);
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        try {
            queue.put(new Item(null, null, true));
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (syslog != null) {
            syslog.close();
        }
    }

    private void writeUntilStopped() {
        List<Item> items = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                items.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(items, MAX_BATCH - 1);
            List<AuditEvent> events = new ArrayList<>();
            long lostNow = lost.getAndSet(0);
            if (lostNow > 0) {
                events.add(new AuditEvent(Instant.now(), null, null, null, AuditEvent.Action.LOST,
                        null, null, null, null, lostNow + " events lost: the audit queue was full"));
            }
            for (Item item : items) {
                if (item.event() != null) {
                    events.add(item.event());
                }
                stop |= item.stop();
            }
            write(events);
            items.stream().filter(i -> i.written() != null).forEach(i -> i.written().countDown());
            items.clear();
        }
    }

    private void write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ChainedEvent> rows = new ArrayList<>(events.size());
        String hash = lastHash;
        long seq = lastSeq;
        for (AuditEvent event : events) {
            ChainedEvent row = ChainedEvent.after(hash, ++seq, event);
            rows.add(row);
            hash = row.hash();
        }
        try {
            table.append(rows);
        } catch (RuntimeException e) {
            LOG.error("Cannot write {} audit events to the index; they are lost", rows.size(), e);
            return;
        }
        lastSeq = seq;
        lastHash = hash;
        writeLines(rows);
        SyslogSender sender = syslog;
        if (sender != null) {
            rows.forEach(row -> sender.send(row.event()));
        }
    }

    private void writeLines(List<ChainedEvent> rows) {
        Map<LocalDate, List<ChainedEvent>> byDay = new LinkedHashMap<>();
        for (ChainedEvent row : rows) {
            byDay.computeIfAbsent(LocalDate.ofInstant(row.event().at(), ZoneOffset.UTC), d -> new ArrayList<>())
                    .add(row);
        }
        byDay.forEach((day, dayRows) -> {
            Path file = fileFor(directory, day);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (ChainedEvent row : dayRows) {
                    out.write(AuditJson.line(row));
                    out.write('\n');
                }
            } catch (IOException e) {
                LOG.error("Cannot append {} audit events to {}; the index holds them", dayRows.size(), file, e);
            }
        });
    }

    /** The JSON-lines file of the events of {@code day} (UTC). */
    public static Path fileFor(Path directory, LocalDate day) {
        return directory.resolve("audit-" + day + ".jsonl");
    }
}
