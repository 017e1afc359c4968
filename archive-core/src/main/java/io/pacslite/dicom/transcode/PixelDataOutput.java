package io.pacslite.dicom.transcode;

import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.image.ImagePixel;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the Pixel Data element (7FE0,0010) frame by frame, its frames given one at a time:
 * native, one value of defined length (PS3.5 8.1.1, 7.1.2, 7.1.3), or encapsulated, of
 * undefined length with an empty Basic Offset Table item, one fragment item per frame padded to
 * an even length and a Sequence Delimitation Item (PS3.5 A.4).
 */
final class PixelDataOutput {

    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITATION_ITEM = 0xFFFEE0DD;
    private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

    private final OutputStream out;
    private final boolean encapsulated;
    private final long length;

    private PixelDataOutput(OutputStream out, boolean encapsulated, long length) {
        this.out = out;
        this.encapsulated = encapsulated;
        this.length = length;
    }

    /** Encapsulated Pixel Data: its header and the empty Basic Offset Table written. */
    static PixelDataOutput encapsulated(OutputStream out) throws IOException {
        PixelDataOutput pixelData = new PixelDataOutput(out, true, UNDEFINED_LENGTH);
        pixelData.elementHeader(true, VR.OB, UNDEFINED_LENGTH);
        pixelData.tagAndLength(ITEM, 0);
        return pixelData;
    }

    /**
     * Native Pixel Data of all of {@code pixel}'s frames in {@code syntax}: OW, or OB for 8 bits
     * allocated; its header written.
     *
     * @throws DicomException if the frames do not fit one element
     */
    static PixelDataOutput nativeFrames(OutputStream out, TransferSyntax syntax, ImagePixel pixel) throws IOException {
        int bytesPerSample = pixel.bitsAllocated() / 8;
        long length = (long) pixel.numberOfFrames() * pixel.samplesPerFrame() * bytesPerSample;
        if (length + (length & 1) > 0xFFFFFFFEL) {
            throw new DicomException("native Pixel Data of " + length + " bytes does not fit one element", -1);
        }
        PixelDataOutput pixelData = new PixelDataOutput(out, false, length);
        pixelData.elementHeader(syntax.explicitVR(), bytesPerSample == 1 ? VR.OB : VR.OW, length + (length & 1));
        return pixelData;
    }

    /** Writes the next frame. */
    void frame(byte[] frame) throws IOException {
        if (encapsulated) {
            tagAndLength(ITEM, frame.length + (frame.length & 1));
        }
        out.write(frame);
        if (encapsulated && (frame.length & 1) != 0) {
            out.write(0);
        }
    }

    /** Ends the value: the padding byte of an odd native length, the delimiter of encapsulated fragments. */
    void finish() throws IOException {
        if (encapsulated) {
            tagAndLength(SEQUENCE_DELIMITATION_ITEM, 0);
        } else if ((length & 1) != 0) {
            out.write(0);
        }
    }

    /** Tag, VR and reserved bytes when explicit (PS3.5 7.1.2), 32-bit length. */
    private void elementHeader(boolean explicitVR, VR vr, long valueLength) throws IOException {
        uint16(Tag.PixelData >>> 16);
        uint16(Tag.PixelData & 0xFFFF);
        if (explicitVR) {
            out.write(vr.name().charAt(0));
            out.write(vr.name().charAt(1));
            uint16(0);
        }
        uint32(valueLength);
    }

    private void tagAndLength(int tag, long valueLength) throws IOException {
        uint16(tag >>> 16);
        uint16(tag & 0xFFFF);
        uint32(valueLength);
    }

    private void uint32(long value) throws IOException {
        uint16((int) value & 0xFFFF);
        uint16((int) (value >>> 16) & 0xFFFF);
    }

    private void uint16(int value) throws IOException {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }
}
