package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.image.ImageOutput;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.server.HttpError;
import java.util.Comparator;
import java.util.List;

/**
 * The rendered image media types served (PS3.18 8.7.4, Table 8.7.4-1): JPEG, the default, PNG
 * and GIF. (Video instances are passed through as their stream's own type; see
 * {@link RenderedService}.)
 */
enum RenderedMediaType {
    JPEG("image/jpeg", ImageOutput.JPEG),
    PNG("image/png", ImageOutput.PNG),
    GIF("image/gif", ImageOutput.GIF);

    private final String essence;
    private final ImageOutput output;

    RenderedMediaType(String essence, ImageOutput output) {
        this.essence = essence;
        this.output = output;
    }

    String essence() {
        return essence;
    }

    ImageOutput output() {
        return output;
    }

    /**
     * The media type for a request's acceptable types, best first by quality: the
     * {@code accept} query parameter when present (PS3.18 8.3.3.1), else the Accept header. A
     * range that takes both ({@code *}{@code /*}, {@code image/*}) gets JPEG;
     * {@code multipart/related; type="image/png"} counts as PNG.
     *
     * @throws HttpError 406 when none of the ranges takes JPEG, PNG or GIF
     */
    static RenderedMediaType select(List<MediaType> acceptable) {
        List<MediaType> ranges = acceptable.stream()
                .sorted(Comparator.comparingDouble(MediaType::quality).reversed()).toList();
        for (MediaType range : ranges) {
            MediaType single = range.is("multipart/related") && range.parameter("type") != null
                    ? MediaType.parse(range.parameter("type")) : range;
            for (RenderedMediaType type : values()) {
                if (range.quality() > 0 && single.includes(type.essence)) {
                    return type;
                }
            }
        }
        throw HttpError.notAcceptable("rendered resources are served as image/jpeg, image/png or image/gif");
    }
}
