package io.pacslite.dicom.image;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReadParamJava;
import io.pacslite.dicom.io.DicomException;
import java.awt.Point;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jj2000.j2k.codestream.HeaderInfo;
import jj2000.j2k.codestream.reader.BitstreamReaderAgent;
import jj2000.j2k.codestream.reader.HeaderDecoder;
import jj2000.j2k.decoder.DecoderSpecs;
import jj2000.j2k.entropy.decoder.EntropyDecoder;
import jj2000.j2k.image.DataBlkInt;
import jj2000.j2k.image.ImgDataConverter;
import jj2000.j2k.image.invcomptransf.InvCompTransf;
import jj2000.j2k.io.RandomAccessIO;
import jj2000.j2k.quantization.dequantizer.Dequantizer;
import jj2000.j2k.roi.ROIDeScaler;
import jj2000.j2k.util.FacilityManager;
import jj2000.j2k.util.ISRandomAccessIO;
import jj2000.j2k.util.MsgLogger;
import jj2000.j2k.wavelet.synthesis.InverseWT;

/**
 * Frames of JPEG 2000 Image Compression (Lossless Only) Pixel Data (PS3.5 A.4.4, 8.2.4),
 * decoded by JJ2000, the Java JPEG 2000 decoder that {@code jai-imageio-jpeg2000} carries,
 * called directly (its decoding chain, not ImageIO: no service lookup, and its ImageIO reader's
 * clamping and level shift are not used).
 *
 * <p>Before anything is decoded, the codestream's SIZ marker segment ({@link Jpeg2000Header})
 * must declare the image's Columns x Rows, as many components as Samples per Pixel, none
 * subsampled, each of at most 16 bits and at most Bits Allocated, and at most 65535 tiles. HTJ2K
 * (ISO/IEC 15444-15) is not decoded: JJ2000 implements Part 1 only.
 *
 * <p>The sign: the codestream says in SIZ whether each component is signed (Ssiz), and PS3.5
 * 8.2.4 lets Pixel Representation follow what was encoded; some writers set them differently
 * (pydicom's {@code J2K_pixelrep_mismatch.dcm}: unsigned 13-bit components, Pixel
 * Representation 1). The codestream wins for the decoded values: each is decoded as its
 * component's sign and depth say (the DC level shift of unsigned components undone, ISO/IEC
 * 15444-1 G.1.2) and clamped to the depth's range. The samples are then put in the Pixel
 * Representation's form, stored values of Bits Stored bits (PS3.5 8.1.1):
 * <ul>
 * <li>where the signs disagree, the decoded value is taken as a container would be: its Bits
 *     Stored low bits, sign-extended when Pixel Representation is 1 (the mismatched file's
 *     unsigned 0 to 8191 become -4096 to 4095: what GDCM's decompressed Pixel Data holds and what
 *     pydicom gives);
 * <li>where they agree, a value beyond what Bits Stored holds (a lossy codestream's overshoot
 *     when the codestream's precision is larger than Bits Stored, as GDCM writes 12-bit images
 *     in 16-bit codestreams) is clamped to the nearest value it holds rather than wrapped.
 * </ul>
 * Lossless frames whose values fit Bits Stored come out unchanged either way.
 *
 * <p>Colour: with a multi-component transform (the COD's MCT, PS3.5 8.2.4: Photometric
 * Interpretation YBR_RCT for the reversible one, YBR_ICT for the irreversible one) JJ2000 undoes
 * it, so the frame holds R, G and B; the {@link FrameSamples} of a YBR_RCT or YBR_ICT image
 * therefore say RGB, and decompressing such an image writes RGB (PS3.5 8.2.4). Other
 * photometric interpretations are the components as coded (RGB stays RGB, a YBR_FULL image coded
 * without a transform stays YCbCr for the display pipeline to convert).
 *
 * <p>A truncated codestream is refused before decoding ({@link Jpeg2000Header} follows the
 * tile-parts to EOC: JJ2000 would decode it as far as it goes without a word). A codestream
 * JJ2000 cannot read (bytes that are not JPEG 2000, marker segments or packets that lie),
 * whatever it throws but the JVM's own errors, and any warning it logs while decoding, is a
 * {@link DicomException} naming the frame: a frame is decoded whole or not at all.
 */
final class Jpeg2000FrameDecoder implements FrameDecoder {

    private final ImagePixel pixel;
    private final ImagePixel decoded;
    private final EncapsulatedFrames frames;
    /** The first frame's checked header (with its codestream), kept for decoding it. */
    private final Jpeg2000Header first;

