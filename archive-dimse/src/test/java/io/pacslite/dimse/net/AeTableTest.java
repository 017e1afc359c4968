package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AE table: its file, and the configured entries besides it. */
class AeTableTest {

    @TempDir
    Path dir;

    @Test
    void listsConfiguredEntriesAfterTheFilesWhichReplaceThoseOfTheSameTitle() throws Exception {
        Path file = dir.resolve("ae-table.txt");
        Files.writeString(file, "# comment\nSTORESCP 10.0.0.1 104\n");
        AeTable table = AeTable.at(file, List.of(new RemoteAe("localhost", 11113, "STORESCP"),
                new RemoteAe("viewer.example.org", 104, "VIEWER")));

        assertThat(table.list()).containsExactly(new RemoteAe("10.0.0.1", 104, "STORESCP"),
                new RemoteAe("viewer.example.org", 104, "VIEWER"));
        assertThat(table.find("VIEWER ")).contains(new RemoteAe("viewer.example.org", 104, "VIEWER"));
    }

    @Test
    void refusesALineThatIsNotAnAe() throws Exception {
        Path file = Files.writeString(dir.resolve("ae-table.txt"), "STORESCP 10.0.0.1 104 ssl\n");

        assertThatThrownBy(() -> AeTable.at(file).list())
                .hasMessageContaining("line 1: 'STORESCP 10.0.0.1 104 ssl' is not AE_TITLE HOST PORT [tls]");
    }

    @Test
    void writesOnlyTheFilesEntries() throws Exception {
        Path file = dir.resolve("ae-table.txt");
        AeTable table = AeTable.at(file, List.of(new RemoteAe("viewer.example.org", 104, "VIEWER")));

        table.add(new RemoteAe("10.0.0.1", 104, "STORESCP"));
        table.add(new RemoteAe("pacs.example.org", 2762, "OTHERPACS", true));

        assertThat(Files.readAllLines(file)).containsExactly(
                "# PACS-lite AE table (Move Destinations): AE_TITLE HOST PORT [tls]", "STORESCP 10.0.0.1 104",
                "OTHERPACS pacs.example.org 2762 tls");
        assertThat(table.find("OTHERPACS")).contains(new RemoteAe("pacs.example.org", 2762, "OTHERPACS", true));
        assertThat(table.remove("OTHERPACS")).isTrue();
        assertThat(table.remove("VIEWER")).as("a configured entry is not the file's to remove").isFalse();
        assertThat(table.remove("STORESCP")).isTrue();
        assertThat(table.list()).containsExactly(new RemoteAe("viewer.example.org", 104, "VIEWER"));
    }
}
