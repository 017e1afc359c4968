package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.util.Arrays;

/**
 * Renders a frame as an 8-bit image for display, by the pipeline of PS3.3 C.11: grey-scale
 * images through the Modality LUT (C.11.1), a window or VOI LUT (C.11.2) and the Presentation
 * LUT Shape, or for MONOCHROME1 without one, inversion (C.11.6, C.7.6.3.1.2), with padding
 * pixels black (C.7.5.1.1.2); colour images from RGB, YBR_FULL or YBR_FULL_422 (converted to
 * RGB by the equations of C.7.6.3.1.2) or through the palette of PALETTE COLOR (C.7.6.3.1.5);
 * YBR_RCT and YBR_ICT images (JPEG 2000) as the RGB their decoded frames say they are (their
 * decoder undoes the multi-component transform); then, when asked, the overlay planes drawn
 * white on top (C.9.2). Grey-scale results are {@link BufferedImage#TYPE_BYTE_GRAY}, colour
 * ones {@link BufferedImage#TYPE_INT_RGB}.
 */
public final class FrameRenderer {

    private FrameRenderer() {
    }

    /** Renders frame {@code index} (0 for the first) of {@code frames}. */
    public static BufferedImage render(ImageFrames frames, int index, RenderOptions options) throws IOException {
        FrameSamples frame = frames.frame(index);
        ImagePixel pixel = frame.pixel();
        Attributes dataset = frames.dataset();
        BufferedImage image = switch (pixel.photometricInterpretation()) {
            case MONOCHROME1, MONOCHROME2 -> grey(frame, dataset, options);
            case PALETTE_COLOR -> {
                PaletteColorLut palette = PaletteColorLut.of(dataset, pixel);
                yield colour(frame, i -> palette.rgb(frame.value(i)), options);
            }
            case RGB -> colour(frame, i -> rgb(frame, i), options);
            case YBR_FULL, YBR_FULL_422 -> colour(frame, i -> ybrFull(frame, i), options);
            case YBR_ICT, YBR_RCT -> throw new DicomException(pixel.photometricInterpretation()
                    + " belongs to JPEG 2000 Pixel Data (PS3.5 8.2.4), whose decoded frames are RGB; native frames"
                    + " that say it are not rendered", -1);
        };
        if (options.overlays()) {
            for (OverlayPlane plane : OverlayPlane.of(dataset)) {
                plane.drawOn(image, index);
            }
        }
        return image;
    }

    /** {@code value} of {@code [0, max]} as 0-255, rounded. */
    static int toEightBits(double value, double max) {
        return clamp(value * 255 / max);
    }

    /**
     * The grey-scale pipeline. Each distinct stored value is taken through it once when the
     * frame's values span fewer values than it has pixels (the usual 8 to 16 stored bits: a
     * table indexed by the stored value less the lowest), else each pixel is; the result is the
     * same.
     */
    private static BufferedImage grey(FrameSamples frame, Attributes dataset, RenderOptions options) throws IOException {
        ImagePixel pixel = frame.pixel();
        ModalityLut modality = ModalityLut.of(dataset, pixel);
        int[] samples = frame.samples();
        int pixels = pixel.pixelsPerFrame();
        // Unsigned 32-bit stored values do not fit an int: those frames go pixel by pixel.
        boolean table = pixel.isSigned() || pixel.bitsStored() < 32;
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        if (table) {
            for (int sample : samples) {
                lowest = Math.min(lowest, sample);
                highest = Math.max(highest, sample);
            }
            table = (long) highest - lowest < pixels;
        }
        int offset = lowest;
        int size = table ? highest - lowest + 1 : pixels;
        boolean[] used = new boolean[size];
        if (table) {
            for (int sample : samples) {
                used[sample - offset] = true;
            }
        } else {
            Arrays.fill(used, true);
        }
        // Padding is left out as if unused: out of the span of values, and black whatever the
        // inversion, the background it is (PS3.3 C.7.5.1.1.2).
        PixelPadding padding = PixelPadding.of(dataset, pixel);
        if (padding != null) {
            for (int k = 0; k < size; k++) {
                used[k] = used[k] && !padding.contains(table ? offset + k : frame.value(k));
            }
        }
        double[] values = new double[size];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < size; k++) {
            if (used[k]) {
                values[k] = modality.apply(table ? offset + k : frame.value(k));
                min = Math.min(min, values[k]);
                max = Math.max(max, values[k]);
            }
        }
        Window window = options.window() != null ? options.window() : Window.first(dataset);
        LookupTable voiLut = window == null ? voiLut(dataset) : null;
        if (window == null && voiLut == null) {
            window = Window.spanning(min, max);
        }
        boolean invert = options.invert() ^ inverse(dataset, pixel);
        byte[] greys = new byte[size];
        for (int k = 0; k < size; k++) {
            if (used[k]) {
                int grey = window != null ? clamp(window.apply(values[k]))
                        : toEightBits(voiLut.lookup(Math.round(values[k])), voiLut.maxOutput());
                greys[k] = (byte) (invert ? 255 - grey : grey);
            }
        }
        BufferedImage image = new BufferedImage(pixel.columns(), pixel.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        if (table) {
            for (int i = 0; i < pixels; i++) {
                out[i] = greys[samples[i] - offset];
            }
        } else {
            System.arraycopy(greys, 0, out, 0, pixels);
        }
        return image;
    }

