package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * The frame header of a lossless JPEG (SOF3, ITU-T T.81 B.2.2) or JPEG-LS (SOF55, ITU-T T.87
 * C.2.2) codestream, which share one layout: sample precision P, number of lines Y, samples per
 * line X, and for each component its identifier and sampling factors. It is checked against the
 * Image Pixel Module before anything is allocated: the same size, as many components as samples
 * per pixel, a precision that fits Bits Allocated, and no subsampling.
 *
 * @param componentIds the identifier Ci of each component, in frame order
 */
record JpegFrameHeader(int precision, int[] componentIds) {

    /** Reads the header from its segment and checks it against {@code pixel}. */
    static JpegFrameHeader read(JpegCodestream.Segment segment, ImagePixel pixel) throws DicomException {
        int precision = segment.uint8();
        int lines = segment.uint16();
        int samplesPerLine = segment.uint16();
        int components = segment.uint8();
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
        if (components != pixel.samplesPerPixel()) {
            throw invalid(segment, components + " components, the image " + pixel.samplesPerPixel() + " samples per pixel");
        }
        int[] ids = new int[components];
        for (int i = 0; i < components; i++) {
            ids[i] = segment.uint8();
            int sampling = segment.uint8();
            segment.uint8();
            if (components > 1 && sampling != 0x11) {
                throw invalid(segment, "component " + ids[i] + " subsampled (" + (sampling >> 4) + " x " + (sampling & 0xF)
                        + "), which DICOM does not use with lossless JPEG");
            }
            for (int j = 0; j < i; j++) {
                if (ids[j] == ids[i]) {
                    throw invalid(segment, "two components with the identifier " + ids[i]);
                }
            }
        }
        return new JpegFrameHeader(precision, ids);
    }

    /** The index in frame order of the component with identifier {@code id}. */
    int componentIndex(int id) throws DicomException {
        for (int i = 0; i < componentIds.length; i++) {
            if (componentIds[i] == id) {
                return i;
            }
        }
        throw new DicomException("a scan names component " + id + ", which the frame header does not have", -1);
    }

    private static DicomException invalid(JpegCodestream.Segment segment, String reason) {
        return new DicomException("its " + segment.name() + " frame header declares " + reason, -1);
    }
}
