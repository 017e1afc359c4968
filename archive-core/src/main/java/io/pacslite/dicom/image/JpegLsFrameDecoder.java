package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * Frames of JPEG-LS Lossless and Near-Lossless Pixel Data (PS3.5 A.4.3, 8.2.3), decoded as
 * ITU-T T.87 says: a SOF55 frame header (C.2.2), LSE preset coding parameters (C.2.4.1.1; the
 * defaults when there are none), and scans (SOS, C.2.3) of one component each (ILV 0) or of all
 * components interleaved by line (ILV 1) or by sample (ILV 2), each with its own NEAR. Samples of
 * 2 to 16 bits, one or three components.
 *
 * <p>Not decoded, and refused with the reason: restart intervals, mapping tables (LSE types 2
 * and 3), oversize dimensions (LSE type 4), a point transform, subsampled components.
 */
final class JpegLsFrameDecoder {

    private JpegLsFrameDecoder() {
    }

    /** The decoder of {@code frames}; a Bits Allocated other than 8 or 16 is refused. */
    static FrameDecoder of(ImagePixel pixel, EncapsulatedFrames frames) throws DicomException {
        return new JpegProcessFrameDecoder("JPEG-LS", "ITU-T T.87 C.2.2", pixel, frames, Process::new);
    }

    /** The preset coding parameters given so far in a frame. */
    private static final class Process implements JpegFrameReader.Process {

        /** Start of frame, JPEG-LS (T.87 C.2.2). */
        private static final int SOF55 = 0xF7;
        /** JPEG-LS preset parameters (T.87 C.2.4.1). */
        private static final int LSE = 0xF8;
        private static final int PRESET_CODING_PARAMETERS = 1;

        private final ImagePixel pixel;
        private JpegLsParameters preset = JpegLsParameters.DEFAULTS;

        Process(ImagePixel pixel) {
            this.pixel = pixel;
        }

        @Override
        public boolean decodesFrame(int marker) {
            return marker == SOF55;
        }

        @Override
        public String frameMarkerName() {
            return "SOF55";
        }

        @Override
        public boolean readSegment(int marker, JpegCodestream stream) throws DicomException {
            if (marker == LSE) {
                JpegCodestream.Segment segment = stream.segment("LSE");
                int id = segment.uint8();
                if (id != PRESET_CODING_PARAMETERS) {
                    throw new DicomException("its LSE segment of type " + id + " (mapping table or oversize dimensions,"
                            + " ITU-T T.87 C.2.4.1) is not decoded", -1);
                }
                preset = JpegLsParameters.read(segment);
            } else if (marker == JpegCodestream.DRI) {
                if (stream.segment("DRI").uint16() != 0) {
                    throw new DicomException("restart intervals in JPEG-LS frames are not decoded yet", -1);
                }
            } else {
                return false;
            }
            return true;
        }

        @Override
        public JpegFrameReader.Scan readScan(JpegCodestream.Segment segment, JpegFrameHeader header)
                throws DicomException {
            return JpegLsScan.read(segment, header, preset, pixel);
        }
    }
}
