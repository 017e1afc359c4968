package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.io.IOException;

/**
 * Frames of native (uncompressed) Pixel Data (PS3.5 8.1 and 8.2): containers of 1, 8, 16 or
 * 32 bits in the data set's byte order, frames one after another. Each frame is read on its
 * own (from the file when the value is a reference), so one frame of a large multi-frame
 * object costs one frame.
 */
final class NativeFrameDecoder implements FrameDecoder {

    private final ImagePixel pixel;
    private final Object value;
    private final long valueLength;
    private final boolean bigEndian;
    /** Explicit VR Big Endian OW holds 8- and 1-bit pixels in byte-swapped 16-bit words (PS3.5 8.1.1, 8.2). */
    private final boolean swappedWords;

    /**
     * @param value the Pixel Data value, {@code byte[]} or a reference into the file
     * @param otherWord whether its VR is OW
     */
    NativeFrameDecoder(ImagePixel pixel, Object value, boolean bigEndian, boolean otherWord) throws DicomException {
        this.pixel = pixel;
        this.value = value;
        this.valueLength = PixelBytes.length(value);
        this.bigEndian = bigEndian;
        this.swappedWords = bigEndian && otherWord && pixel.bitsAllocated() <= 8;
        if (pixel.photometricInterpretation() == PhotometricInterpretation.YBR_FULL_422
                && (pixel.columns() % 2 != 0 || pixel.planarConfiguration() != 0)) {
            throw new DicomException("YBR_FULL_422 needs an even number of columns and Planar Configuration 0"
                    + " (PS3.3 C.7.6.3.1.2)", -1);
        }
        long needed = (pixel.nativeFrameBits() * pixel.numberOfFrames() + 7) / 8;
        if (valueLength < needed) {
            throw new DicomException("Pixel Data has " + valueLength + " bytes but " + pixel.numberOfFrames() + " frame(s) of "
                    + pixel.rows() + " x " + pixel.columns() + " pixels, " + pixel.samplesPerPixel() + " sample(s) of "
                    + pixel.bitsAllocated() + " bits need " + needed, -1);
        }
    }

    @Override
    public FrameSamples decode(int index) throws IOException {
        long startBit = pixel.nativeFrameBits() * index;
        // Whole 16-bit words, so that swapped words can be read in place.
        long start = (startBit / 8) & ~1L;
        long end = Math.min(valueLength, ((startBit + pixel.nativeFrameBits() + 7) / 8 + 1) & ~1L);
        byte[] bytes = PixelBytes.read(value, start, Math.toIntExact(end - start));
        int[] stored = containers(bytes, (int) (startBit - start * 8));
        return new FrameSamples(pixel, arrange(stored));
    }

    /**
     * The stored values, in the order Pixel Data holds them, from the frame's first bit. One
     * loop per container size: this runs for every pixel of every frame served or rendered.
     */
    private int[] containers(byte[] bytes, int firstBit) {
        int firstByte = firstBit >>> 3;
        int[] stored = new int[Math.toIntExact(pixel.nativeFrameBits() / pixel.bitsAllocated())];
        switch (pixel.bitsAllocated()) {
            case 1 -> {
                for (int i = 0; i < stored.length; i++) {
                    int bit = firstBit + i;
                    // The first pixel is the least significant bit of its byte (PS3.5 8.1.1).
                    stored[i] = (byteAt(bytes, bit >>> 3) >>> (bit & 7)) & 1;
                }
            }
            case 8 -> {
                for (int i = 0; i < stored.length; i++) {
                    stored[i] = byteAt(bytes, firstByte + i);
                }
            }
            case 16 -> {
                int high = bigEndian ? 0 : 1;
                for (int i = 0, at = firstByte; i < stored.length; i++, at += 2) {
                    stored[i] = (bytes[at + high] & 0xFF) << 8 | bytes[at + 1 - high] & 0xFF;
                }
            }
            default -> {
                for (int i = 0; i < stored.length; i++) {
                    stored[i] = word32(bytes, firstByte + 4 * i);
                }
            }
        }
        FrameSamples.toStoredValues(stored, pixel);
        return stored;
    }

    private int byteAt(byte[] bytes, int index) {
        return bytes[swappedWords ? index ^ 1 : index] & 0xFF;
    }

    private int word32(byte[] bytes, int at) {
        int word = 0;
        for (int i = 0; i < 4; i++) {
            int b = bytes[at + i] & 0xFF;
            word |= bigEndian ? b << (8 * (3 - i)) : b << (8 * i);
        }
        return word;
    }

    /** Puts the samples of each pixel together: from colour planes, or from YBR_FULL_422 pairs. */
    private int[] arrange(int[] stored) {
        int samplesPerPixel = pixel.samplesPerPixel();
        if (samplesPerPixel == 1) {
            return stored;
        }
        int pixels = pixel.pixelsPerFrame();
        int[] samples = new int[pixel.samplesPerFrame()];
        if (pixel.photometricInterpretation() == PhotometricInterpretation.YBR_FULL_422) {
            // Y1 Y2 Cb Cr for each two pixels of a row (PS3.3 C.7.6.3.1.2).
            for (int pair = 0; pair < pixels / 2; pair++) {
                int in = 4 * pair;
                int out = 6 * pair;
                samples[out] = stored[in];
                samples[out + 3] = stored[in + 1];
                samples[out + 1] = samples[out + 4] = stored[in + 2];
                samples[out + 2] = samples[out + 5] = stored[in + 3];
            }
        } else if (pixel.planarConfiguration() == 1) {
            for (int p = 0; p < pixels; p++) {
                for (int s = 0; s < samplesPerPixel; s++) {
                    samples[p * samplesPerPixel + s] = stored[s * pixels + p];
                }
            }
        } else {
            return stored;
        }
        return samples;
    }
}
