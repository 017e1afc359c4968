package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.cli.CommandRunner.Run;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite dump}: text and DICOM JSON output, and exit status 2 with one line for unreadable input. */
class DumpCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsElementsLikeDcmdump() throws IOException {
        Path file = writeInstance(dir.resolve("ct.dcm"));

        Run run = run("dump", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("(0010,0010) PN [Doe^Jane]").contains("PatientName")
                .contains("(0028,0010) US 4").contains("(7FE0,0010) OW");
    }

    @Test
    void printsDicomJsonWithLargeBinaryAsBulkDataUriOrInline() throws IOException {
        Path file = writeInstance(dir.resolve("ct.dcm"));

        Run referenced = run("dump", "--json", file.toString());
        Run inline = run("dump", "--json", "--inline", file.toString());

        assertThat(referenced.exitCode()).isZero();
        assertThat(referenced.out()).contains("\"00100010\"").contains("\"Alphabetic\" : \"Doe^Jane\"")
                .contains("\"BulkDataURI\"").doesNotContain("InlineBinary");
        assertThat(inline.out()).contains("\"InlineBinary\"").doesNotContain("BulkDataURI");
    }

    @Test
    void exitsWithTwoAndOneLineNamingFileOffsetAndReasonForTruncatedInput() throws IOException {
        Path good = writeInstance(dir.resolve("good.dcm"));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.dcm"), Arrays.copyOf(bytes, bytes.length - 100));

        Run run = run("dump", good.toString(), truncated.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .contains(truncated.toString()).containsPattern("at byte \\d+").contains("(7FE0,0010)");
        assertThat(run.out()).contains("(0010,0010) PN [Doe^Jane]");
    }

    @Test
    void exitsWithTwoForAFileThatIsNotDicom() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "These are not the images you are looking for.");

        Run run = run("dump", text.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("notes.txt").contains("not DICOM");
    }

    private static Path writeInstance(Path path) throws IOException {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        dataset.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        dataset.setString(Tag.PatientName, VR.PN, "Doe^Jane");
        dataset.setInts(Tag.Rows, VR.US, 4);
        dataset.setInts(Tag.Columns, VR.US, 512);
        dataset.set(Tag.PixelData, VR.OW, new byte[4 * 512 * 2]);
        try (OutputStream out = Files.newOutputStream(path)) {
            new DicomWriter(out).writeFile(null,
                    DicomWriter.createFileMeta(UID.CTImageStorage, "1.2.3.4.5", UID.ExplicitVRLittleEndian), dataset);
        }
        return path;
    }
}
