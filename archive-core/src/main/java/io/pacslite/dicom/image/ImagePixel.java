package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;

/**
 * The description of the pixels of an image: the attributes of the Image Pixel Module (PS3.3
 * C.7.6.3) that say how Pixel Data is laid out, plus Number of Frames (PS3.3 C.7.6.6).
 * {@link #of(Attributes)} checks them against each other and against a size limit, so that no
 * decoder allocates for an image it will not be able to hold.
 *
 * @param highBit the position of the most significant bit of a stored value in its container
 *     (PS3.5 8.1.1)
 * @param pixelRepresentation 0 for unsigned, 1 for two's complement values
 * @param planarConfiguration 0 when the samples of a pixel are next to each other, 1 when each
 *     sample has its own plane (PS3.3 C.7.6.3.1.3)
 */
public record ImagePixel(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
        int pixelRepresentation, int planarConfiguration, PhotometricInterpretation photometricInterpretation,
        int numberOfFrames) {

    /**
     * Default limit on the samples of one frame: 2^26, an 8192 x 8192 grey image or a 4096 x 4096
     * colour one (256 MiB once decoded into {@code int}s).
     */
    public static final long DEFAULT_MAX_SAMPLES_PER_FRAME = 1L << 26;

    /** Reads and checks the description with the default size limit. */
    public static ImagePixel of(Attributes dataset) throws DicomException {
        return of(dataset, DEFAULT_MAX_SAMPLES_PER_FRAME);
    }

    /**
     * Reads and checks the description: every value within what PS3.3 C.7.6.3.1 allows, the
     * values consistent with each other, and one frame at most {@code maxSamplesPerFrame}
     * samples.
     */
    public static ImagePixel of(Attributes dataset, long maxSamplesPerFrame) throws DicomException {
        int rows = required(dataset, Tag.Rows, "Rows (0028,0010)");
        int columns = required(dataset, Tag.Columns, "Columns (0028,0011)");
        int samplesPerPixel = required(dataset, Tag.SamplesPerPixel, "Samples per Pixel (0028,0002)");
        int bitsAllocated = required(dataset, Tag.BitsAllocated, "Bits Allocated (0028,0100)");
        int bitsStored = required(dataset, Tag.BitsStored, "Bits Stored (0028,0101)");
        int highBit = required(dataset, Tag.HighBit, "High Bit (0028,0102)");
        int pixelRepresentation = required(dataset, Tag.PixelRepresentation, "Pixel Representation (0028,0103)");
        int planarConfiguration = optional(dataset, Tag.PlanarConfiguration, "Planar Configuration (0028,0006)", 0);
        int numberOfFrames = optional(dataset, Tag.NumberOfFrames, "Number of Frames (0028,0008)", 1);
        PhotometricInterpretation photometric =
                PhotometricInterpretation.of(dataset.getString(Tag.PhotometricInterpretation));
        ImagePixel pixel = new ImagePixel(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, highBit,
                pixelRepresentation, planarConfiguration, photometric, numberOfFrames);
        pixel.check(maxSamplesPerFrame);
        return pixel;
    }

    /** Number of pixels in one frame. */
    public int pixelsPerFrame() {
        return rows * columns;
    }

    /** Number of samples in one decoded frame (pixels times samples per pixel). */
    public int samplesPerFrame() {
        return rows * columns * samplesPerPixel;
    }

    /** Whether stored values are two's complement (Pixel Representation 1). */
    public boolean isSigned() {
        return pixelRepresentation == 1;
    }

    /**
     * Length in bits of one frame of native (uncompressed) Pixel Data. YBR_FULL_422 holds two
     * samples per pixel there, a Y for each pixel and a Cb and Cr shared by two (PS3.3
     * C.7.6.3.1.2); frames of single-bit pixels are packed without padding (PS3.5 8.1.1).
     */
    public long nativeFrameBits() {
        int stored = photometricInterpretation == PhotometricInterpretation.YBR_FULL_422 ? 2 : samplesPerPixel;
        return (long) rows * columns * stored * bitsAllocated;
    }

    /** The largest stored value Pixel Representation and Bits Stored allow. */
    public long maxStoredValue() {
        return isSigned() ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
    }

    private void check(long maxSamplesPerFrame) throws DicomException {
        if (rows < 1 || columns < 1) {
            throw invalid("an image of " + rows + " x " + columns + " pixels has no pixels");
        }
        if (samplesPerPixel != photometricInterpretation.samplesPerPixel()) {
            throw invalid("Samples per Pixel is " + samplesPerPixel + " but " + photometricInterpretation.definedTerm()
                    + " has " + photometricInterpretation.samplesPerPixel() + " (PS3.3 C.7.6.3.1.1)");
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw invalid("Bits Allocated " + bitsAllocated + " is not 1, 8, 16 or 32");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw invalid("Bits Stored " + bitsStored + " is not between 1 and Bits Allocated " + bitsAllocated);
        }
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw invalid("High Bit " + highBit + " does not fit " + bitsStored + " stored bits in "
                    + bitsAllocated + " allocated (PS3.5 8.1.1)");
        }
        if (pixelRepresentation != 0 && pixelRepresentation != 1) {
            throw invalid("Pixel Representation " + pixelRepresentation + " is not 0 or 1");
        }
        if (planarConfiguration != 0 && planarConfiguration != 1) {
            throw invalid("Planar Configuration " + planarConfiguration + " is not 0 or 1");
        }
        if (numberOfFrames < 1) {
            throw invalid("Number of Frames " + numberOfFrames + " is not a positive number");
        }
        long samples = (long) rows * columns * samplesPerPixel;
        if (samples > maxSamplesPerFrame) {
            throw invalid("a frame of " + rows + " x " + columns + " pixels x " + samplesPerPixel + " samples exceeds the limit of "
                    + maxSamplesPerFrame + " samples");
        }
    }

    private static DicomException invalid(String reason) {
        return new DicomException("Image Pixel Module: " + reason, -1);
    }

    private static int required(Attributes dataset, int tag, String name) throws DicomException {
        if (!dataset.contains(tag)) {
            throw invalid(name + " is missing");
        }
        return optional(dataset, tag, name, 0);
    }

    private static int optional(Attributes dataset, int tag, String name, int absent) throws DicomException {
        long[] values;
        try {
            values = dataset.getLongs(tag);
        } catch (NumberFormatException e) {
            throw invalid(name + " is not a number: \"" + dataset.getString(tag) + "\"");
        }
        if (values.length == 0) {
            return absent;
        }
        if (values[0] < Integer.MIN_VALUE || values[0] > Integer.MAX_VALUE) {
            throw invalid(name + " " + values[0] + " is out of range");
        }
        return (int) values[0];
    }
}
