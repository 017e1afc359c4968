package io.pacslite.dicom.transcode;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.image.FrameSamples;
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
import java.util.Set;

/**
 * Writes an image whose Pixel Data is compressed (or deflated) in Explicit or Implicit VR
 * Little Endian with native Pixel Data (PS3.5 8.1.1, 8.2), decoding one frame at a time, so
 * that neither the data set's frames nor the output are ever held whole.
 *
 * <p>What changes besides the transfer syntax: Pixel Data becomes OW (OB for 8 bits allocated)
 * holding each stored value at its High Bit in a container of Bits Allocated bits; a
 * YBR_FULL_422 image becomes YBR_FULL (its decoded frames hold every sample, PS3.3
 * C.7.6.3.1.2); a YBR_RCT or YBR_ICT one (JPEG 2000) becomes RGB (the decoder undoes the
 * multi-component transform, PS3.5 8.2.4); Planar Configuration becomes 0; an image that was lossy compressed (JPEG
 * Baseline or Extended) gets Lossy Image Compression "01" and its method (PS3.3 C.7.6.1.1.5)
 * when it lacks them. Elements after Pixel Data (only padding and signatures can be there, and
 * signatures do not survive a change of encoding, PS3.15 C.1) are left out.
 */
public final class Decompression {

    /** The transfer syntaxes this writes. */
    public static final Set<String> TARGETS = Set.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);

    private static final Set<String> LOSSY_JPEG = Set.of(UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit);

    private final DicomFile file;
    private final ImageFrames frames;

    private Decompression(DicomFile file, ImageFrames frames) {
        this.file = file;
        this.frames = frames;
    }

    /** Whether an image in {@code source} can be written in {@code target} here. */
    public static boolean supports(TransferSyntax source, String target) {
        return TARGETS.contains(target) && (source.encapsulated() || source.deflated())
                && ImageFrames.decodes(source);
    }

    /**
     * Writes {@code file}'s data set in {@code target}, as a Part 10 file (with its File Meta
     * Information) when {@code partTen}, else the data set alone.
     *
     * @throws DicomException if the image cannot be decoded or has single-bit pixels
     */
    public static void write(DicomFile file, String target, OutputStream out, boolean partTen) throws IOException {
        requireSupported(file, target);
        check(file).write(target, out, partTen);
    }

    /** Writes the checked file's data set in {@code target}, as {@link #write(DicomFile, String, OutputStream, boolean)}. */
    public void write(String target, OutputStream out, boolean partTen) throws IOException {
        requireSupported(file, target);
        TransferSyntax syntax = TransferSyntax.of(target);
        ImagePixel pixel = frames.pixel();
        Attributes header = header(file.dataset(), pixel, file.transferSyntax());
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        DicomWriter writer = new DicomWriter(buffered);
        if (partTen) {
            writer.writeFileHeader(file.preamble(), DicomWriter.createFileMeta(
                    file.dataset().getString(Tag.SOPClassUID), file.dataset().getString(Tag.SOPInstanceUID), target));
        }
        writer.writeDataset(header, syntax);
        int bytesPerSample = pixel.bitsAllocated() / 8;
        long length = (long) pixel.numberOfFrames() * pixel.samplesPerFrame() * bytesPerSample;
        if (length + (length & 1) > 0xFFFFFFFEL) {
            throw new DicomException("native Pixel Data of " + length + " bytes does not fit one element", -1);
        }
        writePixelDataHeader(buffered, syntax, bytesPerSample == 1 ? VR.OB : VR.OW, length + (length & 1));
        byte[] bytes = new byte[pixel.samplesPerFrame() * bytesPerSample];
        for (int frame = 0; frame < pixel.numberOfFrames(); frame++) {
            FrameSamples samples = frames.frame(frame);
            encode(samples, pixel, bytes);
            buffered.write(bytes);
        }
        if ((length & 1) != 0) {
            buffered.write(0);
        }
        buffered.flush();
    }

    /**
     * {@code file} ready to be decompressed, found out without decoding a frame (the pixel
     * description and the decoder are checked), so that a caller can refuse before it starts an
     * answer; its frames are found once, for {@link #write(String, OutputStream, boolean)} or
     * {@link #nativeFrame}.
     *
     * @throws DicomException why it cannot
     */
    public static Decompression check(DicomFile file) throws IOException {
        ImageFrames frames = ImageFrames.of(file);
        if (frames.pixel().bitsAllocated() % 8 != 0) {
            throw new DicomException(frames.pixel().bitsAllocated() + " bits allocated: only whole bytes are written",
                    -1);
        }
        return new Decompression(file, frames);
    }

    private static void requireSupported(DicomFile file, String target) throws DicomException {
        if (!supports(file.transferSyntax(), target)) {
            throw new DicomException("an image in " + file.transferSyntax().uid() + " cannot be written in " + target
                    + " here", -1);
        }
    }

    /** The data set before Pixel Data, with the pixel description of native frames. */
    private static Attributes header(Attributes dataset, ImagePixel pixel, TransferSyntax source) {
        Attributes header = new Attributes(false, dataset.size());
        for (int i = 0; i < dataset.size() && Integer.compareUnsigned(dataset.tagAt(i), Tag.PixelData) < 0; i++) {
            header.add(dataset.tagAt(i), dataset.vrAt(i), dataset.valueAt(i));
        }
        if (pixel.photometricInterpretation() == PhotometricInterpretation.YBR_FULL_422) {
            header.setString(Tag.PhotometricInterpretation, VR.CS, "YBR_FULL");
        }
        if (pixel.photometricInterpretation() == PhotometricInterpretation.YBR_RCT
                || pixel.photometricInterpretation() == PhotometricInterpretation.YBR_ICT) {
            header.setString(Tag.PhotometricInterpretation, VR.CS, "RGB");
        }
        if (pixel.samplesPerPixel() > 1) {
            header.setInts(Tag.PlanarConfiguration, VR.US, 0);
        }
        if (LOSSY_JPEG.contains(source.uid()) && !"01".equals(dataset.getString(Tag.LossyImageCompression))) {
            header.setString(Tag.LossyImageCompression, VR.CS, "01");
            header.setString(Tag.LossyImageCompressionMethod, VR.CS, "ISO_10918_1");
        }
        return header;
    }

    /**
     * Frame {@code index} (0 for the first) as native little-endian bytes, the frame of
     * Explicit VR Little Endian Pixel Data (PS3.5 8.1.1; YBR_FULL_422 as YBR_FULL, samples of a
     * pixel together): for WADO-RS frames asked for uncompressed.
     */
    public byte[] nativeFrame(int index) throws IOException {
        ImagePixel pixel = frames.pixel();
        byte[] bytes = new byte[pixel.samplesPerFrame() * (pixel.bitsAllocated() / 8)];
        encode(frames.frame(index), pixel, bytes);
        return bytes;
    }

    /** Each stored value in its container (PS3.5 8.1.1): its Bits Stored bits ending at High Bit, little endian. */
    private static void encode(FrameSamples samples, ImagePixel pixel, byte[] bytes) {
        int bytesPerSample = pixel.bitsAllocated() / 8;
        long mask = pixel.bitsStored() >= 64 ? -1L : (1L << pixel.bitsStored()) - 1;
        int shift = pixel.highBit() + 1 - pixel.bitsStored();
        int[] values = samples.samples();
        for (int i = 0, at = 0; i < values.length; i++) {
            long container = (values[i] & mask) << shift;
            for (int b = 0; b < bytesPerSample; b++) {
                bytes[at++] = (byte) (container >>> (8 * b));
            }
        }
    }

    /** The element header of Pixel Data (PS3.5 7.1.2, 7.1.3): tag, VR and reserved bytes when explicit, 32-bit length. */
    private static void writePixelDataHeader(OutputStream out, TransferSyntax syntax, VR vr, long length)
            throws IOException {
        writeShort(out, Tag.PixelData >>> 16);
        writeShort(out, Tag.PixelData & 0xFFFF);
        if (syntax.explicitVR()) {
            out.write(vr.name().charAt(0));
            out.write(vr.name().charAt(1));
            writeShort(out, 0);
        }
        writeShort(out, (int) length & 0xFFFF);
        writeShort(out, (int) (length >>> 16) & 0xFFFF);
    }

    private static void writeShort(OutputStream out, int value) throws IOException {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }
}
