package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicom.transcode.Decompression;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.server.HttpError;
import java.util.List;

/**
 * Whether an Accept header allows what the archive can send without transcoding (PS3.18
 * 8.7.3.5): parts of {@code partType} in the stored transfer syntax. A media range allows it
 * when it is {@code multipart/related} whose {@code type} includes the part type (absent:
 * the resource's default) or a range such as {@code *}{@code /*}, and whose
 * {@code transfer-syntax} is {@code *}, one of the UIDs the bytes are in, or absent.
 * An absent transfer-syntax means "the default"; the stored syntax is sent then (documented
 * in docs/dicomweb.md). {@link #target} also allows decompression to a native syntax.
 */
final class Negotiation {

    private Negotiation() {
    }

    /**
     * @param defaultPartType the part type a {@code multipart/related} range without
     *     {@code type} asks for
     * @param partType the media type the parts will have
     * @param uids the transfer syntax UIDs the bytes may be labelled with (for uncompressed
     *     frames both the stored one and Explicit VR Little Endian)
     * @throws HttpError 406 naming what can be sent
     */
    static void require(List<MediaType> accept, String defaultPartType, String partType, List<String> uids) {
        for (MediaType range : accept) {
            if (allows(range, defaultPartType, partType, uids)) {
                return;
            }
        }
        throw HttpError.notAcceptable("can send only multipart/related; type=\"" + partType + "\"; transfer-syntax="
                + uids.get(0) + " (the stored transfer syntax); frames are not transcoded yet");
    }

    /**
     * The transfer syntax to send an instance stored in {@code stored} in, for the first range
     * of {@code accept} that takes one: the stored syntax when the range allows it, else a
     * native syntax the range names and {@link Decompression} can write from the stored one
     * (PS3.18 8.7.3.5: the origin server converts when it can).
     *
     * @throws HttpError 406 naming what can be sent
     */
    static String target(List<MediaType> accept, String partType, String stored) {
        for (MediaType range : accept) {
            if (allows(range, partType, partType, List.of(stored))) {
                return stored;
            }
            String asked = range.parameter("transfer-syntax");
            if (asked != null && allows(range, partType, partType, List.of(asked))
                    && Decompression.supports(TransferSyntax.of(stored), asked)) {
                return asked;
            }
        }
        throw HttpError.notAcceptable("can send multipart/related; type=\"" + partType + "\" in transfer-syntax="
                + stored + " (the stored transfer syntax)" + (Decompression.supports(TransferSyntax.of(stored),
                        UID.ExplicitVRLittleEndian) ? " or, decompressed, " + String.join(" or ", Decompression.TARGETS)
                        : ""));
    }

    /**
     * Whether frames stored compressed in {@code stored} ({@code partType}) are to be sent
     * decompressed: the first range of {@code accept} that takes frames asks for
     * {@code application/octet-stream} in Explicit VR Little Endian (by name, or by leaving
     * {@code transfer-syntax} out, which for octet-stream frames means it, PS3.18 8.7.3.3.2)
     * rather than allowing the stored bytes.
     */
    static boolean wantsNativeFrames(List<MediaType> accept, String partType, String stored) {
        for (MediaType range : accept) {
            if (allows(range, PixelMediaTypes.OCTET_STREAM, partType, List.of(stored))) {
                return false;
            }
            String asked = range.parameter("transfer-syntax");
            if ((asked == null || asked.equals(UID.ExplicitVRLittleEndian))
                    && allows(range, PixelMediaTypes.OCTET_STREAM, PixelMediaTypes.OCTET_STREAM,
                            List.of(UID.ExplicitVRLittleEndian))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allows(MediaType range, String defaultPartType, String partType, List<String> uids) {
        String syntax = range.parameter("transfer-syntax");
        boolean syntaxFits = syntax == null || syntax.equals("*") || uids.contains(syntax);
        if (range.essence().equals("*/*") || range.essence().equals("multipart/*")) {
            return syntaxFits;
        }
        if (!range.is("multipart/related")) {
            return false;
        }
        String type = range.parameter("type");
        MediaType asked = MediaType.parse(type == null ? defaultPartType : type);
        boolean typeFits = asked.includes(partType)
                || syntax != null && syntax.equals("*") && asked.is("application/octet-stream");
        return typeFits && syntaxFits;
    }
}
