package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Frames of JPEG Baseline (Process 1) and JPEG Extended (Processes 2 and 4) Pixel Data (PS3.5
 * A.4.1, 8.2.1). Frames in 8 allocated bits (8-bit samples) are decoded by the JDK's ImageIO
 * JPEG reader, which is fast, upsamples 8-bit colour as dcmtk does and gives exactly dcmtk's
 * samples (both run IJG's arithmetic); others, in 16 allocated bits (12-bit samples, which the
 * JDK's reader cannot read), by our own {@link JpegDctFrameDecoder}.
 *
 * <p>With ImageIO the components come out as coded, without a colour conversion: YBR_FULL_422
 * and YBR_FULL frames stay YCbCr for the display pipeline to convert, RGB ones are RGB. The
 * frame size the JPEG header declares is checked against the Image Pixel Module before any
 * sample is decoded.
 */
final class JpegFrameDecoder implements FrameDecoder {

    private final ImagePixel pixel;
    private final EncapsulatedFrames frames;

    private JpegFrameDecoder(ImagePixel pixel, EncapsulatedFrames frames) {
        this.pixel = pixel;
        this.frames = frames;
    }

    /** The decoder of {@code frames}: ImageIO's for 8 allocated bits, ours for others. */
    static FrameDecoder of(ImagePixel pixel, EncapsulatedFrames frames) throws DicomException {
        return pixel.bitsAllocated() == 8 ? new JpegFrameDecoder(pixel, frames) : JpegDctFrameDecoder.of(pixel, frames);
    }

    @Override
    public FrameSamples decode(int index) throws IOException {
        byte[] data = frames.frame(index);
        ImageReader reader = JdkJpegReader.create();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != pixel.columns() || height != pixel.rows()) {
                throw corrupt(index, "its header declares " + width + " x " + height + " pixels, the image has "
                        + pixel.columns() + " x " + pixel.rows());
            }
            Raster raster = reader.readRaster(0, null);
            if (raster.getNumBands() != pixel.samplesPerPixel()) {
                throw corrupt(index, "it has " + raster.getNumBands() + " components, the image "
                        + pixel.samplesPerPixel() + " samples per pixel");
            }
            return new FrameSamples(pixel, raster.getPixels(0, 0, width, height, (int[]) null));
        } catch (IIOException e) {
            throw corrupt(index, e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private static DicomException corrupt(int frame, String reason) {
        return new DicomException("JPEG frame " + (frame + 1) + ": " + reason, -1);
    }
}
