package io.pacslite.dicom.transcode;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.image.FrameSamples;
import io.pacslite.dicom.image.ImagePixel;
import io.pacslite.dicom.image.PhotometricInterpretation;
import io.pacslite.dicom.io.DicomException;
import java.io.IOException;

/**
 * Encodes one decoded frame into the bytes of one frame of a transfer syntax: the native bytes
 * of a frame of Pixel Data (PS3.5 8.1.1), or the compressed bytes of one fragment (PS3.5 A.4).
 */
interface FrameEncoder {

    /** The frame's bytes in the target transfer syntax. */
    byte[] encode(FrameSamples frame) throws IOException;

    /**
     * The Photometric Interpretation of the written frames. Lossless encoders keep the decoded
     * samples, in which a YBR_FULL_422 image holds every sample: YBR_FULL (PS3.3 C.7.6.3.1.2).
     */
    default PhotometricInterpretation photometricInterpretation(PhotometricInterpretation decoded) {
        return decoded == PhotometricInterpretation.YBR_FULL_422 ? PhotometricInterpretation.YBR_FULL : decoded;
    }

    /** The Lossy Image Compression Method of the encoder (PS3.3 C.7.6.1.1.5), null when it is lossless. */
    default String lossyMethod() {
        return null;
    }

    /**
     * The encoder writing {@code target}, for images described by {@code pixel} (the decoded
     * frames).
     *
     * @throws DicomException naming why the image cannot be written in {@code target}
     */
    static FrameEncoder of(String target, ImagePixel pixel) throws DicomException {
        if (pixel.bitsAllocated() % 8 != 0) {
            throw new DicomException(pixel.bitsAllocated() + " bits allocated: only whole bytes are written", -1);
        }
        return switch (target) {
            case UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.DeflatedExplicitVRLittleEndian ->
                new NativeFrameEncoder(pixel);
            case UID.RLELossless -> new RleEncoder(pixel);
            case UID.JPEGLosslessSV1 -> JpegLosslessEncoder.of(pixel);
            case UID.JPEGBaseline8Bit -> JpegBaselineEncoder.of(pixel);
            default -> throw new DicomException("images are not written in transfer syntax " + target + " here", -1);
        };
    }
}
