package io.pacslite.archive.access;

import io.pacslite.dicom.data.UIDs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed viewer links: bearer tokens (RFC 6750) that let whoever holds one view one study,
 * read-only, until they expire (docs/security.md). A link token is self-contained:
 * {@code pacslite-link_<study UID>_<expiry, epoch seconds>_<signature>}, the signature an
 * HMAC-SHA256 (RFC 2104, FIPS 180-4) of the study and the expiry under a 256-bit key of the
 * archive, in base64url (RFC 4648 5). So links need no table, survive restarts and work in
 * every process that opens the archive; the price is that one link cannot be revoked alone:
 * replacing the key ({@value #KEY_FILE} in the archive's root, made once, readable by its
 * owner only) voids them all.
 */
public final class ViewerLinks {

    /** How every link token starts. */
    public static final String PREFIX = "pacslite-link_";
    /** The key's file in the archive's root. */
    public static final String KEY_FILE = "link.key";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    /** An HMAC-SHA256 is 32 bytes: 43 base64url characters without padding. */
    private static final int SIGNATURE_LENGTH = 43;
    // A UID is at most 64 characters, an expiry at most 19 digits.
    private static final int MAX_TOKEN_LENGTH = PREFIX.length() + 64 + 1 + 19 + 1 + SIGNATURE_LENGTH;

    private final SecretKeySpec key;

    private ViewerLinks(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A link's token and what it allows. */
    public record Link(String study, Instant expires, String token) {
    }

    /**
     * The links of the archive at {@code root}, signed with its key; the key is made (random,
     * owner-only file) the first time.
     */
    public static ViewerLinks open(Path root) throws IOException {
        byte[] key = KeyFiles.readOrCreate(root.resolve(KEY_FILE), KEY_BYTES);
        return new ViewerLinks(key);
    }

    /**
     * A link to {@code study} that works until {@code expires} (whole seconds).
     *
     * @throws IllegalArgumentException if {@code study} is not a valid UID
     */
    public Link create(String study, Instant expires) {
        String problem = study == null ? "missing" : UIDs.problemWith(study);
        if (problem != null) {
            throw new IllegalArgumentException("invalid study UID: " + problem);
        }
        String signed = study + "_" + expires.getEpochSecond();
        return new Link(study, Instant.ofEpochSecond(expires.getEpochSecond()),
                PREFIX + signed + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(signed)));
    }

    /**
     * The caller a link token stands for (a viewer limited to the link's study), if its
     * signature is ours and it has not expired.
     */
    public Optional<Principal> authenticate(String token) {
        // The signature is last and of fixed length (its base64url may hold '_' too).
        int signatureStart = token.length() - SIGNATURE_LENGTH;
        if (!token.startsWith(PREFIX) || token.length() > MAX_TOKEN_LENGTH || signatureStart <= PREFIX.length()
                || token.charAt(signatureStart - 1) != '_') {
            return Optional.empty();
        }
        String signed = token.substring(PREFIX.length(), signatureStart - 1);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(signatureStart));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int middle = signed.lastIndexOf('_');
        if (middle < 0 || !MessageDigest.isEqual(signature, sign(signed))) {
            return Optional.empty();
        }
        String study = signed.substring(0, middle);
        Instant expires = Instant.ofEpochSecond(Long.parseLong(signed.substring(middle + 1)));
        return Instant.now().isBefore(expires)
                ? Optional.of(new Principal("viewer link (expires " + expires + ")", Role.VIEWER, study))
                : Optional.empty();
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
