package io.pacslite.dicom.transcode;

import io.pacslite.dicom.image.FrameSamples;
import io.pacslite.dicom.image.ImagePixel;
import io.pacslite.dicom.io.DicomException;
import java.io.ByteArrayOutputStream;

/**
 * A frame of RLE Lossless Pixel Data (PS3.5 Annex G): a header of 16 unsigned 32-bit little
 * endian values (the number of segments, then each segment's offset from the header's start,
 * unused ones 0), then one segment per byte of each sample, for each sample the most
 * significant byte first (G.2), each PackBits-encoded (G.3.1) row by row, since a run may not
 * cross a row, and padded to an even length (G.5).
 */
final class RleEncoder implements FrameEncoder {

    private static final int HEADER_LENGTH = 64;
    private static final int MAX_SEGMENTS = 15;
    /** The longest run a PackBits header can state (G.3.1). */
    private static final int MAX_RUN = 128;

    private final ImagePixel pixel;

    RleEncoder(ImagePixel pixel) throws DicomException {
        int segments = pixel.samplesPerPixel() * pixel.bitsAllocated() / 8;
        if (segments > MAX_SEGMENTS) {
            throw new DicomException("RLE Lossless holds at most 15 segments (PS3.5 G.5), this image needs "
                    + segments, -1);
        }
        this.pixel = pixel;
    }

    @Override
    public byte[] encode(FrameSamples frame) {
        byte[] containers = new NativeFrameEncoder(pixel).encode(frame);
        int bytesPerSample = pixel.bitsAllocated() / 8;
        int stride = pixel.samplesPerPixel() * bytesPerSample;
        int segments = stride;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] offsets = new int[segments];
        byte[] row = new byte[pixel.columns()];
        for (int sample = 0; sample < pixel.samplesPerPixel(); sample++) {
            for (int significance = bytesPerSample - 1; significance >= 0; significance--) {
                int segment = sample * bytesPerSample + (bytesPerSample - 1 - significance);
                offsets[segment] = HEADER_LENGTH + body.size();
                int first = sample * bytesPerSample + significance;
                for (int y = 0; y < pixel.rows(); y++) {
                    for (int x = 0; x < row.length; x++) {
                        row[x] = containers[(y * row.length + x) * stride + first];
                    }
                    packBits(row, body);
                }
                if (body.size() % 2 != 0) {
                    body.write(0);
                }
            }
        }
        byte[] frameBytes = new byte[HEADER_LENGTH + body.size()];
        uint32(frameBytes, 0, segments);
        for (int i = 0; i < segments; i++) {
            uint32(frameBytes, 4 + 4 * i, offsets[i]);
        }
        System.arraycopy(body.toByteArray(), 0, frameBytes, HEADER_LENGTH, body.size());
        return frameBytes;
    }

    /**
     * PackBits (G.3.1): a run of 2 to 128 equal bytes as the header 1 - n and the byte; other
     * bytes as literal runs of at most 128, header n - 1 and the bytes.
     */
    static void packBits(byte[] row, ByteArrayOutputStream out) {
        int literalStart = 0;
        int i = 0;
        while (i < row.length) {
            int run = 1;
            while (i + run < row.length && run < MAX_RUN && row[i + run] == row[i]) {
                run++;
            }
            if (run >= 2) {
                literals(row, literalStart, i, out);
                out.write(1 - run);
                out.write(row[i]);
                i += run;
                literalStart = i;
            } else {
                i++;
            }
        }
        literals(row, literalStart, row.length, out);
    }

    private static void literals(byte[] row, int from, int to, ByteArrayOutputStream out) {
        for (int start = from; start < to; start += MAX_RUN) {
            int count = Math.min(MAX_RUN, to - start);
            out.write(count - 1);
            out.write(row, start, count);
        }
    }

    private static void uint32(byte[] bytes, int at, int value) {
        for (int b = 0; b < 4; b++) {
            bytes[at + b] = (byte) (value >>> (8 * b));
        }
    }
}
