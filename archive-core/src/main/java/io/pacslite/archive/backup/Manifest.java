package io.pacslite.archive.backup;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A backup's {@code manifest.tsv}: every file of the backup, one a line, as its path in the
 * backup, its size in bytes and its SHA-256, tab-separated; lines starting with {@code #} are
 * comments. It is written last (under a temporary name, then renamed), so a backup without it
 * is incomplete.
 */
public final class Manifest {

    /** The manifest's name in the backup folder. */
    public static final String FILE_NAME = "manifest.tsv";

    /** One file of the backup. */
    public record Entry(String path, long size, String sha256) {
    }

    private Manifest() {
    }

    /**
     * Reads the manifest of the backup in {@code backup}.
     *
     * @throws BackupException if there is none or a line is not {@code path size sha256}
     */
    public static List<Entry> read(Path backup) throws IOException {
        Path file = backup.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new BackupException(backup + " has no " + FILE_NAME + ": it is not a complete PACS-lite backup");
        }
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            try {
                if (fields.length != 3 || !fields[2].matches("[0-9a-f]{64}")) {
                    throw new NumberFormatException();
                }
                entries.add(new Entry(fields[0], Long.parseLong(fields[1]), fields[2]));
            } catch (NumberFormatException e) {
                throw new BackupException(file + " line " + number + " is not 'path<TAB>size<TAB>sha256': " + line);
            }
        }
        return entries;
    }

    /**
     * Writes a manifest line by line under a temporary name; {@link #finish()} makes it durable
     * and puts it in place, {@link #close()} without it removes it (the backup failed).
     */
    static final class Writer implements Closeable {

        private final Path partial;
        private final Path target;
        private final BufferedWriter out;
        private boolean finished;

        Writer(Path backup, Instant snapshot) throws IOException {
            this.target = backup.resolve(FILE_NAME);
            this.partial = backup.resolve(FILE_NAME + ".partial");
            this.out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
            out.write("# PACS-lite backup; index snapshot taken at " + snapshot + "\n");
            out.write("# path\tsize\tsha256\n");
        }

        void add(Entry entry) throws IOException {
            out.write(entry.path() + "\t" + entry.size() + "\t" + entry.sha256() + "\n");
        }

        /** Completes the manifest: the backup is then complete. */
        void finish() throws IOException {
            out.close();
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                out.close();
                Files.deleteIfExists(partial);
            }
        }
    }
}
