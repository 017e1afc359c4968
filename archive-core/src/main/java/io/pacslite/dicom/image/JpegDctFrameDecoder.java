package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * Frames of JPEG Baseline (Process 1) and JPEG Extended (Processes 2 and 4) Pixel Data (PS3.5
 * A.4.1, 8.2.1), decoded as ITU-T T.81 Annex F says for sequential DCT with Huffman coding: a
 * SOF0 or SOF1 frame header of 8- or 12-bit samples, quantization tables (DQT), DC and AC Huffman
 * tables (DHT), restart intervals (DRI, RSTn), and scans (SOS) of one component each or of up to
 * four interleaved, with any sampling factors. The samples are the JPEG samples, unsigned, as
 * containers: with Pixel Representation 1 their Bits Stored bits are read as two's complement
 * ({@link FrameSamples#toStoredValues}), as dcmtk's {@code dcmdjpeg} leaves them.
 *
 * <p>Progressive, hierarchical and arithmetic-coded frames are refused with the name of their
 * process (T.81 Table B.1); DNL segments are not read.
 */
final class JpegDctFrameDecoder {

    private JpegDctFrameDecoder() {
    }

    /** The decoder of {@code frames}; a Bits Allocated other than 8 or 16 is refused. */
    static FrameDecoder of(ImagePixel pixel, EncapsulatedFrames frames) throws DicomException {
        return new JpegProcessFrameDecoder("JPEG", "ITU-T T.81 B.2.2", pixel, frames, Process::new);
    }

    /** The tables and restart interval defined so far in a frame. */
    private static final class Process implements JpegFrameReader.Process {

        /** Baseline DCT (T.81 Table B.1). */
        private static final int SOF0 = 0xC0;
        /** Extended sequential DCT, Huffman coding. */
        private static final int SOF1 = 0xC1;
        /** Define quantization tables (T.81 B.2.4.1). */
        private static final int DQT = 0xDB;

        private final ImagePixel pixel;
        /** DC (class 0) and AC (class 1) Huffman tables. */
        private final HuffmanTable[][] huffman = new HuffmanTable[2][4];
        /** Each quantization table's 64 values in zig-zag order. */
        private final int[][] quantization = new int[4][];
        private int restartInterval;

        Process(ImagePixel pixel) {
            this.pixel = pixel;
        }

        @Override
        public boolean decodesFrame(int marker) {
            return marker == SOF0 || marker == SOF1;
        }

        @Override
        public String frameMarkerName() {
            return "SOF0 or SOF1";
        }

        @Override
        public boolean subsamples() {
            return true;
        }

        @Override
        public boolean readSegment(int marker, JpegCodestream stream) throws DicomException {
            if (marker == JpegCodestream.DHT) {
                HuffmanTable.readSegment(stream.segment("DHT"), huffman);
            } else if (marker == DQT) {
                readQuantizationTables(stream.segment("DQT"));
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
            return DctScan.read(segment, header, huffman, quantization, restartInterval, pixel);
        }

        /** The tables of a DQT segment (T.81 B.2.4.1): Pq 0 for 8-bit values, 1 for 16-bit; Tq 0 to 3. */
        private void readQuantizationTables(JpegCodestream.Segment segment) throws DicomException {
            while (segment.hasMore()) {
                int precisionAndId = segment.uint8();
                int valuePrecision = precisionAndId >> 4;
                int id = precisionAndId & 0x0F;
                if (valuePrecision > 1 || id > 3) {
                    throw new DicomException("a DQT segment defines table " + id + " with Pq " + valuePrecision
                            + ", not table 0 to 3 with Pq 0 or 1 (ITU-T T.81 B.2.4.1)", -1);
                }
                int[] table = new int[64];
                for (int k = 0; k < 64; k++) {
                    table[k] = valuePrecision == 0 ? segment.uint8() : segment.uint16();
                }
                quantization[id] = table;
            }
        }
    }
}
