package io.pacslite.dicomweb.wado;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The {@code viewport} parameter of rendered resources (PS3.18 8.3.5.1.3):
 * {@code vw,vh[,sx,sy,sw,sh]}. The source region (the whole image when absent; a negative
 * width or height flips it) is scaled to fit a {@code vw} by {@code vh} viewport, keeping its
 * aspect ratio, so one side of the result equals the viewport's and the other is at most it.
 *
 * @param width  viewport width, 1 to {@link #MAX_SIDE}
 * @param height viewport height, 1 to {@link #MAX_SIDE}
 * @param sx     source region left column (0 when absent)
 * @param sy     source region top row (0 when absent)
 * @param sw     source region width, negative to flip left-right (0: to the image's right edge)
 * @param sh     source region height, negative to flip top-bottom (0: to the image's bottom)
 */
record Viewport(int width, int height, int sx, int sy, int sw, int sh) {

    /** Larger viewports are refused: a rendered image is for a screen. */
    static final int MAX_SIDE = 8192;

    Viewport {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("viewport width and height must be 1 to " + MAX_SIDE);
        }
        if (sx < 0 || sy < 0) {
            throw new IllegalArgumentException("the source region must start inside the image");
        }
    }

    /** A viewport of {@code side} by {@code side} for the whole image (thumbnails). */
    static Viewport square(int side) {
        return new Viewport(side, side, 0, 0, 0, 0);
    }

    /**
     * Parses {@code vw,vh} or {@code vw,vh,sx,sy,sw,sh}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Viewport parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2 && parts.length != 6) {
            throw new IllegalArgumentException("viewport is vw,vh or vw,vh,sx,sy,sw,sh, not \"" + text + "\"");
        }
        int[] values = new int[6];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("viewport values must be integers: \"" + text + "\"");
            }
        }
        return new Viewport(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    /**
     * The source region of {@code image} scaled to fit; grey images stay grey.
     *
     * @throws IllegalArgumentException if the source region lies outside the image
     */
    BufferedImage apply(BufferedImage image) {
        if (sx >= image.getWidth() || sy >= image.getHeight()) {
            throw new IllegalArgumentException("the source region starts outside the " + image.getWidth() + "x"
                    + image.getHeight() + " image");
        }
        int regionWidth = Math.min(sw == 0 ? image.getWidth() - sx : Math.abs(sw), image.getWidth() - sx);
        int regionHeight = Math.min(sh == 0 ? image.getHeight() - sy : Math.abs(sh), image.getHeight() - sy);
        double scale = Math.min((double) width / regionWidth, (double) height / regionHeight);
        int outWidth = Math.max(1, (int) Math.round(regionWidth * scale));
        int outHeight = Math.max(1, (int) Math.round(regionHeight * scale));
        BufferedImage out = new BufferedImage(outWidth, outHeight, image.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, scale < 1
                    ? RenderingHints.VALUE_INTERPOLATION_BILINEAR : RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            int left = sw < 0 ? outWidth : 0;
            int top = sh < 0 ? outHeight : 0;
            g.drawImage(image, left, top, outWidth - left, outHeight - top, sx, sy, sx + regionWidth, sy + regionHeight,
                    null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
