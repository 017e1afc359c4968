package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.index.Migrations;
import io.pacslite.cli.CommandRunner.Run;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data root whose index another version of PACS-lite wrote: an older one is migrated, a newer one refused. */
class SchemaVersionTest {

    @TempDir
    Path dir;

    @Test
    void refusesADataRootWrittenByANewerVersionWithOneClearLine() throws SQLException {
        Path archive = dir.resolve("archive");
        assertThat(run("stats", "--data-dir", archive.toString()).exitCode()).isZero();
        int newer = Migrations.latestVersion() + 1;
        sql(archive, "INSERT INTO schema_version (version, description, applied_at)"
                + " VALUES (" + newer + ", 'from the future', CURRENT_TIMESTAMP)");

        Run stats = run("stats", "--data-dir", archive.toString());
        Run serve = run("serve", "--data-dir", archive.toString(), "--dicom-port", "0", "--http-port", "0",
                "--bind", "127.0.0.1", "--no-viewer");

        for (Run refused : new Run[] {stats, serve}) {
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).startsWith("pacslite ").contains("The index has schema version " + newer,
                    "written by a newer PACS-lite").doesNotContain("\tat ");
        }
    }

    @Test
    void migratesADataRootWrittenByTheFirstVersion() throws SQLException {
        Path archive = dir.resolve("archive");
        sql(archive, "RUNSCRIPT FROM 'classpath:/io/pacslite/archive/index/migration/V1__schema.sql'");
        sql(archive, "CREATE TABLE schema_version (version INT PRIMARY KEY, description VARCHAR(200),"
                + " applied_at TIMESTAMP)");
        sql(archive, "INSERT INTO schema_version VALUES (1, 'schema', CURRENT_TIMESTAMP)");
        assertThat(run("generate", dir.resolve("files").toString(), "--instances", "2", "--size", "16").exitCode())
                .isZero();

        Run imported = run("import", "--data-dir", archive.toString(), "--no-progress", dir.resolve("files").toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(run("verify", "--data-dir", archive.toString()).exitCode()).isZero();
        try (Connection c = connect(archive); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.latestVersion());
        }
    }

    private static void sql(Path archive, String statement) throws SQLException {
        try (Connection c = connect(archive); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Connection connect(Path archive) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + archive.toAbsolutePath().resolve("index")
                .resolve("pacslite"), "sa", "");
    }
}
