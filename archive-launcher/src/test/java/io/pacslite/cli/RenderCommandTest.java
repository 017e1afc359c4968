package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.cli.CommandRunner.Run;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite render}: a frame as PNG or JPEG, and exit status 2 with the reason for images it cannot decode. */
class RenderCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAWindowedFrameAsPng() throws IOException {
        Path png = dir.resolve("ct.png");

        Run run = run("render", corpus("CT_small.dcm"), "--window", "40,400", "--invert", "--out", png.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(128);
    }

    @Test
    void writesAFrameOfAMultiFrameImageAsJpeg() throws IOException {
        Path jpeg = dir.resolve("rgb.jpg");

        Run run = run("render", corpus("SC_rgb_rle_2frame.dcm"), "--frame", "2", "--quality", "80", "--out", jpeg.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(jpeg)).startsWith(0xFF, 0xD8);
        assertThat(ImageIO.read(jpeg.toFile()).getWidth()).isEqualTo(100);
    }

    @Test
    void exitsWithTwoAndTheReasonForAFrameThatIsNotThere() {
        Run run = run("render", corpus("CT_small.dcm"), "--frame", "3", "--out", dir.resolve("x.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("CT_small.dcm").contains("no frame 3: the image has 1");
    }

    @Test
    void exitsWithTwoForADeclaredImageTooLargeToDecode() throws IOException {
        Path huge = dir.resolve("huge.dcm");
        Attributes dataset;
        try (DicomReader reader = DicomReader.open(Path.of(corpus("CT_small.dcm")))) {
            dataset = reader.readFile().dataset();
        }
        dataset.setInts(Tag.Rows, VR.US, 60000);
        dataset.setInts(Tag.Columns, VR.US, 60000);
        try (OutputStream out = Files.newOutputStream(huge)) {
            new DicomWriter(out).writeFile(null, DicomWriter.createFileMeta(dataset.getString(Tag.SOPClassUID),
                    dataset.getString(Tag.SOPInstanceUID), "1.2.840.10008.1.2.1"), dataset);
        }

        Run run = run("render", huge.toString(), "--out", dir.resolve("huge.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("60000 x 60000").contains("exceeds the limit");
        assertThat(dir.resolve("huge.png")).doesNotExist();
    }

    @Test
    void refusesAnUnknownOutputFormatOrWindow() {
        assertThat(run("render", corpus("CT_small.dcm"), "--out", dir.resolve("x.tiff").toString()).err())
                .contains("--out must end in .png, .jpg, .jpeg or .gif");
        assertThat(run("render", corpus("CT_small.dcm"), "--window", "40", "--out", dir.resolve("x.png").toString()).err())
                .contains("expected center,width[,function]");
    }

    private static String corpus(String name) {
        return TestPeers.CORPUS.resolve(name).toString();
    }
}
