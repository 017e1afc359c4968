package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;

/**
 * The stored values that are padding, not image (PS3.3 C.7.5.1.1.2): Pixel Padding Value
 * (0028,0120) alone, or the range from it to Pixel Padding Range Limit (0028,0121), both
 * included, in either order. They are stored values, before the Modality LUT. The renderer
 * leaves them out of the span of values that makes a window when the image has none, and shows
 * them black, as the background they are.
 *
 * @param low  the lowest padding value
 * @param high the highest padding value
 */
record PixelPadding(long low, long high) {

    /** The padding of a grey-scale image, or null when it declares none. */
    static PixelPadding of(Attributes dataset, ImagePixel pixel) {
        long[] value = dataset.getLongs(Tag.PixelPaddingValue);
        if (value.length == 0) {
            return null;
        }
        long[] limit = dataset.getLongs(Tag.PixelPaddingRangeLimit);
        long first = asStored(value[0], pixel);
        long last = limit.length == 0 ? first : asStored(limit[0], pixel);
        return new PixelPadding(Math.min(first, last), Math.max(first, last));
    }

    /** Whether stored value {@code value} is padding. */
    boolean contains(long value) {
        return value >= low && value <= high;
    }

    /**
     * A padding value as a stored value. Its VR is US or SS as Pixel Representation says; one
     * read as US (Implicit VR Little Endian leaves the choice to the reader) of a signed image
     * is taken as the 16-bit two's complement it is.
     */
    private static long asStored(long value, ImagePixel pixel) {
        return pixel.isSigned() && value > pixel.maxStoredValue() && value <= 0xFFFF ? (short) value : value;
    }
}
