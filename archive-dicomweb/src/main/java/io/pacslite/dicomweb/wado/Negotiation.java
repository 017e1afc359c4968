package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.image.ImageFrames;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicom.transcode.Transcoder;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.server.HttpError;
import java.util.List;
import java.util.Map;

/**
 * Whether an Accept header allows what the archive can send without transcoding (PS3.18
 * 8.7.3.5): parts of {@code partType} in the stored transfer syntax. A media range allows it
 * when it is {@code multipart/related} whose {@code type} includes the part type (absent:
 * the resource's default) or a range such as {@code *}{@code /*}, and whose
 * {@code transfer-syntax} is {@code *}, one of the UIDs the bytes are in, or absent.
 * An absent transfer-syntax means "the default"; the stored syntax is sent then (documented
 * in docs/dicomweb.md). {@link #target} and {@link #frameTarget} also allow transcoding into a
 * syntax the range names ({@link Transcoder}).
 */
final class Negotiation {

    /** The syntaxes frames are transcoded into, lossless first. */
    private static final List<String> FRAME_TARGETS = List.of(UID.ExplicitVRLittleEndian, UID.JPEGLosslessSV1,
            UID.RLELossless, UID.JPEGBaseline8Bit);
    /** The default transfer syntax of each frame media type (PS3.18 Table 8.7.3-2). */
    private static final Map<String, String> FRAME_DEFAULTS = Map.of(PixelMediaTypes.OCTET_STREAM,
            UID.ExplicitVRLittleEndian, "image/jpeg", UID.JPEGBaseline8Bit, "image/dicom-rle", UID.RLELossless);

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
                + uids.get(0) + " (the stored transfer syntax), or frames transcoded into " + String.join(" or ",
                        FRAME_TARGETS));
    }

    /**
     * The transfer syntax to send an instance stored in {@code stored} in, for the first range
     * of {@code accept} that takes one: the stored syntax when the range allows it, else the
     * syntax the range names when {@link Transcoder} writes it from the stored one (PS3.18
     * 8.7.3.5: the origin server converts when it can).
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
                    && Transcoder.supports(TransferSyntax.of(stored), asked)) {
                return asked;
            }
        }
        throw HttpError.notAcceptable("can send multipart/related; type=\"" + partType + "\" in transfer-syntax="
                + stored + " (the stored transfer syntax)" + (ImageFrames.decodes(TransferSyntax.of(stored))
                        ? " or, transcoded, " + String.join(" or ", Transcoder.TARGETS) : ""));
    }

    /**
     * The transfer syntax to transcode frames stored as {@code partType} in {@code stored} into,
     * or null to send them as stored: for the first range of {@code accept} that takes frames,
     * null when it allows the stored bytes, else a syntax {@link Transcoder} writes whose media
     * type the range asks for (PS3.18 Table 8.7.3-2), named by {@code transfer-syntax} or, when
     * that is absent, the media type's default (Explicit VR Little Endian for
     * {@code application/octet-stream}, JPEG Baseline for {@code image/jpeg}, RLE Lossless for
     * {@code image/dicom-rle}, PS3.18 8.7.3.3.2, 8.7.3.4.2).
     */
    static String frameTarget(List<MediaType> accept, String partType, List<String> stored) {
        for (MediaType range : accept) {
            if (allows(range, PixelMediaTypes.OCTET_STREAM, partType, stored)) {
                return null;
            }
            String asked = range.parameter("transfer-syntax");
            for (String candidate : FRAME_TARGETS) {
                String mediaType = PixelMediaTypes.of(TransferSyntax.of(candidate));
                boolean named = asked == null ? candidate.equals(FRAME_DEFAULTS.get(mediaType)) : asked.equals(candidate);
                if (named && allows(range, PixelMediaTypes.OCTET_STREAM, mediaType, List.of(candidate))) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * The range of {@code accept} that asks for a ZIP ({@link ZipRetrieval}), or null: the first
     * range that is {@code application/zip} when no range before it takes the
     * {@code multipart/related} answer.
     */
    static MediaType zip(List<MediaType> accept) {
        for (MediaType range : accept) {
            if (range.is(ZipRetrieval.ZIP)) {
                return range;
            }
            if (range.includes("multipart/related")) {
                return null;
            }
        }
        return null;
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