    /**
     * The decoder of {@code frames}, the first frame's header read and checked already, so that
     * an image whose codestream disagrees with its Image Pixel Module (or is cut short) is refused
     * when its frames are found, before a caller starts an answer (WADO-RS, C-GET and C-MOVE
     * decompressing), as the other frames' headers cannot be without reading every frame.
     *
     * @throws DicomException if Bits Allocated is neither 8 nor 16, or the first frame's header
     *     is refused
     */
    Jpeg2000FrameDecoder(ImagePixel pixel, EncapsulatedFrames frames) throws IOException {
        if (pixel.bitsAllocated() != 8 && pixel.bitsAllocated() != 16) {
            throw new DicomException("JPEG 2000 frames are decoded into samples of at most 16 bits held in 8 or 16 bits,"
                    + " not in Bits Allocated " + pixel.bitsAllocated(), -1);
        }
        this.pixel = pixel;
        this.decoded = decodedPixel(pixel);
        this.frames = frames;
        this.first = header(0);
    }

    /**
     * The pixel description of decoded frames: RGB for YBR_RCT and YBR_ICT (the multi-component
     * transform undone), Planar Configuration 0; else {@code pixel} as it is.
     */
    static ImagePixel decodedPixel(ImagePixel pixel) {
        PhotometricInterpretation photometric = pixel.photometricInterpretation();
        if (photometric != PhotometricInterpretation.YBR_RCT && photometric != PhotometricInterpretation.YBR_ICT) {
            return pixel;
        }
        return new ImagePixel(pixel.rows(), pixel.columns(), pixel.samplesPerPixel(), pixel.bitsAllocated(),
                pixel.bitsStored(), pixel.highBit(), pixel.pixelRepresentation(), 0, PhotometricInterpretation.RGB,
                pixel.numberOfFrames());
    }

    @Override
    public FrameSamples decode(int index) throws IOException {
        Jpeg2000Header header = index == 0 ? first : header(index);
        try {
            return new FrameSamples(decoded, decode(header));
        } catch (DicomException e) {
            throw corrupt(index, e.getMessage());
        }
    }

    /** Frame {@code index}'s header, checked against the Image Pixel Module. */
    private Jpeg2000Header header(int index) throws IOException {
        byte[] data = frames.frame(index);
        try {
            Jpeg2000Header header = Jpeg2000Header.read(data);
            check(header);
            return header;
        } catch (DicomException e) {
            throw corrupt(index, e.getMessage());
        }
    }

    /** The SIZ's image against the Image Pixel Module, before anything is allocated for it. */
    private void check(Jpeg2000Header header) throws DicomException {
        if (header.width() != pixel.columns() || header.height() != pixel.rows()) {
            throw new DicomException("its SIZ marker segment declares " + header.width() + " x " + header.height()
                    + " pixels, the image has " + pixel.columns() + " x " + pixel.rows(), -1);
        }
        if (header.components().length != pixel.samplesPerPixel()) {
            throw new DicomException("it has " + header.components().length + " components, the image "
                    + pixel.samplesPerPixel() + " samples per pixel", -1);
        }
        if (header.tiles() > Jpeg2000Header.MAX_TILES) {
            throw new DicomException("its SIZ marker segment declares " + header.tiles() + " tiles, more than the "
                    + Jpeg2000Header.MAX_TILES + " ISO/IEC 15444-1 allows", -1);
        }
        for (int c = 0; c < header.components().length; c++) {
            Jpeg2000Header.Component component = header.components()[c];
            if (component.subsamplingX() != 1 || component.subsamplingY() != 1) {
                throw new DicomException("its component " + c + " is subsampled " + component.subsamplingX() + " x "
                        + component.subsamplingY() + ", which DICOM images are not", -1);
            }
            if (component.depth() > Math.min(16, pixel.bitsAllocated())) {
                throw new DicomException("its component " + c + " has " + component.depth() + " bits, more than "
                        + (pixel.bitsAllocated() < 16 ? "Bits Allocated " + pixel.bitsAllocated() : "16"), -1);
            }
        }
    }

    /** Decodes the checked codestream into the frame's stored values, the samples of a pixel together. */
    private int[] decode(Jpeg2000Header header) throws DicomException {
        Messages messages = new Messages();
        FacilityManager.registerMsgLogger(Thread.currentThread(), messages);
        int[] samples;
        try {
            samples = decodeTiles(header.codestream(), header.components());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            String problems = messages.problems.isEmpty() ? "" : " (" + String.join("; ", messages.problems) + ")";
            throw new DicomException("JJ2000 cannot decode it: " + reason(e) + problems, -1);
        } finally {
            FacilityManager.unregisterMsgLogger(Thread.currentThread());
        }
        if (!messages.problems.isEmpty()) {
            throw new DicomException("JJ2000 decodes it only with warnings: " + String.join("; ", messages.problems), -1);
        }
        return samples;
    }

