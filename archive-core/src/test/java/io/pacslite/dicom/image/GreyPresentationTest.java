package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.TransferSyntax;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The parts of the grey pipeline that the image itself asks for beyond its LUTs: Presentation
 * LUT Shape (PS3.3 C.11.6.1) and Pixel Padding Value / Range Limit (C.7.5.1.1.2).
 */
final class GreyPresentationTest {

    private static final Window WINDOW = new Window(128, 256, VoiFunction.LINEAR_EXACT);

    @Test
    void inverseShapeInvertsMonochrome2() throws IOException {
        Attributes identity = image("MONOCHROME2");
        Attributes inverse = image("MONOCHROME2");
        inverse.setString(Tag.PresentationLUTShape, VR.CS, "INVERSE");

        int[] plain = greys(identity, false);
        int[] inverted = greys(inverse, false);

        assertThat(inverted).isEqualTo(IntStream.of(plain).map(g -> 255 - g).toArray());
    }

    @Test
    void monochrome1IsInvertedOnceWhateverItsShapeRepeats() throws IOException {
        Attributes monochrome1 = image("MONOCHROME1");
        Attributes withInverse = image("MONOCHROME1");
        withInverse.setString(Tag.PresentationLUTShape, VR.CS, "INVERSE");
        Attributes withIdentity = image("MONOCHROME1");
        withIdentity.setString(Tag.PresentationLUTShape, VR.CS, "IDENTITY");

        assertThat(greys(withInverse, false)).isEqualTo(greys(monochrome1, false));
        assertThat(greys(withIdentity, false)).isEqualTo(greys(image("MONOCHROME2"), false));
        assertThat(greys(monochrome1, false)).isNotEqualTo(greys(image("MONOCHROME2"), false));
    }

    @Test
    void paddingIsBlackAndOutOfTheSpanOfValues() throws IOException {
        Attributes padded = image("MONOCHROME2");
        padded.remove(Tag.WindowCenter);
        padded.remove(Tag.WindowWidth);
        padded.setInts(Tag.PixelPaddingValue, VR.US, 9);
        padded.setInts(Tag.PixelPaddingRangeLimit, VR.US, 0);
        int[] stored = stored(padded);
        int lowestImageValue = IntStream.of(stored).filter(v -> v > 9).min().orElseThrow();

        int[] plain = greys(padded, false);
        int[] inverted = greys(padded, true);

        for (int i = 0; i < stored.length; i++) {
            if (stored[i] <= 9) {
                assertThat(plain[i]).as("padding pixel %d", i).isZero();
                assertThat(inverted[i]).as("padding pixel %d, inverted", i).isZero();
            } else if (stored[i] == lowestImageValue) {
                assertThat(plain[i]).as("lowest image value").isZero();
                assertThat(inverted[i]).as("lowest image value, inverted").isEqualTo(255);
            }
        }
        assertThat(IntStream.of(stored).filter(v -> v <= 9).count()).as("padding pixels in the test image").isPositive();
    }

    @Test
    void signedPaddingReadAsUnsignedIsItsTwosComplement() throws IOException {
        Attributes signed = TestImages.image("MONOCHROME2", 4, 4, 1, 16, 16, 1, 0, 1);
        signed.setInts(Tag.PixelPaddingValue, VR.US, 0x8000);

        PixelPadding padding = PixelPadding.of(signed, ImagePixel.of(signed));

        assertThat(padding.contains(-32768)).isTrue();
        assertThat(padding.contains(32768)).isFalse();
    }

    /** A 16 x 16 image of 8-bit values, all 256 of them, with a window that maps them one to one. */
    private static Attributes image(String photometric) {
        Attributes dataset = TestImages.image(photometric, 16, 16, 1, 8, 8, 0, 0, 1);
        byte[] pixels = new byte[256];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        dataset.set(Tag.PixelData, VR.OB, pixels);
        dataset.setDoubles(Tag.WindowCenter, VR.DS, WINDOW.center());
        dataset.setDoubles(Tag.WindowWidth, VR.DS, WINDOW.width());
        return dataset;
    }

    private static int[] stored(Attributes dataset) throws IOException {
        return frames(dataset).frame(0).samples();
    }

    private static int[] greys(Attributes dataset, boolean invert) throws IOException {
        BufferedImage image = FrameRenderer.render(frames(dataset), 0, new RenderOptions(null, invert));
        byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        return IntStream.range(0, bytes.length).map(i -> bytes[i] & 0xFF).toArray();
    }

    private static ImageFrames frames(Attributes dataset) throws IOException {
        return ImageFrames.of(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ImagePixel.DEFAULT_MAX_SAMPLES_PER_FRAME);
    }
}
