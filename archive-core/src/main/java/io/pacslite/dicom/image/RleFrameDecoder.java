package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Frames of RLE Lossless Pixel Data (PS3.5 Annex G). Each frame is a header of 16 unsigned
 * 32-bit little endian values (the number of segments, then the offset of each segment from
 * the start of the header) followed by the segments; each segment holds one byte of one
 * sample of every pixel, the most significant byte's segment first and the samples in order,
 * as colour-by-plane whatever Planar Configuration says (G.2). Segments are PackBits runs
 * (G.3.1).
 *
 * <p>Offsets and lengths that do not fit the frame are refused with the reason; decoding
 * consumes at least one byte per step and never writes past the frame, so corrupt data
 * cannot loop or allocate more than one frame.
 */
final class RleFrameDecoder implements FrameDecoder {

    private static final int HEADER_LENGTH = 64;
    private static final int MAX_SEGMENTS = 15;

    private final ImagePixel pixel;
    private final EncapsulatedFrames frames;

    RleFrameDecoder(ImagePixel pixel, EncapsulatedFrames frames) throws DicomException {
        if (pixel.bitsAllocated() == 1) {
            throw new DicomException("RLE Lossless holds whole bytes per sample (PS3.5 G.2), not Bits Allocated 1", -1);
        }
        int segments = pixel.samplesPerPixel() * pixel.bitsAllocated() / 8;
        if (segments > MAX_SEGMENTS) {
            throw new DicomException("RLE Lossless holds at most 15 segments (PS3.5 G.5), this image needs " + segments, -1);
        }
        this.pixel = pixel;
        this.frames = frames;
    }

    @Override
    public FrameSamples decode(int index) throws IOException {
        byte[] data = frames.frame(index);
        int bytesPerSample = pixel.bitsAllocated() / 8;
        int samplesPerPixel = pixel.samplesPerPixel();
        int pixels = pixel.pixelsPerFrame();
        int[] offsets = segmentOffsets(data, samplesPerPixel * bytesPerSample, index);
        int[] containers = new int[pixel.samplesPerFrame()];
        byte[] segment = new byte[pixels];
        for (int s = 0; s < samplesPerPixel; s++) {
            for (int b = 0; b < bytesPerSample; b++) {
                int number = s * bytesPerSample + b;
                int end = number + 1 < offsets.length ? offsets[number + 1] : data.length;
                unpack(data, offsets[number], end, segment, number, index);
                int shift = 8 * (bytesPerSample - 1 - b);
                for (int p = 0; p < pixels; p++) {
                    containers[p * samplesPerPixel + s] |= (segment[p] & 0xFF) << shift;
                }
            }
        }
        FrameSamples.toStoredValues(containers, pixel);
        return new FrameSamples(pixel, containers);
    }

    /** The start of each segment, checked: in the frame, after the header, in ascending order (PS3.5 G.5). */
    private static int[] segmentOffsets(byte[] data, int expected, int frame) throws DicomException {
        if (data.length < HEADER_LENGTH) {
            throw corrupt(frame, "its " + data.length + " bytes do not hold the 64-byte RLE Header");
        }
        long count = PixelBytes.uint32(data, 0);
        if (count != expected) {
            throw corrupt(frame, "the RLE Header gives " + count + " segments, the image has " + expected);
        }
        int[] offsets = new int[expected];
        long previous = HEADER_LENGTH - 1;
        for (int i = 0; i < expected; i++) {
            long offset = PixelBytes.uint32(data, 4 * (i + 1));
            if (offset <= previous || offset >= data.length || (i == 0 && offset != HEADER_LENGTH)) {
                throw corrupt(frame, "segment " + (i + 1) + " is said to start at byte " + offset + " of " + data.length);
            }
            offsets[i] = (int) offset;
            previous = offset;
        }
        return offsets;
    }

    /** Decodes the PackBits runs of {@code data[start, end)} into the whole of {@code out} (PS3.5 G.3.1). */
    private static void unpack(byte[] data, int start, int end, byte[] out, int segment, int frame)
            throws DicomException {
        int in = start;
        int written = 0;
        while (written < out.length && in < end) {
            int header = data[in++];
            if (header >= 0) {
                int count = Math.min(header + 1, out.length - written);
                if (in + count > end) {
                    throw corrupt(frame, "a literal run of segment " + (segment + 1) + " goes past the segment's end");
                }
                System.arraycopy(data, in, out, written, count);
                in += header + 1;
                written += count;
            } else if (header != -128) {
                if (in >= end) {
                    throw corrupt(frame, "a replicate run of segment " + (segment + 1) + " has no byte to repeat");
                }
                int count = Math.min(1 - header, out.length - written);
                Arrays.fill(out, written, written + count, data[in++]);
                written += count;
            }
        }
        if (written < out.length) {
            throw corrupt(frame, "segment " + (segment + 1) + " decodes to " + written + " bytes, the frame has "
                    + out.length + " pixels");
        }
    }

    private static DicomException corrupt(int frame, String reason) {
        return new DicomException("RLE frame " + (frame + 1) + ": " + reason, -1);
    }
}
