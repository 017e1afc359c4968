package io.pacslite.archive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemSyncTest {

    @TempDir
    Path dir;

    @Test
    void syncsTheFileSystemOfADirectoryOnLinux() throws IOException {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "syncfs is Linux's");
        Files.writeString(dir.resolve("a.dcm"), "not yet on disk");

        assertThat(new FileSystemSync().sync(dir)).isTrue();
    }

    @Test
    void aFailedSyncIsAnErrorNamingTheDirectoryNotAFallback() {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "syncfs is Linux's");
        Path missing = dir.resolve("gone");

        assertThatThrownBy(() -> new FileSystemSync().sync(missing))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("No such file or directory");
    }
}
