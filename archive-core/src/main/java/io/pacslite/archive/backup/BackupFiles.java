package io.pacslite.archive.backup;

import io.pacslite.archive.store.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** File work that backup and restore share. */
final class BackupFiles {

    private BackupFiles() {
    }

    /**
     * Puts {@code source} at the new path {@code target}, creating its folders: a hard link when
     * {@code link} (stored files are never written in place, only replaced by a rename or
     * deleted, so a link keeps the bytes of the moment), else a copy; either made durable. Returns the
     * fingerprint of the bytes now at {@code target}, read once.
     */
    static Sha256.Fingerprint place(Path source, Path target, boolean link) throws IOException {
        Files.createDirectories(target.getParent());
        if (link) {
            Files.createLink(target, source);
            // A file committed through the store's journal is made durable only at the next
            // checkpoint; the backup must not depend on that.
            return fingerprintDurably(target);
        }
        try (InputStream in = Files.newInputStream(source);
                FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            Sha256.Fingerprint copied = Sha256.Fingerprint.copy(in, out);
            channel.force(true);
            return copied;
        }
    }

    /** Reads {@code file} for its fingerprint and forces it to disk. */
    static Sha256.Fingerprint fingerprintDurably(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Sha256.Fingerprint fingerprint = Sha256.Fingerprint.of(Channels.newInputStream(channel));
            channel.force(true);
            return fingerprint;
        }
    }

    /** Whether hard links from {@code source} can be made in {@code target}: the two are on one file system. */
    static boolean sameFileSystem(Path source, Path target) throws IOException {
        return Files.getFileStore(source).equals(Files.getFileStore(target));
    }

    /** Whether {@code dir} is missing or an empty folder. */
    static boolean isMissingOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    /** Extracts the files of {@code zip} into {@code dir} (an H2 backup holds the database files, no folders). */
    static void unzip(Path zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = dir.resolve(entry.getName()).normalize();
                if (entry.isDirectory() || !file.getParent().equals(dir.normalize())) {
                    throw new BackupException(zip + " holds " + entry.getName() + ", not a database file");
                }
                Files.copy(in, file);
            }
        }
    }

    /** {@code path} of a manifest resolved in {@code backup}, refused if it leads out of it. */
    static Path inside(Path backup, String path) throws BackupException {
        Path base = backup.toAbsolutePath().normalize();
        Path file = base.resolve(path).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new BackupException("the manifest names " + path + ", which is not a file of the backup");
        }
        return file;
    }

    /** Deletes {@code dir} and everything under it. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
