package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import java.io.IOException;

/**
 * The Modality LUT (PS3.3 C.11.1): stored values to modality values (Hounsfield units for
 * CT, for example), by the first item of the Modality LUT Sequence (0028,3000) when there is
 * one, else by Rescale Slope and Intercept (0028,1053), (0028,1052), by default 1 and 0.
 */
public final class ModalityLut {

    private final LookupTable table;
    private final double slope;
    private final double intercept;

    private ModalityLut(LookupTable table, double slope, double intercept) {
        this.table = table;
        this.slope = slope;
        this.intercept = intercept;
    }

    /** The Modality LUT of an image's data set. */
    public static ModalityLut of(Attributes dataset, ImagePixel pixel) throws IOException {
        Sequence sequence = dataset.getSequence(Tag.ModalityLUTSequence);
        if (sequence != null && !sequence.isEmpty()) {
            return new ModalityLut(LookupTable.read(sequence.get(0), Tag.LUTDescriptor, Tag.LUTData, false,
                    pixel.isSigned()), 1, 0);
        }
        return new ModalityLut(null, number(dataset, Tag.RescaleSlope, 1), number(dataset, Tag.RescaleIntercept, 0));
    }

    /** The modality value of a stored value. */
    public double apply(long stored) {
        return table != null ? table.lookup(stored) : stored * slope + intercept;
    }

    /** The first value of a decimal string element, or {@code absent}; text that is not a number is an error. */
    static double number(Attributes dataset, int tag, double absent) throws DicomException {
        try {
            double[] values = dataset.getDoubles(tag);
            return values.length > 0 ? values[0] : absent;
        } catch (NumberFormatException e) {
            throw new DicomException(Tags.toString(tag) + " is not a number: \""
                    + dataset.getString(tag) + "\"", -1);
        }
    }
}
