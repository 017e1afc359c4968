package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.cli.CommandRunner.Run;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacslite transcode}: an image decompressed and one compressed (whose pixels
 * {@code TranscoderTest} and {@code TranscoderTargetsTest} check against dcmtk and pydicom), and
 * exit status 2 with the reason otherwise.
 */
class TranscodeCommandTest {

    @TempDir
    Path dir;

    @Test
    void decompressesAnRleImageIntoImplicitVrLittleEndian() throws IOException {
        Path out = dir.resolve("mr.dcm");

        Run run = run("transcode", TestPeers.CORPUS.resolve("MR_small_RLE.dcm").toString(), "--ts",
                UID.ImplicitVRLittleEndian, "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (DicomReader reader = DicomReader.open(out)) {
            DicomFile file = reader.readFile();
            assertThat(file.transferSyntax().uid()).isEqualTo(UID.ImplicitVRLittleEndian);
            assertThat(file.dataset().getBytes(Tag.PixelData)).hasSize(64 * 64 * 2);
        }
    }

    @Test
    void compressesAnImageIntoJpegLossless() throws IOException {
        Path out = dir.resolve("ct.dcm");

        Run run = run("transcode", TestPeers.CORPUS.resolve("CT_small.dcm").toString(), "--ts", UID.JPEGLosslessSV1,
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (DicomReader reader = DicomReader.open(out)) {
            DicomFile file = reader.readFile();
            assertThat(file.transferSyntax().uid()).isEqualTo(UID.JPEGLosslessSV1);
            assertThat(file.dataset().getValue(Tag.PixelData)).isInstanceOf(Fragments.class);
        }
    }

    @Test
    void refusesAnImageATargetCannotHoldInOneLineAndWritesNothing() throws IOException {
        Path out = dir.resolve("ct.dcm");

        Run run = run("transcode", TestPeers.CORPUS.resolve("CT_small.dcm").toString(), "--ts", UID.JPEGBaseline8Bit,
                "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(run.err()).startsWith("pacslite transcode: ").contains("JPEG Baseline holds unsigned 8-bit samples")
                .hasLineCount(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
