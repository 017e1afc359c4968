package io.pacslite.archive.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void freshDatabaseIsAtTheLatestVersion() throws SQLException {
        try (Index index = Index.open(dir)) {
            assertThat(versions(index)).isEqualTo(Migrations.latestVersion());
            assertThat(index.stats()).isEqualTo(new Index.Stats(0, 0, 0, 0, 0));
            assertThat(index.auditEvents().last()).isEmpty();
        }
    }

    @Test
    void reopeningAppliesNothingTwice() throws SQLException {
        Index.open(dir).close();
        try (Index index = Index.open(dir)) {
            try (Connection c = index.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Migrations.SCRIPTS.size());
                assertThat(rs.getInt(2)).isEqualTo(Migrations.latestVersion());
            }
        }
    }

    @Test
    void databaseNewerThanTheCodeRefusesToOpen() throws SQLException {
        try (Index index = Index.open(dir);
                Connection c = index.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version (version, description, applied_at)"
                    + " VALUES (" + (Migrations.latestVersion() + 1) + ", 'from the future', CURRENT_TIMESTAMP)");
            c.commit();
        }
        assertThatThrownBy(() -> Index.open(dir))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("schema version " + (Migrations.latestVersion() + 1))
                .hasMessageContaining("newer PACS-lite");
    }

    @Test
    void everyScriptOnTheClasspathIsListedInOrder() throws IOException, URISyntaxException {
        Path folder = Path.of(Migrations.class.getResource(Migrations.RESOURCE_FOLDER).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Migrations.SCRIPTS);
        }
        assertThat(Migrations.SCRIPTS.stream().map(Migrations::versionOf))
                .containsExactlyElementsOf(Stream.iterate(1, v -> v + 1).limit(Migrations.SCRIPTS.size()).toList());
    }

    @Test
    void anIndexOfVersionOneGetsTheNameMatchingColumnsFilledForItsRows() throws Exception {
        try (Connection c = DriverManager.getConnection(
                "jdbc:h2:file:" + dir.toAbsolutePath().resolve("pacslite") + Index.H2_SETTINGS, "sa", "");
                Statement s = c.createStatement();
                InputStream v1 = Migrations.class.getResourceAsStream(Migrations.RESOURCE_FOLDER + "V1__schema.sql")) {
            s.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, description VARCHAR(200),"
                    + " applied_at TIMESTAMP)");
            for (String statement : Migrations.statements(new String(v1.readAllBytes(), StandardCharsets.UTF_8))) {
                s.execute(statement);
            }
            s.execute("INSERT INTO schema_version VALUES (1, 'schema', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO patient (patient_key, patient_name, patient_name_norm, created_at)"
                    + " VALUES ('P1\\', 'Buc^Jérôme=ビュック', 'BUC^JÉRÔME', CURRENT_TIMESTAMP)");
        }

        try (Index index = Index.open(dir); Connection c = index.dataSource().getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT patient_name_norm,"
                        + " patient_name_ideographic, patient_name_phonetic, patient_name_words FROM patient")) {
            assertThat(Migrations.currentVersion(c)).isEqualTo(Migrations.latestVersion());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("BUC^JEROME");
            assertThat(rs.getString(2)).isEqualTo("ビュック");
            assertThat(rs.getString(3)).isNull();
            assertThat(rs.getString(4)).isEqualTo(" BUC JEROME ビュック");
        }
    }

    @Test
    void splitsScriptsAtLineEndingSemicolons() {
        assertThat(Migrations.statements("-- a comment\nCREATE TABLE t (\n  a INT\n);\n\nINSERT INTO t VALUES (1);\n"))
                .containsExactly("CREATE TABLE t (\na INT\n)", "INSERT INTO t VALUES (1)");
    }

    private static int versions(Index index) throws SQLException {
        try (Connection c = index.dataSource().getConnection()) {
            return Migrations.currentVersion(c);
        }
    }
}
