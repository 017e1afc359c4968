package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import java.io.IOException;

/**
 * The Palette Color Lookup Table of a PALETTE COLOR image (PS3.3 C.7.6.3.1.5 and C.7.9): red,
 * green and blue tables of 8- or 16-bit entries indexed by the stored value. Segmented
 * palettes (C.7.9.2) are not read.
 */
final class PaletteColorLut {

    private final LookupTable red;
    private final LookupTable green;
    private final LookupTable blue;

    private PaletteColorLut(LookupTable red, LookupTable green, LookupTable blue) {
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    static PaletteColorLut of(Attributes dataset, ImagePixel pixel) throws IOException {
        if (dataset.contains(Tag.SegmentedRedPaletteColorLookupTableData)) {
            throw new DicomException("segmented Palette Color Lookup Tables (PS3.3 C.7.9.2) are not supported", -1);
        }
        boolean signed = pixel.isSigned();
        return new PaletteColorLut(
                LookupTable.read(dataset, Tag.RedPaletteColorLookupTableDescriptor, Tag.RedPaletteColorLookupTableData, true, signed),
                LookupTable.read(dataset, Tag.GreenPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableData, true,
                        signed),
                LookupTable.read(dataset, Tag.BluePaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableData, true,
                        signed));
    }

    /** The 8-bit RGB colour (0xRRGGBB) of a stored value. */
    int rgb(long stored) {
        return eightBits(red, stored) << 16 | eightBits(green, stored) << 8 | eightBits(blue, stored);
    }

    private static int eightBits(LookupTable table, long stored) {
        return FrameRenderer.toEightBits(table.lookup(stored), table.maxOutput());
    }
}
