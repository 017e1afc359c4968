package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;

/** The media type of pixel data in a transfer syntax (PS3.18 Table 8.7.3-2 and 8.7.3-4). */
final class PixelMediaTypes {

    static final String OCTET_STREAM = "application/octet-stream";

    private PixelMediaTypes() {
    }

    /** Whether pixel data in {@code syntax} is a video stream: its media type is video/*. */
    static boolean isVideo(TransferSyntax syntax) {
        return of(syntax).startsWith("video/");
    }

    static String of(TransferSyntax syntax) {
        if (!syntax.encapsulated()) {
            return OCTET_STREAM;
        }
        return switch (syntax.uid()) {
            case UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit, UID.JPEGLossless, UID.JPEGLosslessSV1 -> "image/jpeg";
            case UID.JPEGLSLossless, UID.JPEGLSNearLossless -> "image/jls";
            case UID.JPEG2000Lossless, UID.JPEG2000 -> "image/jp2";
            case UID.JPEG2000MCLossless, UID.JPEG2000MC -> "image/jpx";
            case UID.RLELossless -> "image/dicom-rle";
            case UID.MPEG2MPML, UID.MPEG2MPHL -> "video/mpeg";
            case UID.MPEG4HP41, UID.MPEG4HP41BD, UID.MPEG4HP422D, UID.MPEG4HP423D, UID.MPEG4HP42STEREO -> "video/mp4";
            case UID.HEVCMP51, UID.HEVCM10P51 -> "video/H265";
            default -> syntax.uid().startsWith("1.2.840.10008.1.2.4.20") ? "image/jphc" : OCTET_STREAM;
        };
    }
}
