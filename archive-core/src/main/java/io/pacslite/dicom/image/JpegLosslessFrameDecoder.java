package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.io.IOException;

/**
 * Frames of JPEG Lossless, Non-Hierarchical (Process 14) Pixel Data, with any of the seven
 * predictors, and of its Selection Value 1 form (PS3.5 A.4.1, 8.2.1), decoded as ITU-T T.81
 * Annex H says: a SOF3 frame header, Huffman tables (DHT), one or more scans (SOS) whose Ss is
 * the predictor and whose Al is the point transform, restart intervals (DRI, RSTn). Samples of
 * 2 to 16 bits, one or three components, interleaved in one scan or in a scan each.
 *
 * <p>The decoded values are the frame's containers, so Bits Stored, High Bit and Pixel
 * Representation apply to them as to native Pixel Data (signed values are coded as their bits).
 */
final class JpegLosslessFrameDecoder implements FrameDecoder {

    /** Lossless, Huffman coding (T.81 B.1.1.3); the other SOF markers are other processes. */
    private static final int SOF3 = 0xC3;
    private static final int DHT = 0xC4;
    private static final int DAC = 0xCC;

    private final ImagePixel pixel;
    private final EncapsulatedFrames frames;

    JpegLosslessFrameDecoder(ImagePixel pixel, EncapsulatedFrames frames) throws DicomException {
        if (pixel.bitsAllocated() != 8 && pixel.bitsAllocated() != 16) {
            throw new DicomException("JPEG Lossless holds samples of 2 to 16 bits (ITU-T T.81 H.1.1), not in Bits Allocated "
                    + pixel.bitsAllocated(), -1);
        }
        this.pixel = pixel;
        this.frames = frames;
    }

    @Override
    public FrameSamples decode(int index) throws IOException {
        byte[] data = frames.frame(index);
        try {
            return new FrameSamples(pixel, decode(new JpegCodestream(data)));
        } catch (DicomException e) {
            throw new DicomException("JPEG Lossless frame " + (index + 1) + ": " + e.getMessage(), -1);
        }
    }

    private int[] decode(JpegCodestream stream) throws DicomException {
        HuffmanTable[] tables = new HuffmanTable[4];
        JpegFrameHeader header = null;
        int[] samples = null;
        boolean[] scanned = new boolean[pixel.samplesPerPixel()];
        int restartInterval = 0;
        for (int marker = stream.nextMarker(); marker != JpegCodestream.EOI; ) {
            if (marker == SOF3) {
                if (header != null) {
                    throw new DicomException("it has a second frame header", -1);
                }
                header = JpegFrameHeader.read(stream.segment("SOF3"), pixel);
                samples = new int[pixel.samplesPerFrame()];
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != DAC && marker != 0xC8) {
                throw new DicomException("it is coded by SOF" + (marker - 0xC0) + ", not by the lossless process SOF3"
                        + " (ITU-T T.81 H)", -1);
            } else if (marker == DHT) {
                readTables(stream.segment("DHT"), tables);
            } else if (marker == JpegCodestream.DRI) {
                restartInterval = stream.segment("DRI").uint16();
            } else if (marker == JpegCodestream.SOS) {
                if (header == null) {
                    throw new DicomException("a scan comes before the SOF3 frame header", -1);
                }
                LosslessScan scan = LosslessScan.read(stream.segment("SOS"), header, tables, restartInterval, pixel);
                int end = scan.decode(stream.data(), stream.position(), samples);
                for (int component : scan.components()) {
                    scanned[component] = true;
                }
                marker = stream.nextMarker(end);
                continue;
            } else if (marker >= 0xE0 && marker <= 0xEF || marker == 0xFE) {
                stream.segment("APP or COM");
            } else {
                throw new DicomException("it has marker FF" + Integer.toHexString(marker).toUpperCase()
                        + ", which a lossless JPEG frame does not use", -1);
            }
            marker = stream.nextMarker();
        }
        for (int i = 0; i < scanned.length; i++) {
            if (!scanned[i]) {
                throw new DicomException("no scan codes component " + (i + 1) + " before EOI", -1);
            }
        }
        for (int i = 0; i < samples.length; i++) {
            samples[i] = FrameSamples.storedValue(samples[i], pixel);
        }
        return samples;
    }

    /** The tables of a DHT segment (T.81 B.2.4.2): lossless coding uses table class 0 only (H.1.2.2). */
    private static void readTables(JpegCodestream.Segment segment, HuffmanTable[] tables) throws DicomException {
        while (segment.hasMore()) {
            int classAndId = segment.uint8();
            int id = classAndId & 0x0F;
            if (classAndId >> 4 != 0 || id > 3) {
                throw new DicomException("a DHT segment defines table class " + (classAndId >> 4) + " number " + id
                        + ", not a lossless table (class 0, number 0 to 3)", -1);
            }
            tables[id] = HuffmanTable.read(segment);
        }
    }
}
