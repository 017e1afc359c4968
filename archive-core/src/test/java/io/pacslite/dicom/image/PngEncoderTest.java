package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Our PNG files read back by the JDK's own PNG decoder, pixel for pixel. */
class PngEncoderTest {

    @ParameterizedTest(name = "{0} x {1}, {2}")
    @CsvSource({
        "1, 1, grey", "1, 1, rgb",
        "5, 3, grey", "3, 5, rgb",
        // Random pixels do not compress: several IDAT chunks.
        "700, 300, grey", "300, 700, rgb",
    })
    void readsBackAsWritten(int width, int height, String kind) throws IOException {
        BufferedImage image = new BufferedImage(width, height,
                kind.equals("grey") ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = random.nextInt(256);
                image.setRGB(x, y, kind.equals("grey") ? v * 0x010101 : random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();

        PngEncoder.write(image, png);

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(read.getWidth()).isEqualTo(width);
        assertThat(read.getHeight()).isEqualTo(height);
        assertThat(read.getType()).isEqualTo(kind.equals("grey") ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertThat(read.getRaster().getPixel(x, y, (int[]) null))
                        .as("pixel %d,%d", x, y).isEqualTo(image.getRaster().getPixel(x, y, (int[]) null));
            }
        }
    }

    @Test
    void refusesOtherImageTypes() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);

        assertThatThrownBy(() -> PngEncoder.write(image, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8-bit grey or RGB");
    }
}
