package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.Coercions;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.testing.Dcmtk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ingest coercion rules on C-STORE from dcmtk's storescu, read back with dcmdump. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DimseServerCoercionTest {

    private static final String SOP = "1.2.826.0.1.3680043.10.1234.1.1.77";

    @TempDir
    Path root;
    @TempDir
    Path files;
    private ArchiveServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void setsTheIssuerForTheCallingAeKeepsTheOldValueAndTakesAResendAsSuccess() throws Exception {
        server = ArchiveServer.start(root, ArchiveConfig.DEFAULTS.withCoercions(
                Coercions.parse(List.of("CT01 issuer=HOSP-A", "MR01 issuer=HOSP-B"))), Timeouts.defaults());
        Path file = Instances.write(files.resolve("ct.dcm"), SOP, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Storescu.Result first = Storescu.run(server.port(), List.of("-xe", "-aet", "CT01"), file);

        assertThat(first.exitCode()).as(first.output()).isZero();
        Path stored = server.storedFile(SOP);
        byte[] storedBytes = Files.readAllBytes(stored);
        String dump = dcmdump(stored);
        assertThat(dump).contains("(0010,0021) LO [HOSP-A]").contains("(0400,0561) SQ")
                .contains("(0400,0563) LO [PACS-lite]").contains("(0400,0564) LO [CT01]")
                .contains("(0400,0565) CS [COERCE]").containsPattern("\\(0400,0562\\) DT \\[\\d{14}\\.\\d{6}\\+0000\\]");

        Storescu.Result resend = Storescu.run(server.port(), List.of("-xe", "-aet", "CT01"), file);

        assertThat(resend.exitCode()).as(resend.output()).isZero();
        assertThat(resend.output()).contains("Received Store Response (Success)").doesNotContain("Warning");
        assertThat(Files.readAllBytes(server.storedFile(SOP))).isEqualTo(storedBytes);
        assertThat(server.archive().index().stats().instances()).isEqualTo(1);
    }

    private static String dcmdump(Path file) throws Exception {
        Process dcmdump = new ProcessBuilder(Dcmtk.require("dcmdump").toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(dcmdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dcmdump.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dcmdump.exitValue()).as(output).isZero();
        return output;
    }
}
