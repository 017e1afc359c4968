package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JPEG frames the JDK cannot decode, or that disagree with the Image Pixel Module, are refused
 * with the reason; mutants of a corpus frame (fixed seed) decode or are refused. (Decoded JPEG Baseline frames are compared with pydicom's in
 * {@link ImageFramesPydicomTest}.)
 */
final class JpegFrameDecoderTest {

    @Test
    void refusesAFrameThatIsNotJpeg() throws IOException {
        DicomFile file = read("SC_rgb_jpeg_dcmtk.dcm");
        Fragments garbage = new Fragments();
        garbage.add(new byte[0]);
        garbage.add(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        file.dataset().set(Tag.PixelData, VR.OB, garbage);

        assertThatThrownBy(() -> ImageFrames.of(file).frame(0)).isInstanceOf(DicomException.class)
                .hasMessageStartingWith("JPEG frame 1: ");
    }

    @Test
    void refusesAFrameWhoseSizeIsNotTheImages() throws IOException {
        DicomFile file = read("SC_rgb_jpeg_dcmtk.dcm");
        file.dataset().setInts(Tag.Rows, VR.US, 50);

        assertThatThrownBy(() -> ImageFrames.of(file).frame(0)).isInstanceOf(DicomException.class)
                .hasMessageContaining("its header declares 100 x 100 pixels, the image has 100 x 50");
    }

    @Test
    void everyMutatedFrameDecodesOrIsRefusedWithAReason() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            DicomFile file = read("SC_rgb_dcmtk_+eb+cy+np.dcm");
            byte[] frame = (byte[]) ((Fragments) file.dataset().getValue(Tag.PixelData)).get(1);
            Random random = new Random(9);
            for (int mutant = 0; mutant < 300; mutant++) {
                byte[] mutated = random.nextInt(4) == 0 ? Arrays.copyOf(frame, random.nextInt(frame.length)) : frame.clone();
                for (int i = random.nextInt(8); i >= 0 && mutated.length > 0; i--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                Fragments fragments = new Fragments();
                fragments.add(new byte[0]);
                fragments.add(mutated);
                file.dataset().set(Tag.PixelData, VR.OB, fragments);
                try {
                    ImageFrames.of(file).frame(0);
                } catch (DicomException e) {
                    assertThat(e.getMessage()).as("mutant %d", mutant).startsWith("JPEG frame 1: ");
                }
            }
        });
    }

    private static DicomFile read(String name) throws IOException {
        try (DicomReader reader = DicomReader.open(TestPeers.pydicomData().resolve("test_files").resolve(name))) {
            return reader.readFile();
        }
    }
}
