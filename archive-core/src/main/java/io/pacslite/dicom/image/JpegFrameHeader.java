package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * The frame header of a JPEG (SOFn, ITU-T T.81 B.2.2) or JPEG-LS (SOF55, ITU-T T.87 C.2.2)
 * codestream, which share one layout: sample precision P, number of lines Y, samples per line X,
 * and for each component its identifier Ci, sampling factors Hi and Vi, and quantization table
 * selector Tqi. It is checked against the Image Pixel Module before anything is allocated: the
 * same size, as many components as samples per pixel, and a precision that fits Bits Allocated.
 *
 * @param components the components in frame order
 */
record JpegFrameHeader(int precision, Component[] components) {

    /**
     * One component of the frame.
     *
     * @param id its identifier Ci, by which scans name it
     * @param horizontalSampling Hi, 1 to 4 (T.81 A.1.1)
     * @param verticalSampling Vi, 1 to 4
     * @param quantizationTable Tqi, the DCT processes' quantization table, 0 to 3
     */
    record Component(int id, int horizontalSampling, int verticalSampling, int quantizationTable) {
    }

    /**
     * Reads the header from its segment and checks it against {@code pixel}; components of a
     * multi-component frame must not be subsampled unless {@code subsampling} (the lossless
     * processes DICOM uses never subsample, PS3.5 8.2.1).
     */
    static JpegFrameHeader read(JpegCodestream.Segment segment, ImagePixel pixel, boolean subsampling)
            throws DicomException {
        int precision = segment.uint8();
        int lines = segment.uint16();
        int samplesPerLine = segment.uint16();
        int count = segment.uint8();
        if (precision < 2 || precision > 16) {
            throw invalid(segment, "a sample precision of " + precision + " bits, not 2 to 16");
        }
        if (precision > pixel.bitsAllocated()) {
            throw invalid(segment, "samples of " + precision + " bits, more than Bits Allocated " + pixel.bitsAllocated());
        }
        if (lines != pixel.rows() || samplesPerLine != pixel.columns()) {
            throw invalid(segment, samplesPerLine + " x " + lines + " pixels, the image has " + pixel.columns() + " x "
                    + pixel.rows());
        }
        if (count != pixel.samplesPerPixel()) {
            throw invalid(segment, count + " components, the image " + pixel.samplesPerPixel() + " samples per pixel");
        }
        Component[] components = new Component[count];
        for (int i = 0; i < count; i++) {
            int id = segment.uint8();
            int sampling = segment.uint8();
            components[i] = new Component(id, sampling >> 4, sampling & 0xF, segment.uint8());
            if (subsampling ? components[i].horizontalSampling() < 1 || components[i].horizontalSampling() > 4
                    || components[i].verticalSampling() < 1 || components[i].verticalSampling() > 4
                    : count > 1 && sampling != 0x11) {
                throw invalid(segment, "component " + id + " sampled " + (sampling >> 4) + " x " + (sampling & 0xF)
                        + (subsampling ? ", not 1 to 4 each way (ITU-T T.81 B.2.2)" : ", which DICOM does not use"
                        + " with lossless JPEG"));
            }
            for (int j = 0; j < i; j++) {
                if (components[j].id() == id) {
                    throw invalid(segment, "two components with the identifier " + id);
                }
            }
        }
        return new JpegFrameHeader(precision, components);
    }

    /** Reads the number of components of a scan (Ns, T.81 B.2.3), checked against the frame's. */
    int scanComponentCount(JpegCodestream.Segment segment) throws DicomException {
        int count = segment.uint8();
        if (count < 1 || count > components.length) {
            throw new DicomException("a scan of " + count + " components in a frame of " + components.length, -1);
        }
        return count;
    }

    /** The index in frame order of the component with identifier {@code id}. */
    int componentIndex(int id) throws DicomException {
        for (int i = 0; i < components.length; i++) {
            if (components[i].id() == id) {
                return i;
            }
        }
        throw new DicomException("a scan names component " + id + ", which the frame header does not have", -1);
    }

    /** Hmax, the largest horizontal sampling factor (T.81 A.1.1). */
    int maxHorizontalSampling() {
        int max = 1;
        for (Component component : components) {
            max = Math.max(max, component.horizontalSampling());
        }
        return max;
    }

    /** Vmax, the largest vertical sampling factor. */
    int maxVerticalSampling() {
        int max = 1;
        for (Component component : components) {
            max = Math.max(max, component.verticalSampling());
        }
        return max;
    }

    private static DicomException invalid(JpegCodestream.Segment segment, String reason) {
        return new DicomException("its " + segment.name() + " frame header declares " + reason, -1);
    }
}
