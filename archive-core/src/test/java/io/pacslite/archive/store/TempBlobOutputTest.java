package io.pacslite.archive.store;

import static io.pacslite.archive.store.TempBlobOutput.BUFFER_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output's buffers hashed and written behind the caller, on real files. */
class TempBlobOutputTest {

    @TempDir
    Path dir;

    @Test
    void writesBuffersHandedToOtherThreadsInOrder() throws Exception {
        byte[] bytes = new byte[10 * BUFFER_SIZE + 5];
        new Random(3).nextBytes(bytes);
        Path file = dir.resolve("blob");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            TempBlobOutput output = new TempBlobOutput(channel);
            int at = 0;
            for (int length : new int[] {1, 100, BUFFER_SIZE - 1, 3 * BUFFER_SIZE + 7, 2}) {
                output.write(bytes, at, length);
                at += length;
            }
            output.write(bytes[at++]);
            output.write(bytes, at, bytes.length - at);

            output.flush();
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
            output.close();

            assertThat(output.size()).isEqualTo(bytes.length);
            assertThat(output.sha256())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
    }

    @Test
    void reportsABackgroundWriteThatFailed() throws IOException {
        Path file = dir.resolve("read-only");
        Files.write(file, new byte[0]);
        try (FileChannel readOnly = FileChannel.open(file, StandardOpenOption.READ)) {
            TempBlobOutput output = new TempBlobOutput(readOnly);

            assertThatThrownBy(() -> {
                output.write(new byte[4 * BUFFER_SIZE]);
                output.close();
            }).isInstanceOf(IOException.class).hasMessageContaining("writing the temp file failed");
            assertThat(output.sha256()).isNull();
        }
    }

    @Test
    void abandoningWaitsForTheBackgroundWritesAndWritesNoMore() throws IOException {
        Path file = dir.resolve("abandoned");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            TempBlobOutput output = new TempBlobOutput(channel);
            output.write(new byte[5 * BUFFER_SIZE + 10]);

            output.abandon();

            assertThat(Files.size(file)).isEqualTo(5L * BUFFER_SIZE);
            assertThatThrownBy(() -> output.write(1)).isInstanceOf(IOException.class);
        }
    }
}
