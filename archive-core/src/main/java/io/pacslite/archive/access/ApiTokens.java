package io.pacslite.archive.access;

import io.pacslite.archive.index.ApiTokenTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens: bearer credentials (RFC 6750) for DICOMweb clients, each with a name and a
 * {@link Role}. A token is {@value #PREFIX} and 256 random bits (SecureRandom) in base64url;
 * it is shown once, when created, and only its SHA-256 is stored. A plain hash suffices
 * because the secret is random and as long as the hash: there is no dictionary to try, so
 * the salting and stretching that passwords need would add nothing (docs/security.md).
 *
 * <p>Checking a token finds the row of its hash, then compares the hashes again in constant
 * time ({@link MessageDigest#isEqual}), and refuses a revoked or expired one. Nothing is
 * cached: revocation takes effect with the next request, in every process that shares the index.
 */
public final class ApiTokens {

    /** How every token starts, so that secret scanners and people can recognise one. */
    public static final String PREFIX = "pacslite_";

    private static final int SECRET_BYTES = 32;
    private static final int TOKEN_LENGTH = PREFIX.length() + 43;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + ApiTokenTable.MAX_NAME_LENGTH + "}");

    private final ApiTokenTable table;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(ApiTokenTable table) {
        this.table = table;
    }

    /** A new token: its stored record, and the token itself, which is not kept anywhere. */
    public record Created(ApiToken token, String secret) {
    }

    /**
     * Creates a token.
     *
     * @param expires when it stops working; null: never
     * @throws IllegalArgumentException if the name is not 1 to 64 letters, digits, '.', '_' or
     *     '-', or a token of that name exists (also a revoked one)
     */
    public Created create(String name, Role role, Instant expires) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a token name is 1 to " + ApiTokenTable.MAX_NAME_LENGTH
                    + " letters, digits, '.', '_' or '-': " + name);
        }
        byte[] bits = new byte[SECRET_BYTES];
        random.nextBytes(bits);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        ApiToken token = new ApiToken(name, role, Instant.now().truncatedTo(ChronoUnit.SECONDS), expires, null);
        if (!table.insert(token, hash(secret))) {
            throw new IllegalArgumentException("there is a token named " + name + " (names are not reused)");
        }
        return new Created(token, secret);
    }

    /** The caller a token stands for, if it is one of ours and neither revoked nor expired. */
    public Optional<Principal> authenticate(String secret) {
        if (secret.length() != TOKEN_LENGTH || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(secret);
        return table.findByHash(hash)
                .filter(row -> MessageDigest.isEqual(bytes(row.hash()), bytes(hash)))
                .map(ApiTokenTable.Row::token)
                .filter(token -> token.validAt(Instant.now()))
                .map(token -> new Principal("token " + token.name(), token.role()));
    }

    /** Every token, revoked and expired ones included, by name; never the secrets. */
    public List<ApiToken> list() {
        return table.list();
    }

    /**
     * Revokes the token {@code name}; it is refused from the next request on.
     *
     * @return false if there is no such token, or it was revoked already
     */
    public boolean revoke(String name) {
        return table.revoke(name, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] bytes(String hex) {
        return hex.getBytes(StandardCharsets.US_ASCII);
    }
}
