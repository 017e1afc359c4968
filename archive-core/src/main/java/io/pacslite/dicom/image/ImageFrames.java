package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.IOException;
import java.util.Set;

/**
 * The frames of an image, decoded one at a time: the pixel description (PS3.3 C.7.6.3) and a
 * decoder for the transfer syntax of its Pixel Data (7FE0,0010). Read the file with
 * {@link io.pacslite.dicom.io.BulkDataPolicy#REFERENCE} so that a frame is read from the file
 * without loading the others.
 *
 * <pre>{@code
 * try (DicomReader reader = DicomReader.open(path).bulkData(BulkDataPolicy.REFERENCE, 1024)) {
 *     FrameSamples first = ImageFrames.of(reader.readFile()).frame(0);
 * }
 * }</pre>
 */
public final class ImageFrames {

    /** The encapsulated transfer syntaxes decoded here. */
    private static final Set<String> DECODED = Set.of(UID.RLELossless, UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit,
            UID.JPEGLossless, UID.JPEGLosslessSV1, UID.JPEGLSLossless, UID.JPEGLSNearLossless,
            UID.JPEG2000Lossless, UID.JPEG2000);

    private final Attributes dataset;
    private final ImagePixel pixel;
    private final FrameDecoder decoder;

    private ImageFrames(Attributes dataset, ImagePixel pixel, FrameDecoder decoder) {
        this.dataset = dataset;
        this.pixel = pixel;
        this.decoder = decoder;
    }

    /** Whether Pixel Data in {@code transferSyntax} is decoded here. */
    public static boolean decodes(TransferSyntax transferSyntax) {
        return !transferSyntax.encapsulated() || DECODED.contains(transferSyntax.uid());
    }

    /** The frames of a file's data set. */
    public static ImageFrames of(DicomFile file) throws IOException {
        return of(file.dataset(), file.transferSyntax(), ImagePixel.DEFAULT_MAX_SAMPLES_PER_FRAME);
    }

    /**
     * The frames of a data set encoded in {@code transferSyntax}, refusing frames of more than
     * {@code maxSamplesPerFrame} samples. Transfer syntaxes without a decoder here are an error
     * that names them.
     */
    public static ImageFrames of(Attributes dataset, TransferSyntax transferSyntax, long maxSamplesPerFrame)
            throws IOException {
        Object value = dataset.getValue(Tag.PixelData);
        if (value == null) {
            throw new DicomException("the data set has no Pixel Data (7FE0,0010)", -1);
        }
        ImagePixel pixel = ImagePixel.of(dataset, maxSamplesPerFrame);
        if (!transferSyntax.encapsulated()) {
            return new ImageFrames(dataset, pixel,
                    new NativeFrameDecoder(pixel, value, dataset.isBigEndian(), dataset.vrOf(Tag.PixelData) == VR.OW));
        }
        if (!(value instanceof Fragments fragments)) {
            throw new DicomException("transfer syntax " + transferSyntax.uid() + " is encapsulated (PS3.5 A.4)"
                    + " but Pixel Data is not in fragments", -1);
        }
        if (!DECODED.contains(transferSyntax.uid())) {
            throw new DicomException("Pixel Data in transfer syntax " + transferSyntax.uid() + " is not decoded yet", -1);
        }
        EncapsulatedFrames encapsulated = new EncapsulatedFrames(fragments, pixel.numberOfFrames());
        FrameDecoder decoder = switch (transferSyntax.uid()) {
            case UID.RLELossless -> new RleFrameDecoder(pixel, encapsulated);
            case UID.JPEGLossless, UID.JPEGLosslessSV1 -> JpegLosslessFrameDecoder.of(pixel, encapsulated);
            case UID.JPEGLSLossless, UID.JPEGLSNearLossless -> JpegLsFrameDecoder.of(pixel, encapsulated);
            case UID.JPEG2000Lossless, UID.JPEG2000 -> new Jpeg2000FrameDecoder(pixel, encapsulated);
            default -> JpegFrameDecoder.of(pixel, encapsulated);
        };
        return new ImageFrames(dataset, pixel, decoder);
    }

    /** The description of the pixels. */
    public ImagePixel pixel() {
        return pixel;
    }

    /**
     * The description of the decoded frames: {@link #pixel()} but for JPEG 2000 YBR_RCT and
     * YBR_ICT images, whose decoder undoes the multi-component transform: RGB (PS3.5 8.2.4).
     */
    public ImagePixel decodedPixel() {
        return Jpeg2000FrameDecoder.decodedPixel(pixel);
    }

    /** The data set the frames belong to (for the LUTs and windows that apply to them). */
    public Attributes dataset() {
        return dataset;
    }

    /** Frame {@code index}, 0 for the first. */
    public FrameSamples frame(int index) throws IOException {
        if (index < 0 || index >= pixel.numberOfFrames()) {
            throw new DicomException("no frame " + (index + 1) + ": the image has " + pixel.numberOfFrames(), -1);
        }
        return decoder.decode(index);
    }
}
