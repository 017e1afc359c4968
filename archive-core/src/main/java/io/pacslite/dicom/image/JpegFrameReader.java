package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * Reads the one frame of a JPEG (ITU-T T.81 B.2: sequential DCT, Annex F; lossless, Annex H) or
 * JPEG-LS (ITU-T T.87 C.2) codestream: SOI, then marker segments up to EOI. The frame header is
 * checked against the Image Pixel Module before the samples are allocated; each scan decodes its
 * components into them; APPn and COM segments are skipped; the segments only some coding
 * processes have (Huffman and quantization tables, preset parameters, restart intervals) and
 * their scans are read by the frame's {@link Process}. A frame of another process is refused
 * with that process's name from T.81 Table B.1.
 */
final class JpegFrameReader {

    private static final int JPG = 0xC8;
    private static final int DAC = 0xCC;
    private static final int COM = 0xFE;
    private static final int SOF55 = 0xF7;
    /** The coding process of each start of frame marker SOF0 to SOF15 (T.81 Table B.1). */
    private static final String[] PROCESSES = {"baseline DCT", "extended sequential DCT", "progressive DCT",
        "lossless", null, "differential sequential DCT", "differential progressive DCT", "differential lossless", null,
        "extended sequential DCT, arithmetic coding", "progressive DCT, arithmetic coding", "lossless, arithmetic coding",
        null, "differential sequential DCT, arithmetic coding", "differential progressive DCT, arithmetic coding",
        "differential lossless, arithmetic coding"};

    private JpegFrameReader() {
    }

    /** What a coding process reads of a frame; one instance per frame, as tables and parameters last a frame. */
    interface Process {

        /** Whether it decodes frames of the start of frame marker whose second byte is {@code marker}. */
        boolean decodesFrame(int marker);

        /** The start of frame markers it decodes, for messages ("SOF3"). */
        String frameMarkerName();

        /** Whether the components of its frames may be subsampled (T.81 A.1.1). */
        default boolean subsamples() {
            return false;
        }

        /**
         * Reads the segment of {@code marker}, which is none of SOI, EOI, SOS, SOFn, APPn, COM;
         * false when the process does not use such segments.
         */
        boolean readSegment(int marker, JpegCodestream stream) throws DicomException;

        /** Reads a scan header (SOS). */
        Scan readScan(JpegCodestream.Segment segment, JpegFrameHeader header) throws DicomException;
    }

    /** One scan of a frame. */
    interface Scan {

        /** The index in the frame of each component the scan codes. */
        int[] components();

        /**
         * Decodes the scan's entropy-coded data from {@code start} into {@code samples} (pixel
         * order, the samples of a pixel together); returns the position after the data.
         */
        int decode(byte[] data, int start, int[] samples) throws DicomException;
    }

    /**
     * The frame's samples as stored values (PS3.5 8.1.1): the decoded samples are the containers,
     * to which Bits Stored, High Bit and Pixel Representation apply as to native Pixel Data.
     */
    static int[] read(byte[] data, ImagePixel pixel, Process process) throws DicomException {
        JpegCodestream stream = new JpegCodestream(data);
        JpegFrameHeader header = null;
        int[] samples = null;
        boolean[] scanned = new boolean[pixel.samplesPerPixel()];
        for (int marker = stream.nextMarker(); marker != JpegCodestream.EOI; ) {
            if (process.decodesFrame(marker)) {
                if (header != null) {
                    throw new DicomException("it has a second frame header", -1);
                }
                header = JpegFrameHeader.read(stream.segment(frameMarkerName(marker)), pixel, process.subsamples());
                samples = new int[pixel.samplesPerFrame()];
            } else if (marker == JpegCodestream.SOS) {
                if (header == null) {
                    throw new DicomException("a scan comes before the " + process.frameMarkerName() + " frame header", -1);
                }
                Scan scan = process.readScan(stream.segment("SOS"), header);
                int end = scan.decode(data, stream.position(), samples);
                for (int component : scan.components()) {
                    scanned[component] = true;
                }
                marker = stream.nextMarker(end);
                continue;
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != JpegCodestream.DHT && marker != JPG && marker != DAC
                    || marker == SOF55) {
                throw new DicomException("it is coded by " + frameMarkerName(marker) + " (" + (marker == SOF55 ? "JPEG-LS"
                        : PROCESSES[marker - 0xC0]) + "), not by " + process.frameMarkerName(), -1);
            } else if (marker >= 0xE0 && marker <= 0xEF || marker == COM) {
                stream.segment("APP or COM");
            } else if (!process.readSegment(marker, stream)) {
                throw new DicomException("it has marker FF" + Integer.toHexString(marker).toUpperCase()
                        + ", which its coding process does not use", -1);
            }
            marker = stream.nextMarker();
        }
        for (int i = 0; i < scanned.length; i++) {
            if (!scanned[i]) {
                throw new DicomException("no scan codes component " + (i + 1) + " before EOI", -1);
            }
        }
        FrameSamples.toStoredValues(samples, pixel);
        return samples;
    }

    private static String frameMarkerName(int marker) {
        return "SOF" + (marker == SOF55 ? 55 : marker - 0xC0);
    }
}
