package io.pacslite.dimse.message;

import io.pacslite.dimse.testing.Dcmtk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dcmtk's dcmdump, reading an encoded command set as a raw Implicit VR Little Endian data set, sees the right elements. */
class CommandSetDcmdumpTest {

    @Test
    void dcmdumpReadsCStoreRqCommandSet(@TempDir Path dir) throws Exception {
        Path dcmdump = Dcmtk.require("dcmdump");
        CStoreRq rq = new CStoreRq(5, "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.5", Priority.HIGH, "MOVESCU", 17);
        byte[] encoded = CommandCodec.encode(rq);
        Path file = dir.resolve("c-store-rq.cmd");
        Files.write(file, encoded);

        Process process = new ProcessBuilder(dcmdump.toString(), "-q", "-f", "-ti", "-Un", file.toString())
                .redirectErrorStream(true).start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(dump).isZero();
        assertThat(encoded).hasSize(12 + 118);
        assertThat(dump)
                // after the group length: (0000,0002) 8 + 26, four US elements 4 * 10,
                // (0000,1000) 8 + 10, (0000,1030) 8 + 8, (0000,1031) 10: 118 bytes
                .containsPattern("\\(0000,0000\\) UL 118\\b")
                .contains("(0000,0002) UI [1.2.840.10008.5.1.4.1.1.2]")
                .containsPattern("\\(0000,0100\\) US 1\\b")
                .containsPattern("\\(0000,0110\\) US 5\\b")
                .containsPattern("\\(0000,0700\\) US 1\\b")
                .containsPattern("\\(0000,0800\\) US 0\\b")
                .contains("(0000,1000) UI [1.2.3.4.5]")
                .contains("(0000,1030) AE [MOVESCU]")
                .containsPattern("\\(0000,1031\\) US 17\\b");
    }
}
