package io.pacslite.dicom.transcode;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.image.ImageFrames;
import io.pacslite.dicom.image.ImagePixel;
import io.pacslite.dicom.image.PhotometricInterpretation;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a data set in another transfer syntax (PS3.5 section 10, Annex A), one frame at a
 * time, so that neither the data set's frames nor the output are ever held whole.
 *
 * <p>A data set whose Pixel Data stays native (native to native, or no Pixel Data at all) is
 * re-encoded element by element ({@link DicomWriter}). Otherwise each frame is decoded
 * ({@link ImageFrames}) and encoded by the target's {@link FrameEncoder}: native frames
 * (Explicit, Implicit VR Little Endian, Deflated Explicit VR Little Endian, PS3.5 A.5), RLE
 * Lossless (Annex G), JPEG Baseline (8-bit, lossy) or JPEG Lossless SV1. Encapsulated Pixel
 * Data (PS3.5 A.4) has an empty Basic Offset Table and one fragment per frame.
 *
 * <p>What changes besides the transfer syntax when frames are re-encoded: Photometric
 * Interpretation as the encoder writes it (YBR_FULL_422 becomes YBR_FULL when decoded frames are
 * kept, PS3.3 C.7.6.3.1.2; JPEG 2000's YBR_RCT and YBR_ICT become RGB, their decoder having undone
 * the multi-component transform, PS3.5 8.2.4; colour JPEG Baseline is YBR_FULL_422, PS3.5 8.2.1); Planar
 * Configuration becomes 0; native Pixel Data is OW (OB for 8 bits allocated); an image that was
 * or becomes lossy compressed gets Lossy Image Compression "01" with its Ratio and Method (PS3.3
 * C.7.6.1.1.5). Elements after Pixel Data (only padding and signatures can be there, and
 * signatures do not survive a change of encoding, PS3.15 C.1) are left out.
 */
public final class Transcoder {