    /** The decoding chain of JJ2000 (its decoder's, without the output stage), tile by tile. */
    private int[] decodeTiles(byte[] codestream, Jpeg2000Header.Component[] components) throws IOException {
        RandomAccessIO in = new ISRandomAccessIO(new ByteArrayInputStream(codestream));
        J2KImageReadParamJava parameters = new J2KImageReadParamJava();
        HeaderInfo info = new HeaderInfo();
        HeaderDecoder headerDecoder = new HeaderDecoder(in, parameters, info);
        DecoderSpecs specs = headerDecoder.getDecoderSpecs();
        int count = headerDecoder.getNumComps();
        int[] depths = new int[count];
        for (int c = 0; c < count; c++) {
            depths[c] = headerDecoder.getOriginalBitDepth(c);
        }
        BitstreamReaderAgent bitstream = BitstreamReaderAgent.createInstance(in, headerDecoder, parameters, specs,
                false, info);
        EntropyDecoder entropy = headerDecoder.createEntropyDecoder(bitstream, parameters);
        ROIDeScaler roi = headerDecoder.createROIDeScaler(entropy, parameters, specs);
        Dequantizer dequantizer = headerDecoder.createDequantizer(roi, depths, specs);
        InverseWT wavelet = InverseWT.createInstance(dequantizer, specs);
        wavelet.setImgResLevel(bitstream.getImgRes());
        InvCompTransf transform = new InvCompTransf(new ImgDataConverter(wavelet, 0), specs, depths);

        int columns = pixel.columns();
        int samplesPerPixel = pixel.samplesPerPixel();
        int[] samples = new int[pixel.samplesPerFrame()];
        int imageX = headerDecoder.getImgULX();
        int imageY = headerDecoder.getImgULY();
        Point tiles = transform.getNumTiles(null);
        DataBlkInt block = new DataBlkInt();
        for (int tileY = 0; tileY < tiles.y; tileY++) {
            for (int tileX = 0; tileX < tiles.x; tileX++) {
                transform.setTile(tileX, tileY);
                for (int c = 0; c < samplesPerPixel; c++) {
                    int width = transform.getTileCompWidth(transform.getTileIdx(), c);
                    int height = transform.getTileCompHeight(transform.getTileIdx(), c);
                    int x0 = transform.getCompULX(c) - imageX;
                    int y0 = transform.getCompULY(c) - imageY;
                    if (x0 < 0 || y0 < 0 || x0 + width > columns || y0 + height > pixel.rows()) {
                        throw new IllegalStateException("tile " + transform.getTileIdx() + " lies outside the image");
                    }
                    block.ulx = 0;
                    block.uly = 0;
                    block.w = width;
                    block.h = height;
                    block.progressive = false;
                    block = (DataBlkInt) transform.getInternCompData(block, c);
                    store(block, transform.getFixedPoint(c), components[c], transform.getNomRangeBits(c), samples,
                            (y0 * columns + x0) * samplesPerPixel + c, columns * samplesPerPixel, samplesPerPixel);
                }
            }
        }
        return samples;
    }

    /**
     * A tile-component's values into the frame: integer part of the fixed-point values, the DC
     * level shift undone for an unsigned component, clamped to the component's range, then in
     * the form of a stored value (the class comment).
     */
    private void store(DataBlkInt block, int fractionBits, Jpeg2000Header.Component component, int rangeBits,
            int[] samples, int first, int lineStride, int pixelStride) {
        int shift = component.signed() ? 0 : 1 << (rangeBits - 1);
        int min = component.signed() ? -(1 << (component.depth() - 1)) : 0;
        int max = component.signed() ? (1 << (component.depth() - 1)) - 1 : (1 << component.depth()) - 1;
        boolean signed = pixel.isSigned();
        boolean reinterpret = component.signed() != signed;
        if (!reinterpret) {
            min = Math.max(min, signed ? -(1 << (pixel.bitsStored() - 1)) : 0);
            max = Math.min(max, signed ? (1 << (pixel.bitsStored() - 1)) - 1 : (1 << pixel.bitsStored()) - 1);
        }
        int unused = 32 - pixel.bitsStored();
        int[] data = block.data;
        for (int y = 0; y < block.h; y++) {
            int from = block.offset + y * block.scanw;
            int to = first + y * lineStride;
            for (int x = 0; x < block.w; x++, to += pixelStride) {
                int value = (data[from + x] >> fractionBits) + shift;
                value = value < min ? min : Math.min(value, max);
                if (reinterpret) {
                    value = signed ? (value << unused) >> unused : (value << unused) >>> unused;
                }
                samples[to] = value;
            }
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replaceAll("\\s+", " ");
    }

    private static DicomException corrupt(int frame, String reason) {
        return new DicomException("JPEG 2000 frame " + (frame + 1) + ": " + reason, -1);
    }

    /** JJ2000's messages while it decodes one frame: warnings and errors are kept, the rest dropped. */
    private static final class Messages implements MsgLogger {

        private final List<String> problems = new ArrayList<>();

        @Override
        public void printmsg(int severity, String message) {
            if (severity >= WARNING && problems.size() < 5) {
                problems.add(message == null ? "" : message.strip().replaceAll("\\s+", " "));
            }
        }

        @Override
        public void println(String message, int firstLineIndent, int indent) {
        }

        @Override
        public void flush() {
        }
    }
}
