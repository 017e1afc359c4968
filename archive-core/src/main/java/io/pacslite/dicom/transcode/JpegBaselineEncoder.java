package io.pacslite.dicom.transcode;

import io.pacslite.dicom.image.FrameSamples;
import io.pacslite.dicom.image.ImagePixel;
import io.pacslite.dicom.image.PhotometricInterpretation;
import io.pacslite.dicom.io.DicomException;
import java.awt.color.ColorSpace;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * JPEG Baseline (Process 1) frames, 8-bit samples (PS3.5 A.4.1, 8.2.1), written by the JDK's
 * ImageIO JPEG writer at quality {@value #QUALITY}. A grey frame is one component; a colour
 * frame is written as YCbCr with the chrominance halved horizontally, YBR_FULL_422 (PS3.5
 * 8.2.1): RGB samples are converted with the YBR_FULL equations of PS3.3 C.7.6.3.1.2 and
 * YBR_FULL ones are taken as they are. The writer gets a raster, so it converts nothing itself.
 */
final class JpegBaselineEncoder implements FrameEncoder {

    /** The writer's compression quality, 0 to 1 (IJG quality 90). */
    static final float QUALITY = 0.9f;

    private final ImagePixel pixel;

    private JpegBaselineEncoder(ImagePixel pixel) {
        this.pixel = pixel;
    }

    /**
     * The encoder of {@code pixel}'s frames: unsigned samples in 8 bits allocated, grey
     * (MONOCHROME1, MONOCHROME2) or colour (RGB, YBR_FULL, YBR_FULL_422); anything else is
     * refused with the reason.
     */
    static JpegBaselineEncoder of(ImagePixel pixel) throws DicomException {
        if (pixel.bitsAllocated() != 8 || pixel.isSigned()) {
            throw new DicomException("JPEG Baseline holds unsigned 8-bit samples (PS3.5 8.2.1), this image has "
                    + pixel.bitsStored() + " bits stored in " + pixel.bitsAllocated() + (pixel.isSigned() ? ", signed"
                            : ""), -1);
        }
        switch (pixel.photometricInterpretation()) {
            case MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, YBR_FULL_422 -> {
                return new JpegBaselineEncoder(pixel);
            }
            default -> throw new DicomException("JPEG Baseline is not written for Photometric Interpretation "
                    + pixel.photometricInterpretation().definedTerm() + " (lossy coding would change its values'"
                    + " meaning)", -1);
        }
    }

    @Override
    public PhotometricInterpretation photometricInterpretation(PhotometricInterpretation decoded) {
        return pixel.samplesPerPixel() == 3 ? PhotometricInterpretation.YBR_FULL_422 : decoded;
    }

    @Override
    public String lossyMethod() {
        return "ISO_10918_1";
    }

    @Override
    public byte[] encode(FrameSamples frame) throws IOException {
        int bands = pixel.samplesPerPixel();
        int[] samples = pixel.photometricInterpretation() == PhotometricInterpretation.RGB
                ? ybrFull(frame.samples()) : frame.samples();
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, pixel.columns(), pixel.rows(),
                bands, null);
        raster.setPixels(0, 0, pixel.columns(), pixel.rows(), samples);
        ImageWriter writer = jpegWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            IIOMetadata metadata = writer.getDefaultImageMetadata(imageType(bands), param);
            if (bands == 3) {
                halveChrominanceHorizontally(metadata);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(raster, null, metadata), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    /** RGB to YBR_FULL (PS3.3 C.7.6.3.1.2), rounded and clamped to 0-255. */
    private static int[] ybrFull(int[] rgb) {
        int[] ybr = new int[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            double r = rgb[i];
            double g = rgb[i + 1];
            double b = rgb[i + 2];
            ybr[i] = clamp(0.2990 * r + 0.5870 * g + 0.1140 * b);
            ybr[i + 1] = clamp(-0.1687 * r - 0.3313 * g + 0.5000 * b + 128);
            ybr[i + 2] = clamp(0.5000 * r - 0.4187 * g - 0.0813 * b + 128);
        }
        return ybr;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static ImageTypeSpecifier imageType(int bands) {
        return bands == 1 ? ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false)
                : ImageTypeSpecifier.createInterleaved(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {0, 1, 2},
                        DataBuffer.TYPE_BYTE, false, false);
    }

    /**
     * Sampling factors 2x1 for Y and 1x1 for Cb and Cr (the 4:2:2 of YBR_FULL_422), in the
     * writer's native metadata (the JDK's default for colour is 2x2).
     */
    private static void halveChrominanceHorizontally(IIOMetadata metadata) throws IOException {
        String format = metadata.getNativeMetadataFormatName();
        Node tree = metadata.getAsTree(format);
        Node components = ((Element) tree).getElementsByTagName("sof").item(0);
        for (Node component = components.getFirstChild(); component != null; component = component.getNextSibling()) {
            boolean luminance = component == components.getFirstChild();
            ((Element) component).setAttribute("HsamplingFactor", luminance ? "2" : "1");
            ((Element) component).setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(format, tree);
    }

    private static ImageWriter jpegWriter() throws DicomException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new DicomException("the JDK has no ImageIO JPEG writer", -1);
        }
        return writers.next();
    }
}
