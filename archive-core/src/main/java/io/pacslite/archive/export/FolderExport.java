package io.pacslite.archive.export;

import io.pacslite.archive.store.FileSystemBlobStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes an {@link Export} into a new folder: each member at its name, the DICOMDIR, if any, at
 * the top, which makes the folder a File-set (PS3.10 8) ready to be burnt or copied. The files
 * are written into a hidden sibling folder that is renamed to the destination at the end, so
 * that a failed export leaves nothing behind and an existing destination is never mixed into.
 */
public final class FolderExport {

    private FolderExport() {
    }

    /**
     * Writes the export as the folder {@code destination}.
     *
     * @throws FileAlreadyExistsException if {@code destination} exists
     */
    public static void write(Export export, FileSystemBlobStore blobs, Path destination) throws IOException {
        Path temp = createSibling(destination);
        try {
            if (export.dicomdir() != null) {
                Files.write(temp.resolve(Export.DICOMDIR), export.dicomdir());
            }
            for (Member member : export.members()) {
                Path file = temp.resolve(member.name());
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    member.write(blobs, out);
                }
            }
            Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(temp);
        }
    }

    /**
     * An empty hidden folder beside {@code destination}, to fill and rename into place.
     *
     * @throws FileAlreadyExistsException if {@code destination} exists
     */
    public static Path createSibling(Path destination) throws IOException {
        Path absolute = destination.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new FileAlreadyExistsException(destination.toString(), null, "it exists; export writes a new folder");
        }
        Files.createDirectories(absolute.getParent());
        return Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + "-");
    }

    /** Deletes {@code folder} and everything under it, if it exists. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
