package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * The VOI LUT Function (0028,1056) that turns a window into output values (PS3.3 C.11.2.1.2
 * and C.11.2.1.3), here onto the output range {@code [0, 255]}.
 */
public enum VoiFunction {
    /** PS3.3 C.11.2.1.2.1: the default; a width below 1 is invalid. */
    LINEAR {
        @Override
        double apply(double x, double center, double width) {
            double below = center - 0.5 - (width - 1) / 2;
            double above = center - 0.5 + (width - 1) / 2;
            if (x <= below) {
                return 0;
            }
            if (x > above) {
                return MAX;
            }
            return ((x - (center - 0.5)) / (width - 1) + 0.5) * MAX;
        }
    },
    /** PS3.3 C.11.2.1.3.2: the window exactly; the width must be above 0. */
    LINEAR_EXACT {
        @Override
        double apply(double x, double center, double width) {
            if (x <= center - width / 2) {
                return 0;
            }
            if (x > center + width / 2) {
                return MAX;
            }
            return ((x - center) / width + 0.5) * MAX;
        }
    },
    /** PS3.3 C.11.2.1.3.1: a logistic curve through the window; the width must be above 0. */
    SIGMOID {
        @Override
        double apply(double x, double center, double width) {
            return MAX / (1 + Math.exp(-4 * (x - center) / width));
        }
    };

    private static final double MAX = 255;

    /** The output value, in {@code [0, 255]}, of modality value {@code x} in the window. */
    abstract double apply(double x, double center, double width);

    /** The function a data set names; LINEAR when it names none. */
    public static VoiFunction of(String value) throws DicomException {
        if (value == null || value.isBlank()) {
            return LINEAR;
        }
        try {
            return valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new DicomException("VOI LUT Function \"" + value.strip() + "\" is not LINEAR, LINEAR_EXACT or SIGMOID"
                    + " (PS3.3 C.11.2.1.3)", -1);
        }
    }
}
