package io.pacslite.dicom.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a rendered frame as PNG, JPEG or GIF, the image formats of PS3.18 rendered resources
 * (Table 8.7.4-1): PNG with {@link PngEncoder}, JPEG and GIF with the JDK's ImageIO (whose GIF
 * writer reduces a colour image to a palette of at most 256 colours; grey images keep every level).
 */
public enum ImageOutput {
    PNG("png"),
    JPEG("jpeg"),
    GIF("gif");

    /** JPEG quality used when none is asked for (ImageIO's scale, 0 to 1). */
    public static final float DEFAULT_JPEG_QUALITY = 0.9f;

    private final String formatName;

    ImageOutput(String formatName) {
        this.formatName = formatName;
    }

    /** The format for a file name's extension: .png, .jpg / .jpeg or .gif; null for any other. */
    public static ImageOutput forFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return PNG;
        }
        if (lower.endsWith(".gif")) {
            return GIF;
        }
        return lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? JPEG : null;
    }

    /**
     * Writes {@code image}, a grey ({@link BufferedImage#TYPE_BYTE_GRAY}) or RGB
     * ({@link BufferedImage#TYPE_INT_RGB}) rendering; {@code quality} (0 to 1) applies to JPEG
     * only.
     */
    public void write(BufferedImage image, float quality, OutputStream out) throws IOException {
        if (this == PNG) {
            PngEncoder.write(image, out);
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(formatName).next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (this == JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
