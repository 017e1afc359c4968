package io.pacslite.dicomweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChannelSliceTest {

    @TempDir
    Path dir;

    private final byte[] content = new byte[10_000];
    private Path file;

    @BeforeEach
    void write() throws IOException {
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        file = Files.write(dir.resolve("f.dcm"), content);
    }

    @Test
    void transfersExactlyItsRangeAsIfItWereAFileOfItsOwn() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileChannelSlice slice = new FileChannelSlice(channel, 1_000, 3_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            long sent = slice.transferTo(slice.position(), slice.size() + 500, Channels.newChannel(out));

            assertThat(slice.size()).isEqualTo(3_000);
            assertThat(sent).isEqualTo(3_000);
            assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 1_000, 4_000));
            assertThat(slice.transferTo(3_000, 10, Channels.newChannel(out))).isZero();
        }
    }

    @Test
    void readsStopAtTheEndOfTheRange() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileChannelSlice slice = new FileChannelSlice(channel, 9_000, 600);

            byte[] read = Channels.newInputStream(slice).readAllBytes();

            assertThat(read).isEqualTo(Arrays.copyOfRange(content, 9_000, 9_600));
            assertThat(slice.read(ByteBuffer.allocate(10))).isEqualTo(-1);
        }
    }

    @Test
    void isReadOnlyAndLeavesTheFileOpen() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileChannelSlice slice = new FileChannelSlice(channel, 0, 10);
            assertThatThrownBy(() -> slice.write(ByteBuffer.allocate(1))).isInstanceOf(NonWritableChannelException.class);
            slice.close();
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    void aRangePastTheEndOfTheFileIsRefusedBeforeAnythingIsSent() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> Responses.transfer(channel, 9_000, 1_001, out))
                    .isInstanceOf(EOFException.class)
                    .hasMessageContaining("runs past the end of a 10000-byte file");
            assertThat(out.size()).isZero();
        }
    }
}
