package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.TestPeers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlay planes drawn on rendered frames, checked against pydicom's own reading of the same
 * file's overlay bits ({@code Dataset.overlay_array}).
 */
final class OverlayPlaneTest {

    private static final int GROUP = 0x6002;
    private static final int SHIFT = (GROUP - 0x6000) << 16;

    @TempDir
    Path dir;

    @Test
    void drawsTheBitsPydicomReadsWhereTheOriginPutsThem() throws IOException {
        // A 2-frame overlay of 10 x 12 bits at row 3, column 4 (1-based) of a 16 x 20 image of 3 frames,
        // its first frame on image frame 2; 10 x 12 x 2 bits are not a whole number of 16-bit words.
        Attributes dataset = TestImages.image("MONOCHROME2", 16, 20, 1, 8, 8, 0, 0, 3);
        dataset.setInts(Tag.OverlayRows | SHIFT, VR.US, 10);
        dataset.setInts(Tag.OverlayColumns | SHIFT, VR.US, 12);
        dataset.setString(Tag.OverlayType | SHIFT, VR.CS, "G");
        dataset.setInts(Tag.OverlayOrigin | SHIFT, VR.SS, 3, 4);
        dataset.setInts(Tag.OverlayBitsAllocated | SHIFT, VR.US, 1);
        dataset.setInts(Tag.OverlayBitPosition | SHIFT, VR.US, 0);
        dataset.setInts(Tag.NumberOfFramesInOverlay | SHIFT, VR.IS, 2);
        dataset.setInts(Tag.ImageFrameOrigin | SHIFT, VR.US, 2);
        byte[] bits = new byte[30];
        new Random(7).nextBytes(bits);
        dataset.set(Tag.OverlayData | SHIFT, VR.OW, bits);
        Path file = TestImages.write(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dir.resolve("overlay.dcm"));
        String[] pydicom = pydicomOverlayFrames(file);

        for (int frame = 0; frame < 3; frame++) {
            BufferedImage plain = render(file, frame, false);
            BufferedImage drawn = render(file, frame, true);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 20; x++) {
                    int overlayFrame = frame - 1;
                    boolean set = overlayFrame >= 0 && y >= 2 && y < 12 && x >= 3 && x < 15
                            && pydicom[overlayFrame].charAt((y - 2) * 12 + (x - 3)) == '1';
                    int expected = set ? 255 : plain.getRaster().getSample(x, y, 0);
                    assertThat(drawn.getRaster().getSample(x, y, 0)).as("frame %d, pixel %d,%d", frame, x, y)
                            .isEqualTo(expected);
                }
            }
        }
        assertThat(pydicom[0]).contains("1").contains("0");
    }

    @Test
    void clipsAnOverlayThatStartsOutsideTheImage() throws IOException {
        Attributes dataset = TestImages.image("MONOCHROME2", 4, 4, 1, 8, 8, 0, 0, 1);
        dataset.setInts(Tag.OverlayRows | SHIFT, VR.US, 4);
        dataset.setInts(Tag.OverlayColumns | SHIFT, VR.US, 4);
        dataset.setInts(Tag.OverlayOrigin | SHIFT, VR.SS, -1, 3);
        dataset.set(Tag.OverlayData | SHIFT, VR.OW, new byte[] {(byte) 0xFF, (byte) 0xFF});
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);

        OverlayPlane.of(dataset).get(0).drawOn(image, 0);

        // Overlay rows 3 and 4 land on image rows 1 and 2, overlay columns 1 and 2 on image columns 3 and 4.
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(image.getRaster().getSample(x, y, 0)).as("%d,%d", x, y).isEqualTo(y < 2 && x >= 2 ? 255 : 0);
            }
        }
    }

    @Test
    void refusesOverlayDataShorterThanItsSize() {
        Attributes dataset = TestImages.image("MONOCHROME2", 4, 4, 1, 8, 8, 0, 0, 1);
        dataset.setInts(Tag.OverlayRows | SHIFT, VR.US, 64);
        dataset.setInts(Tag.OverlayColumns | SHIFT, VR.US, 64);
        dataset.set(Tag.OverlayData | SHIFT, VR.OW, new byte[16]);

        assertThatThrownBy(() -> OverlayPlane.of(dataset)).isInstanceOf(DicomException.class)
                .hasMessageContaining("Overlay Data (6002,3000) has 16 bytes");
    }

    @Test
    void imagesWithoutOverlayDataHaveNoPlanes() throws IOException {
        assertThat(OverlayPlane.of(TestImages.image("MONOCHROME2", 4, 4, 1, 8, 8, 0, 0, 1))).isEqualTo(List.of());
    }

    private static BufferedImage render(Path file, int frame, boolean overlays) throws IOException {
        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.REFERENCE, 8)) {
            return FrameRenderer.render(ImageFrames.of(reader.readFile()), frame, new RenderOptions(null, false, overlays));
        }
    }

    /** Each overlay frame's bits as pydicom reads them, "0" and "1" row by row. */
    private static String[] pydicomOverlayFrames(Path file) throws IOException {
        TestPeers.requirePydicom();
        String script = String.join("\n",
                "import sys, pydicom",
                "a = pydicom.dcmread(sys.argv[1]).overlay_array(0x6002)",
                "for f in a: print(''.join(str(int(b)) for b in f.flatten()))");
        TestPeers.Result result = TestPeers.run(List.of(TestPeers.PYTHON, "-c", script, file.toString()), null);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().strip().split("\n");
    }
}
