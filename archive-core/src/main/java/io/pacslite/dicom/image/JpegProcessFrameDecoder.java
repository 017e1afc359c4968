package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.io.IOException;
import java.util.function.Function;

/**
 * Frames coded by a JPEG process that {@link JpegFrameReader} reads (sequential DCT, lossless
 * JPEG, JPEG-LS): each frame with a fresh {@link JpegFrameReader.Process}, for the tables and
 * parameters its marker segments define, into samples held in 8 or 16 allocated bits.
 */
final class JpegProcessFrameDecoder implements FrameDecoder {

    private final String name;
    private final ImagePixel pixel;
    private final EncapsulatedFrames frames;
    private final Function<ImagePixel, JpegFrameReader.Process> process;

    /**
     * @param name the process's name for messages ("JPEG-LS")
     * @param clause where its standard sets the sample precision, for the message refusing
     *     other Bits Allocated ("ITU-T T.87 C.2.2")
     * @throws DicomException if Bits Allocated is neither 8 nor 16
     */
    JpegProcessFrameDecoder(String name, String clause, ImagePixel pixel, EncapsulatedFrames frames,
            Function<ImagePixel, JpegFrameReader.Process> process) throws DicomException {
        if (pixel.bitsAllocated() != 8 && pixel.bitsAllocated() != 16) {
            throw new DicomException(name + " samples (" + clause + ") are held in 8 or 16 allocated bits, not in Bits"
                    + " Allocated " + pixel.bitsAllocated(), -1);
        }
        this.name = name;
        this.pixel = pixel;
        this.frames = frames;
        this.process = process;
    }

    @Override
    public FrameSamples decode(int index) throws IOException {
        byte[] data = frames.frame(index);
        try {
            return new FrameSamples(pixel, JpegFrameReader.read(data, pixel, process.apply(pixel)));
        } catch (DicomException e) {
            throw new DicomException(name + " frame " + (index + 1) + ": " + e.getMessage(), -1);
        }
    }
}
