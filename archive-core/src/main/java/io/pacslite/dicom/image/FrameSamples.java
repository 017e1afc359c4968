package io.pacslite.dicom.image;

/**
 * One decoded frame: its stored pixel values (PS3.5 8.1.1), taken out of their containers by
 * Bits Stored and High Bit and sign-extended when Pixel Representation is 1, in pixel order
 * with the samples of a pixel next to each other (whatever the Planar Configuration was),
 * rows top to bottom and pixels left to right. YBR_FULL_422 frames hold all three samples for
 * every pixel. JPEG 2000 frames of YBR_RCT and YBR_ICT images hold R, G and B (their decoder
 * undoes the multi-component transform, PS3.5 8.2.4), and their {@link #pixel()} says RGB.
 *
 * <p>Values of 32 stored bits that are unsigned do not fit an {@code int}: they are kept as
 * their bit pattern; read them with {@link #value(int)}.
 *
 * @param samples {@code rows x columns x samplesPerPixel} values
 */
public record FrameSamples(ImagePixel pixel, int[] samples) {

    /** Checks that there is one value per sample of the frame. */
    public FrameSamples {
        if (samples.length != pixel.samplesPerFrame()) {
            throw new IllegalArgumentException(samples.length + " samples for a frame of " + pixel.samplesPerFrame());
        }
    }

    /** The stored value at {@code index} (pixel times samples per pixel, plus sample). */
    public long value(int index) {
        int sample = samples[index];
        return pixel.isSigned() ? sample : sample & 0xFFFFFFFFL;
    }

    /**
     * Replaces each container of {@code containers}, a value of Bits Allocated bits, by its
     * stored value: the Bits Stored bits that end at High Bit, sign-extended for Pixel
     * Representation 1 (PS3.5 8.1.1). One loop for the whole frame.
     */
    static void toStoredValues(int[] containers, ImagePixel pixel) {
        int shift = pixel.highBit() + 1 - pixel.bitsStored();
        int unused = 32 - pixel.bitsStored();
        if (pixel.isSigned()) {
            for (int i = 0; i < containers.length; i++) {
                containers[i] = containers[i] >>> shift << unused >> unused;
            }
        } else if (shift != 0 || pixel.bitsStored() != pixel.bitsAllocated()) {
            for (int i = 0; i < containers.length; i++) {
                containers[i] = containers[i] >>> shift << unused >>> unused;
            }
        }
    }
}
