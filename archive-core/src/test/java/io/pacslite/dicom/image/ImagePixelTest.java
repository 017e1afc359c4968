package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The pixel description is checked before anything is allocated (PS3.3 C.7.6.3.1, PS3.5 8.1.1). */
final class ImagePixelTest {

    @Test
    void refusesADeclared60000By60000ImageBeforeAllocating() {
        Attributes dataset = TestImages.image("MONOCHROME2", 2, 2, 1, 16, 16, 0, 0, 1);
        dataset.setInts(Tag.Rows, VR.US, 60000);
        dataset.setInts(Tag.Columns, VR.US, 60000);

        assertThatThrownBy(() -> ImageFrames.of(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ImagePixel.DEFAULT_MAX_SAMPLES_PER_FRAME))
                .isInstanceOf(DicomException.class)
                .hasMessageContaining("60000 x 60000").hasMessageContaining("exceeds the limit");
    }

    @Test
    void refusesPixelDataShorterThanItsFrames() {
        Attributes dataset = TestImages.image("MONOCHROME2", 4, 4, 1, 16, 16, 0, 0, 1);
        dataset.setInts(Tag.NumberOfFrames, VR.IS, 3);

        assertThatThrownBy(() -> frames(dataset))
                .isInstanceOf(DicomException.class)
                .hasMessageContaining("Pixel Data has 32 bytes but 3 frame(s)").hasMessageContaining("need 96");
    }

    @Test
    void refusesInconsistentDescriptions() {
        assertRefused("BitsStored", Tag.BitsStored, 17, "Bits Stored 17");
        assertRefused("HighBit", Tag.HighBit, 3, "High Bit 3");
        assertRefused("BitsAllocated", Tag.BitsAllocated, 12, "Bits Allocated 12");
        assertRefused("SamplesPerPixel", Tag.SamplesPerPixel, 3, "Samples per Pixel is 3");
        assertRefused("PixelRepresentation", Tag.PixelRepresentation, 2, "Pixel Representation 2");
        assertRefused("Rows", Tag.Rows, 0, "has no pixels");
    }

    @Test
    void refusesAnUnknownPhotometricInterpretation() {
        Attributes dataset = TestImages.image("MONOCHROME2", 2, 2, 1, 8, 8, 0, 0, 1);
        dataset.setString(Tag.PhotometricInterpretation, VR.CS, "CMYK");

        assertThatThrownBy(() -> frames(dataset)).isInstanceOf(DicomException.class).hasMessageContaining("\"CMYK\"");
    }

    @Test
    void refusesAFrameNumberOutOfRange() throws IOException {
        ImageFrames frames = frames(TestImages.image("MONOCHROME2", 2, 2, 1, 8, 8, 0, 0, 2));

        assertThatThrownBy(() -> frames.frame(2)).isInstanceOf(DicomException.class).hasMessageContaining("has 2");
    }

    @Test
    void takesStoredValuesFromTheirContainersByHighBitAndSignsThem() throws IOException {
        Attributes dataset = TestImages.image("MONOCHROME2", 1, 2, 1, 16, 12, 1, 0, 1);
        dataset.setInts(Tag.HighBit, VR.US, 13);
        // Containers 0xC00C and 0x2FFC: bits 13..2 are 0x003 and 0xBFF; the bits outside are not part of the value.
        dataset.set(Tag.PixelData, VR.OW, new byte[] {0x0C, (byte) 0xC0, (byte) 0xFC, 0x2F});

        FrameSamples frame = frames(dataset).frame(0);

        assertThat(frame.value(0)).isEqualTo(3);
        assertThat(frame.value(1)).isEqualTo(0xBFF - 0x1000);
    }

    private static void assertRefused(String what, int tag, int value, String reason) {
        Attributes dataset = TestImages.image("MONOCHROME2", 2, 2, 1, 8, 8, 0, 0, 1);
        dataset.setInts(tag, VR.US, value);

        assertThatThrownBy(() -> frames(dataset)).as(what).isInstanceOf(DicomException.class)
                .hasMessageContaining(reason);
    }

    private static ImageFrames frames(Attributes dataset) throws IOException {
        return ImageFrames.of(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ImagePixel.DEFAULT_MAX_SAMPLES_PER_FRAME);
    }
}
