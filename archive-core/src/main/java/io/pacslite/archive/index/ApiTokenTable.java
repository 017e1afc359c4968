package io.pacslite.archive.index;

import io.pacslite.archive.access.ApiToken;
import io.pacslite.archive.access.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code api_token} table: API tokens by name, each with the hash of its secret. What a
 * token is and how it is checked is {@link io.pacslite.archive.access.ApiTokens}'s business;
 * this class only stores rows.
 */
public final class ApiTokenTable {

    /** The longest token name. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final String COLUMNS = "name, role, created_at, expires_at, revoked_at";

    private final Transactions transactions;

    ApiTokenTable(Transactions transactions) {
        this.transactions = transactions;
    }

    /** A stored token and the hash of its secret. */
    public record Row(ApiToken token, String hash) {
    }

    /**
     * Adds a token with the hash of its secret, unless one of that name exists (also a revoked
     * one: names are never reused, so that logs name one token each).
     *
     * @return whether it was added
     */
    public boolean insert(ApiToken token, String hash) {
        Sql.required(token.name(), MAX_NAME_LENGTH, "the token name");
        return transactions.run("Adding token " + token.name(), c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM api_token WHERE name = ?")) {
                p.setString(1, token.name());
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO api_token (" + COLUMNS
                    + ", token_hash) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, token.name());
                p.setString(2, token.role().label());
                p.setObject(3, Sql.utc(token.created()));
                p.setObject(4, token.expires() == null ? null : Sql.utc(token.expires()));
                p.setObject(5, token.revoked() == null ? null : Sql.utc(token.revoked()));
                p.setString(6, hash);
                p.executeUpdate();
            }
            return true;
        });
    }

    /** The token whose secret has {@code hash}, if any (revoked and expired ones included). */
    public Optional<Row> findByHash(String hash) {
        return transactions.run("Finding a token", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + ", token_hash FROM api_token"
                    + " WHERE token_hash = ?")) {
                p.setString(1, hash);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(token(rs), rs.getString(6))) : Optional.empty();
                }
            }
        });
    }

    /** Every token, revoked and expired ones included, by name. */
    public List<ApiToken> list() {
        return transactions.run("Listing tokens", c -> {
            List<ApiToken> tokens = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM api_token ORDER BY name");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tokens.add(token(rs));
                }
            }
            return tokens;
        });
    }

    /**
     * Marks the token {@code name} revoked at {@code at}.
     *
     * @return false if there is no such token or it was revoked already
     */
    public boolean revoke(String name, Instant at) {
        return transactions.run("Revoking token " + name, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
                p.setObject(1, Sql.utc(at));
                p.setString(2, name);
                return p.executeUpdate() > 0;
            }
        });
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString(1), Role.of(rs.getString(2)),
                Sql.instant(rs.getObject(3, LocalDateTime.class)), Sql.instant(rs.getObject(4, LocalDateTime.class)),
                Sql.instant(rs.getObject(5, LocalDateTime.class)));
    }
}
