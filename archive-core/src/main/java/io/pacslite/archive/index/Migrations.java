package io.pacslite.archive.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index schema up to the version this code knows, at start-up.
 *
 * <p>Scripts are {@code migration/V<n>__<description>.sql} beside this class, listed in
 * {@link #SCRIPTS} in order; each one is applied in its own transaction and recorded in
 * {@code schema_version}; a script may have a {@link JavaStep} that runs after it, in the same
 * transaction, for what SQL cannot do. A database whose version is higher than the last script refuses to
 * open: older code must not write into a schema it does not know.
 *
 * <p>Why not Flyway: Flyway 10+ pulls in jackson-databind, a TOML parser, gson and one module
 * per database, megabytes for what is a linear list of SQL scripts. This runner is the part of
 * it that PACS-lite uses.
 *
 * <p>H2 commits each DDL statement by itself, so on H2 a script that fails halfway can leave
 * part of it applied without its version row; the error names the script. The index is derived
 * from the files, so the remedy is to remove the index directory and re-index.
 */
public final class Migrations {

    /** Every script, in the order it is applied; a test checks this against the resources. */
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__name_matching.sql", "V3__api_tokens.sql",
            "V4__audit_trail.sql", "V5__attachments.sql", "V6__reports_and_corrections.sql");

    /** Work in Java that a script's SQL cannot do, run after the script of that version in its transaction. */
    @FunctionalInterface
    interface JavaStep {
        void run(Connection c) throws SQLException;
    }

    static final Map<Integer, JavaStep> JAVA_STEPS = Map.of(2, Names::fillColumns);

    static final String RESOURCE_FOLDER = "migration/";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** The schema version this code writes: the version of the last script. */
    public static int latestVersion() {
        return versionOf(SCRIPTS.get(SCRIPTS.size() - 1));
    }

    /**
     * Applies every script newer than the database's version.
     *
     * @return the database's version afterwards
     * @throws IndexException if the database is newer than this code or a script fails
     */
    public static int migrate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INT PRIMARY KEY, description VARCHAR(200), applied_at TIMESTAMP)");
            }
            c.commit();
            int current = currentVersion(c);
            if (current > latestVersion()) {
                throw new IndexException("The index has schema version " + current
                        + " but this PACS-lite knows versions up to " + latestVersion()
                        + ": it was written by a newer PACS-lite. Run that version, or remove the"
                        + " index directory and re-index the files.");
            }
            for (String script : SCRIPTS) {
                int version = versionOf(script);
                if (version > current) {
                    apply(c, script, version);
                    current = version;
                }
            }
            return current;
        } catch (SQLException e) {
            throw new IndexException("Cannot migrate the index schema: " + e.getMessage(), e);
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            int version = rs.getInt(1);
            c.commit();
            return version;
        }
    }

    private static void apply(Connection c, String script, int version) throws SQLException {
        LOG.info("Applying index migration {}", script);
        try (Statement s = c.createStatement()) {
            for (String statement : statements(read(script))) {
                s.execute(statement);
            }
            JavaStep step = JAVA_STEPS.get(version);
            if (step != null) {
                step.run(c);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, descriptionOf(script));
                p.setObject(3, Sql.utc(Instant.now()));
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new IndexException("Index migration " + script + " failed: " + e.getMessage(), e);
        }
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream(RESOURCE_FOLDER + script)) {
            if (in == null) {
                throw new IndexException("Index migration " + script + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script at each ';' that ends a line, dropping comment lines and blank statements. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString());
        }
        return statements;
    }

    static int versionOf(String script) {
        int end = script.indexOf("__");
        if (!script.startsWith("V") || end < 2 || !script.endsWith(".sql")) {
            throw new IllegalArgumentException("Not a migration script name: " + script);
        }
        return Integer.parseInt(script.substring(1, end));
    }

    private static String descriptionOf(String script) {
        return script.substring(script.indexOf("__") + 2, script.length() - ".sql".length()).replace('_', ' ');
    }
}
