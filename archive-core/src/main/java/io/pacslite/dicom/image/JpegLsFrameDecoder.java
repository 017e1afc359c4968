package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.io.IOException;

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
final class JpegLsFrameDecoder implements FrameDecoder {

    /** Start of frame, JPEG-LS (T.87 C.2.2). */
    private static final int SOF55 = 0xF7;
    /** JPEG-LS preset parameters (T.87 C.2.4.1). */
    private static final int LSE = 0xF8;
    private static final int PRESET_CODING_PARAMETERS = 1;

    private final ImagePixel pixel;
    private final EncapsulatedFrames frames;

    JpegLsFrameDecoder(ImagePixel pixel, EncapsulatedFrames frames) throws DicomException {
        if (pixel.bitsAllocated() != 8 && pixel.bitsAllocated() != 16) {
            throw new DicomException("JPEG-LS holds samples of 2 to 16 bits (ITU-T T.87 C.2.2), not in Bits Allocated "
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
            throw new DicomException("JPEG-LS frame " + (index + 1) + ": " + e.getMessage(), -1);
        }
    }

    private int[] decode(JpegCodestream stream) throws DicomException {
        JpegFrameHeader header = null;
        JpegLsParameters preset = JpegLsParameters.DEFAULTS;
        int[] samples = null;
        boolean[] scanned = new boolean[pixel.samplesPerPixel()];
        for (int marker = stream.nextMarker(); marker != JpegCodestream.EOI; ) {
            if (marker == SOF55) {
                if (header != null) {
                    throw new DicomException("it has a second frame header", -1);
                }
                header = JpegFrameHeader.read(stream.segment("SOF55"), pixel);
                samples = new int[pixel.samplesPerFrame()];
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                throw new DicomException("it is coded by SOF" + (marker - 0xC0) + ", not by JPEG-LS (SOF55)", -1);
            } else if (marker == LSE) {
                preset = readPreset(stream.segment("LSE"));
            } else if (marker == JpegCodestream.DRI) {
                if (stream.segment("DRI").uint16() != 0) {
                    throw new DicomException("restart intervals in JPEG-LS frames are not decoded yet", -1);
                }
            } else if (marker == JpegCodestream.SOS) {
                if (header == null) {
                    throw new DicomException("a scan comes before the SOF55 frame header", -1);
                }
                JpegLsScan scan = JpegLsScan.read(stream.segment("SOS"), header, preset, pixel);
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
                        + ", which a JPEG-LS frame does not use", -1);
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

    private static JpegLsParameters readPreset(JpegCodestream.Segment segment) throws DicomException {
        int id = segment.uint8();
        if (id != PRESET_CODING_PARAMETERS) {
            throw new DicomException("its LSE segment of type " + id + " (mapping table or oversize dimensions,"
                    + " ITU-T T.87 C.2.4.1) is not decoded", -1);
        }
        return JpegLsParameters.read(segment);
    }
}
