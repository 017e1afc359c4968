package io.pacslite.dicom.transcode;

import io.pacslite.dicom.image.FrameSamples;
import io.pacslite.dicom.image.ImagePixel;

/**
 * A frame of native Pixel Data, little endian (PS3.5 8.1.1): each stored value in a container
 * of Bits Allocated bits, its Bits Stored bits ending at High Bit, the samples of a pixel
 * together (Planar Configuration 0).
 */
final class NativeFrameEncoder implements FrameEncoder {

    private final ImagePixel pixel;

    NativeFrameEncoder(ImagePixel pixel) {
        this.pixel = pixel;
    }

    @Override
    public byte[] encode(FrameSamples frame) {
        int bytesPerSample = pixel.bitsAllocated() / 8;
        byte[] bytes = new byte[pixel.samplesPerFrame() * bytesPerSample];
        long mask = (1L << pixel.bitsStored()) - 1;
        int shift = pixel.highBit() + 1 - pixel.bitsStored();
        int[] values = frame.samples();
        for (int i = 0, at = 0; i < values.length; i++) {
            long container = (values[i] & mask) << shift;
            for (int b = 0; b < bytesPerSample; b++) {
                bytes[at++] = (byte) (container >>> (8 * b));
            }
        }
        return bytes;
    }
}
