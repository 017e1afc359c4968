package io.pacslite.archive.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The archive's secret keys, each in a file of its root (docs/security.md): made once, random
 * ({@link SecureRandom}), in base64, readable by the owner only.
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * The {@code length}-byte key in {@code file}, made first if there is none; when two
     * processes race to make it, both use the one written first.
     *
     * @throws IOException if the file cannot be read or does not hold a key of that length
     */
    public static byte[] readOrCreate(Path file, int length) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[length];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, Base64.getEncoder().encode(key), StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // another process made it first: use its key
            }
        }
        byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (key.length != length) {
            throw new IOException(file + " does not hold a " + length + "-byte key in base64; remove it to make a new one");
        }
        return key;
    }
}
