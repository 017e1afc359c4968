package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import java.util.Locale;

/**
 * A window of modality values to show (PS3.3 C.11.2.1.2): Window Center (0028,1050), Window
 * Width (0028,1051) and the VOI LUT Function (0028,1056) that maps it to the output range.
 */
public record Window(double center, double width, VoiFunction function) {

    /** Checks the width against the function (PS3.3 C.11.2.1.2.1, C.11.2.1.3). */
    public Window {
        if (function == VoiFunction.LINEAR ? width < 1 : width <= 0) {
            throw new IllegalArgumentException("a " + function + " window needs a width of at least "
                    + (function == VoiFunction.LINEAR ? "1" : "more than 0") + ", not " + width);
        }
    }

    /**
     * The first window of a data set (PS3.3 C.11.2.1.2: several are alternatives, the first is
     * the default), or null when it has none.
     */
    public static Window first(Attributes dataset) throws DicomException {
        double center = ModalityLut.number(dataset, Tag.WindowCenter, Double.NaN);
        double width = ModalityLut.number(dataset, Tag.WindowWidth, Double.NaN);
        if (Double.isNaN(center) || Double.isNaN(width)) {
            return null;
        }
        VoiFunction function = VoiFunction.of(dataset.getString(Tag.VOILUTFunction));
        try {
            return new Window(center, width, function);
        } catch (IllegalArgumentException e) {
            throw new DicomException("Window Width: " + e.getMessage(), -1);
        }
    }

    /** The window from the lowest to the highest of some values: LINEAR_EXACT from min to max. */
    public static Window spanning(double min, double max) {
        return new Window((min + max) / 2, Math.max(max - min, 1), VoiFunction.LINEAR_EXACT);
    }

    /**
     * Parses {@code center,width[,function]}, the form of PS3.18 8.3.5.1.4 (the {@code window}
     * parameter of rendered resources; function {@code linear}, {@code linear-exact} or
     * {@code sigmoid}, default linear), also used by {@code pacslite render --window}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Window parse(String text) {
        String[] parts = text.split(",");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("expected center,width[,function], not \"" + text + "\"");
        }
        VoiFunction function = VoiFunction.LINEAR;
        if (parts.length == 3) {
            String name = parts[2].strip().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                function = VoiFunction.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("function \"" + parts[2].strip()
                        + "\" is not linear, linear-exact or sigmoid");
            }
        }
        try {
            return new Window(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()), function);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("center and width must be numbers: \"" + text + "\"");
        }
    }

    /** The output value, in {@code [0, 255]}, of a modality value. */
    public double apply(double value) {
        return function.apply(value, center, width);
    }
}