    /**
     * The transfer syntaxes this writes, in the order a sender prefers them when a peer accepts
     * several: native, then lossless compressed, then lossy.
     */
    public static final List<String> TARGETS = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
            UID.DeflatedExplicitVRLittleEndian, UID.JPEGLosslessSV1, UID.RLELossless, UID.JPEGBaseline8Bit);

    private static final Set<String> LOSSY_JPEG = Set.of(UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit);

    private final DicomFile file;
    private final TransferSyntax target;
    /** Null when Pixel Data stays native or is absent: the data set is re-encoded as it is. */
    private final ImageFrames frames;
    private final FrameEncoder encoder;

    private Transcoder(DicomFile file, TransferSyntax target, ImageFrames frames, FrameEncoder encoder) {
        this.file = file;
        this.target = target;
        this.frames = frames;
        this.encoder = encoder;
    }

    /** Whether a data set in {@code source} can be written in {@code target} here (an image's pixels permitting). */
    public static boolean supports(TransferSyntax source, String target) {
        return TARGETS.contains(target) && !source.uid().equals(target) && ImageFrames.decodes(source);
    }

    /** Whether writing in {@code target} loses information (PS3.5 8.2.1: JPEG Baseline). */
    public static boolean isLossy(String target) {
        return LOSSY_JPEG.contains(target);
    }

    /**
     * Writes {@code file}'s data set in {@code target}, as a Part 10 file (with its File Meta
     * Information) when {@code partTen}, else the data set alone.
     *
     * @throws DicomException if it cannot be, with the reason
     */
    public static void write(DicomFile file, String target, OutputStream out, boolean partTen) throws IOException {
        check(file, target).write(out, partTen);
    }

    /**
     * {@code file} ready to be written in {@code target}, found out without decoding a frame (the
     * pixel description, the decoder and the encoder are checked), so that a caller can refuse
     * before it starts an answer; its frames are found once, for {@link #write(OutputStream,
     * boolean)} or {@link #frame}.
     *
     * @throws DicomException why it cannot
     */
    public static Transcoder check(DicomFile file, String target) throws IOException {
        if (!supports(file.transferSyntax(), target)) {
            throw new DicomException("a data set in " + file.transferSyntax().uid() + " cannot be written in " + target
                    + " here", -1);
        }
        TransferSyntax syntax = TransferSyntax.of(target);
        boolean pixelsStayNative = !file.transferSyntax().encapsulated() && !syntax.encapsulated();
        if (!file.dataset().contains(Tag.PixelData) || pixelsStayNative) {
            return new Transcoder(file, syntax, null, null);
        }
        return checkFrames(file, target);
    }

    /**
     * {@code file}'s image ready to have its frames encoded in {@code target} ({@link #frame}),
     * whatever its own transfer syntax, checked as {@link #check} checks.
     *
     * @throws DicomException why its frames cannot be written in {@code target}
     */
    public static Transcoder checkFrames(DicomFile file, String target) throws IOException {
        if (!TARGETS.contains(target) || !ImageFrames.decodes(file.transferSyntax())) {
            throw new DicomException("frames in " + file.transferSyntax().uid() + " cannot be written in " + target
                    + " here", -1);
        }
        ImageFrames frames = ImageFrames.of(file);
        return new Transcoder(file, TransferSyntax.of(target), frames, FrameEncoder.of(target, frames.decodedPixel()));
    }

    /** The transfer syntax this writes. */
    public String target() {
        return target.uid();
    }

    /** Writes the checked file's data set, as {@link #write(DicomFile, String, OutputStream, boolean)}. */
    public void write(OutputStream out, boolean partTen) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        if (partTen) {
            new DicomWriter(buffered).writeFileHeader(file.preamble(), DicomWriter.createFileMeta(
                    file.dataset().getString(Tag.SOPClassUID), file.dataset().getString(Tag.SOPInstanceUID),
                    target.uid()));
        }
        if (frames == null) {
            new DicomWriter(buffered).writeDataset(file.dataset(), target);
        } else if (target.deflated()) {
            DeflatedOutput deflated = new DeflatedOutput(buffered);
            writeImage(deflated.stream());
            deflated.finish();
        } else {
            writeImage(buffered);
        }
        buffered.flush();
    }

    /**
     * Frame {@code index} (0 for the first) as the target holds it: native little-endian bytes
     * (PS3.5 8.1.1) or one compressed frame (PS3.5 A.4), for WADO-RS frames.
     *
     * @throws IllegalStateException if this was not checked for frames ({@link #checkFrames}) and
     *     the data set is written as it is (no Pixel Data, or native to native)
     */
    public byte[] frame(int index) throws IOException {
        if (encoder == null) {
            throw new IllegalStateException("the frames of a data set written as it is are not encoded");
        }
        return encoder.encode(frames.frame(index));
    }

    private void writeImage(OutputStream out) throws IOException {
        ImagePixel pixel = frames.decodedPixel();
        int count = pixel.numberOfFrames();
        byte[] first = null;
        String ratio = null;
        if (encoder.lossyMethod() != null) {
            // The ratio precedes Pixel Data: the frames are encoded once to measure it, the first kept.
            long compressed = 0;
            for (int i = 0; i < count; i++) {
                byte[] encoded = frame(i);
                compressed += encoded.length;
                first = i == 0 ? encoded : first;
            }
            double uncompressed = (double) count * pixel.samplesPerFrame() * (pixel.bitsAllocated() / 8);
            ratio = String.format(Locale.ROOT, "%.2f", uncompressed / Math.max(1, compressed));
        }
        TransferSyntax headerSyntax = target.deflated() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : target;
        new DicomWriter(out).writeDataset(header(pixel, ratio), headerSyntax);
        PixelDataOutput pixelData = target.encapsulated() ? PixelDataOutput.encapsulated(out)
                : PixelDataOutput.nativeFrames(out, target, pixel);
        for (int i = 0; i < count; i++) {
            pixelData.frame(i == 0 && first != null ? first : frame(i));
        }
        pixelData.finish();
    }

    /** The data set before Pixel Data, with the pixel description of the written frames. */
    private Attributes header(ImagePixel pixel, String ratio) {
        Attributes dataset = file.dataset();
        Attributes header = new Attributes(dataset.isBigEndian(), dataset.size() + 3);
        for (int i = 0; i < dataset.size() && Integer.compareUnsigned(dataset.tagAt(i), Tag.PixelData) < 0; i++) {
            header.add(dataset.tagAt(i), dataset.vrAt(i), dataset.valueAt(i));
        }
        PhotometricInterpretation written = encoder.photometricInterpretation(pixel.photometricInterpretation());
        if (written != frames.pixel().photometricInterpretation()) {
            header.setString(Tag.PhotometricInterpretation, VR.CS, written.definedTerm());
        }
        if (pixel.samplesPerPixel() > 1) {
            header.setInts(Tag.PlanarConfiguration, VR.US, 0);
        }
        boolean wasLossy = "01".equals(dataset.getString(Tag.LossyImageCompression));
        if (LOSSY_JPEG.contains(file.transferSyntax().uid()) && !wasLossy) {
            header.setString(Tag.LossyImageCompression, VR.CS, "01");
            header.setString(Tag.LossyImageCompressionMethod, VR.CS, "ISO_10918_1");
            wasLossy = true;
        }
        if (ratio != null) {
            header.setString(Tag.LossyImageCompression, VR.CS, "01");
            header.setString(Tag.LossyImageCompressionRatio, VR.DS,
                    appended(wasLossy, header.getStrings(Tag.LossyImageCompressionRatio), ratio));
            header.setString(Tag.LossyImageCompressionMethod, VR.CS,
                    appended(wasLossy, header.getStrings(Tag.LossyImageCompressionMethod), encoder.lossyMethod()));
        }
        return header;
    }

    /** The values of an earlier lossy step followed by this one's (PS3.3 C.7.6.1.1.5: one value per step). */
    private static String[] appended(boolean earlierSteps, String[] earlier, String value) {
        Stream<String> kept = earlierSteps ? Arrays.stream(earlier).filter(s -> !s.isBlank()) : Stream.empty();
        return Stream.concat(kept, Stream.of(value)).toArray(String[]::new);
    }
}
