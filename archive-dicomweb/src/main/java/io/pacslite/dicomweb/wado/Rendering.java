package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.image.FrameRenderer;
import io.pacslite.dicom.image.ImageFrames;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicomweb.server.HttpError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A stored image's frames rendered for a screen: the pixel pipeline of PS3.3 C.11
 * ({@link FrameRenderer}), then the viewport (PS3.18 9.5.2: the viewport applies last), then
 * the annotation text (at the size asked for), then JPEG, PNG or GIF. For the rendered and thumbnail resources of WADO-RS and for WADO-URI. The
 * frames are found once ({@link #of}), however many are rendered.
 */
record Rendering(StoredDataset stored, ImageFrames frames) {

    /**
     * The frames of {@code stored}, ready to render.
     *
     * @throws HttpError 406 when its pixel data cannot be decoded here (its transfer syntax)
     */
    static Rendering of(StoredDataset stored) throws IOException {
        try {
            return new Rendering(stored, ImageFrames.of(stored.file()));
        } catch (DicomException e) {
            throw cannotRender(stored, e);
        }
    }

    /** Whether the stored instance has pixels to render: Pixel Data that is not a video stream. */
    static boolean isImage(StoredDataset stored) {
        return stored.dataset().contains(Tag.PixelData) && !PixelMediaTypes.isVideo(stored.file().transferSyntax());
    }

    /**
     * Frame {@code number} (from 1) as {@code type}.
     *
     * @throws HttpError 406 when the frame cannot be decoded (a broken image), 400 when the
     *     viewport's source region misses the image
     */
    byte[] frame(int number, RenderingParameters parameters, RenderedMediaType type) throws IOException {
        BufferedImage image;
        try {
            image = FrameRenderer.render(frames, number - 1, parameters.options());
        } catch (DicomException e) {
            throw cannotRender(stored, e);
        }
        if (parameters.viewport() != null) {
            try {
                image = parameters.viewport().apply(image);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("viewport: " + e.getMessage());
            }
        }
        if (parameters.annotation() != null) {
            parameters.annotation().drawOn(image, stored.dataset(), number, parameters.window());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
        type.output().write(image, parameters.quality() / 100f, out);
        return out.toByteArray();
    }

    /** The number of frames of a stored image (1 for a single-frame one), from its data set alone. */
    static int frameCount(StoredDataset stored) {
        return Math.max(stored.dataset().getInt(Tag.NumberOfFrames, 1), 1);
    }

    private static HttpError cannotRender(StoredDataset stored, DicomException e) {
        return HttpError.notAcceptable("instance " + stored.instance().sopUid() + " cannot be rendered: "
                + e.getMessage());
    }
}
