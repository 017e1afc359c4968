package io.pacslite.archive.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the archive records it for every stored file: 64 lowercase hex digits. */
public final class Sha256 {

    private Sha256() {
    }

    /** A new SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The digest's value as 64 lowercase hex digits (the digest is reset). */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Size and SHA-256 of a whole stream, read once. */
    public record Fingerprint(long size, String sha256) {

        /** Reads {@code in} to its end; the caller closes it. */
        public static Fingerprint of(InputStream in) throws IOException {
            return copy(in, OutputStream.nullOutputStream());
        }

        /** Copies {@code in} to its end into {@code out}, fingerprinting the bytes on the way; the caller closes both. */
        public static Fingerprint copy(InputStream in, OutputStream out) throws IOException {
            MessageDigest digest = newDigest();
            long size = new DigestInputStream(in, digest).transferTo(out);
            return new Fingerprint(size, hex(digest));
        }
    }
}