    /**
     * Whether the image shows its lowest values white: Presentation LUT Shape (2050,0020)
     * INVERSE (PS3.3 C.11.6.1, C.8.11.6.1.2) or, when the image has no shape, MONOCHROME1
     * (C.7.6.3.1.2). A MONOCHROME1 image with shape INVERSE, as DX images must have, is
     * inverted once, not twice.
     */
    private static boolean inverse(Attributes dataset, ImagePixel pixel) {
        String shape = dataset.getString(Tag.PresentationLUTShape);
        if (shape != null && (shape.equals("INVERSE") || shape.equals("IDENTITY"))) {
            return shape.equals("INVERSE");
        }
        return pixel.photometricInterpretation() == PhotometricInterpretation.MONOCHROME1;
    }

    /** The first VOI LUT of the VOI LUT Sequence (0028,3010), or null. */
    private static LookupTable voiLut(Attributes dataset) throws IOException {
        Sequence sequence = dataset.getSequence(Tag.VOILUTSequence);
        if (sequence == null || sequence.isEmpty()) {
            return null;
        }
        // The input of a VOI LUT is a modality value, signed or not whatever the pixels are (PS3.3 C.11.2.1.1).
        return LookupTable.read(sequence.get(0), Tag.LUTDescriptor, Tag.LUTData, false, true);
    }

    /** The 8-bit RGB colour (0xRRGGBB) of pixel {@code index}. */
    private interface Colour {
        int rgb(int index);
    }

    private static BufferedImage colour(FrameSamples frame, Colour colour, RenderOptions options) {
        ImagePixel pixel = frame.pixel();
        BufferedImage image = new BufferedImage(pixel.columns(), pixel.rows(), BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < out.length; i++) {
            int rgb = colour.rgb(i);
            out[i] = options.invert() ? ~rgb & 0xFFFFFF : rgb;
        }
        return image;
    }

    private static int rgb(FrameSamples frame, int index) {
        double max = frame.pixel().maxStoredValue();
        int at = 3 * index;
        return toEightBits(frame.value(at), max) << 16 | toEightBits(frame.value(at + 1), max) << 8
                | toEightBits(frame.value(at + 2), max);
    }

    /** YBR_FULL to RGB by the equations of PS3.3 C.7.6.3.1.2, chroma centred on half the range. */
    private static int ybrFull(FrameSamples frame, int index) {
        double max = frame.pixel().maxStoredValue();
        double half = (max + 1) / 2;
        int at = 3 * index;
        double y = frame.value(at);
        double cb = frame.value(at + 1) - half;
        double cr = frame.value(at + 2) - half;
        return toEightBits(y + 1.402 * cr, max) << 16 | toEightBits(y - 0.344136 * cb - 0.714136 * cr, max) << 8
                | toEightBits(y + 1.772 * cb, max);
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
