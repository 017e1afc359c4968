package io.pacslite.dicom.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes the two kinds of image the renderer makes, 8-bit grey ({@link BufferedImage#TYPE_BYTE_GRAY})
 * and 8-bit RGB ({@link BufferedImage#TYPE_INT_RGB}), as PNG (ISO/IEC 15948, the W3C PNG
 * specification): the signature, IHDR (bit depth 8, colour type 0 or 2, no interlace), IDAT
 * chunks of the zlib stream (the JDK's {@link Deflater}), IEND.
 *
 * <p>Why not ImageIO's PNG writer: a profile of {@code /rendered} showed it spending more time
 * than the whole grey pipeline, copying each row into an {@code int[]} and trying the five
 * filters on every row. Here every row uses filter type 2, Up (PNG 9.2: the byte above
 * subtracted), which suits the smooth rows of medical images, and deflate runs at its fastest
 * level; the image is read straight from its data buffer.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int FILTER_UP = 2;
    private static final int COLOUR_GREY = 0;
    private static final int COLOUR_RGB = 2;
    /** The largest IDAT chunk written; a decoder joins them (PNG 11.2.4). */
    private static final int CHUNK = 64 * 1024;

    private PngEncoder() {
    }

    /**
     * Writes {@code image} to {@code out}.
     *
     * @throws IllegalArgumentException for an image of another type than the two above
     */
    static void write(BufferedImage image, OutputStream out) throws IOException {
        boolean grey = switch (image.getType()) {
            case BufferedImage.TYPE_BYTE_GRAY -> true;
            case BufferedImage.TYPE_INT_RGB -> false;
            default -> throw new IllegalArgumentException("PNG is written from 8-bit grey or RGB images, not type "
                    + image.getType());
        };
        int width = image.getWidth();
        int height = image.getHeight();
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;
        header[9] = (byte) (grey ? COLOUR_GREY : COLOUR_RGB);
        chunk(data, "IHDR", header, header.length);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(grey ? filteredGrey(image) : filteredRgb(image));
            deflater.finish();
            byte[] buffer = new byte[CHUNK];
            while (!deflater.finished()) {
                int length = deflater.deflate(buffer);
                if (length > 0) {
                    chunk(data, "IDAT", buffer, length);
                }
            }
        } finally {
            deflater.end();
        }
        chunk(data, "IEND", new byte[0], 0);
        data.flush();
    }

    /** The scanlines of a grey image, each a filter-type byte and the row filtered by Up. */
    private static byte[] filteredGrey(BufferedImage image) {
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] lines = new byte[(width + 1) * height];
        for (int y = 0, at = 0; y < height; y++) {
            lines[at++] = FILTER_UP;
            int row = y * width;
            if (y == 0) {
                System.arraycopy(pixels, 0, lines, at, width);
                at += width;
            } else {
                for (int x = 0; x < width; x++) {
                    lines[at++] = (byte) (pixels[row + x] - pixels[row - width + x]);
                }
            }
        }
        return lines;
    }

    /** The scanlines of an RGB image, as {@link #filteredGrey} with three bytes a pixel. */
    private static byte[] filteredRgb(BufferedImage image) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] lines = new byte[(3 * width + 1) * height];
        for (int y = 0, at = 0; y < height; y++) {
            lines[at++] = FILTER_UP;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int rgb = pixels[row + x];
                int above = y == 0 ? 0 : pixels[row - width + x];
                lines[at++] = (byte) ((rgb >>> 16) - (above >>> 16));
                lines[at++] = (byte) ((rgb >>> 8) - (above >>> 8));
                lines[at++] = (byte) (rgb - above);
            }
        }
        return lines;
    }

    /** A chunk: its length, type, data and the CRC of type and data (PNG 5.3). */
    private static void chunk(DataOutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        out.writeInt(length);
        out.write(name);
        out.write(data, 0, length);
        out.writeInt((int) crc.getValue());
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
