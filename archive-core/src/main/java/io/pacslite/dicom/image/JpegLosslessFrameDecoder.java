package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * Frames of JPEG Lossless, Non-Hierarchical (Process 14) Pixel Data, with any of the seven
 * predictors, and of its Selection Value 1 form (PS3.5 A.4.1, 8.2.1), decoded as ITU-T T.81
 * Annex H says: a SOF3 frame header, Huffman tables (DHT), one or more scans (SOS) whose Ss is
 * the predictor and whose Al is the point transform, restart intervals (DRI, RSTn). Samples of
 * 2 to 16 bits, one or three components, interleaved in one scan or in a scan each.
 */
final class JpegLosslessFrameDecoder {

    private JpegLosslessFrameDecoder() {
    }

    /** The decoder of {@code frames}; a Bits Allocated other than 8 or 16 is refused. */
    static FrameDecoder of(ImagePixel pixel, EncapsulatedFrames frames) throws DicomException {
        return new JpegProcessFrameDecoder("JPEG Lossless", "ITU-T T.81 H.1.1", pixel, frames, Process::new);
    }

    /** The Huffman tables and restart interval defined so far in a frame. */
    private static final class Process implements JpegFrameReader.Process {

        /** Lossless, Huffman coding (T.81 B.1.1.3). */
        private static final int SOF3 = 0xC3;

        private final ImagePixel pixel;
        /** The Huffman tables of class 0, the only class lossless coding uses (T.81 H.1.2.2). */
        private final HuffmanTable[][] tables = new HuffmanTable[1][4];
        private int restartInterval;

        Process(ImagePixel pixel) {
            this.pixel = pixel;
        }

        @Override
        public boolean decodesFrame(int marker) {
            return marker == SOF3;
        }

        @Override
        public String frameMarkerName() {
            return "SOF3";
        }

        @Override
        public boolean readSegment(int marker, JpegCodestream stream) throws DicomException {
            if (marker == JpegCodestream.DHT) {
                HuffmanTable.readSegment(stream.segment("DHT"), tables);
            } else if (marker == JpegCodestream.DRI) {
                restartInterval = stream.segment("DRI").uint16();
            } else {
                return false;
            }
            return true;
        }

        @Override
        public JpegFrameReader.Scan readScan(JpegCodestream.Segment segment, JpegFrameHeader header)
                throws DicomException {
            return LosslessScan.read(segment, header, tables[0], restartInterval, pixel);
        }
    }
}
