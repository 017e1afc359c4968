package io.pacslite.dicomweb.wado;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rendered thumbnails on disk, one file per instance, frame and parameters, named by a hash of
 * them. Bounded: once the files pass {@code maxBytes}, the least recently used go until a
 * quarter of the room is free again. Safe to delete at any time, wholly or in part: a missing
 * thumbnail is rendered again. Instances are immutable once stored, so a thumbnail never goes
 * stale; a deleted instance's thumbnails stay until evicted, and no request reaches them.
 */
final class ThumbnailCache {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCache.class);

    private final Path folder;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong(-1);

    ThumbnailCache(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    /** The cached thumbnail for {@code key}, its use noted, or empty. */
    Optional<byte[]> get(String key) {
        Path file = fileOf(key);
        try {
            byte[] image = Files.readAllBytes(file);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            return Optional.of(image);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("thumbnail cache: cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Keeps {@code image} for {@code key} (written whole, then renamed), then evicts if over the
     * bound; a cache of no room keeps nothing.
     */
    void put(String key, byte[] image) {
        if (maxBytes == 0) {
            return;
        }
        Path file = fileOf(key);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(temp, image);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("thumbnail cache: cannot write {}: {}", file, e.toString());
            return;
        }
        if (bytes.get() < 0) {
            bytes.compareAndSet(-1, size());
        } else if (bytes.addAndGet(image.length) > maxBytes) {
            evict();
        }
    }

    /** The files in the cache now. */
    List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private synchronized void evict() {
        try {
            List<Path> files = files().stream()
                    .sorted(Comparator.comparing(ThumbnailCache::lastModified)).toList();
            long total = size(files);
            long target = maxBytes - maxBytes / 4;
            for (Path file : files) {
                if (total <= target) {
                    break;
                }
                long length = Files.size(file);
                Files.deleteIfExists(file);
                total -= length;
            }
            bytes.set(total);
        } catch (IOException e) {
            LOG.warn("thumbnail cache: eviction failed: {}", e.toString());
        }
    }

    private long size() {
        try {
            return size(files());
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        return total;
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private Path fileOf(String key) {
        String hash = sha256(key);
        return folder.resolve(hash.substring(0, 2)).resolve(hash);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
