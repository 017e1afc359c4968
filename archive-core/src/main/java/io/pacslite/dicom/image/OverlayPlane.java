package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One overlay plane of an image (PS3.3 C.9.2, Overlay Plane Module; C.9.3 for multi-frame
 * overlays): a bit map in repeating group 60xx, drawn white over the rendered frame where its
 * bits are 1, graphics (type G) and regions of interest (type R) alike.
 *
 * <p>Overlay Data (60xx,3000) holds the bits packed as 1-bit pixels are (PS3.5 8.1.2, 8.1.1:
 * the first bit of a frame is the least significant bit of its byte), row by row, frame after
 * frame with no padding between frames. Overlay Origin (60xx,0050) places the overlay's first
 * pixel on the image, 1\1 being its first pixel; Image Frame Origin (60xx,0051) names the
 * image frame of the overlay's first frame. Overlays embedded in the unused bits of Pixel Data
 * (retired since 2004) are not drawn.
 *
 * @param group        the 60xx group
 * @param rows         Overlay Rows
 * @param columns      Overlay Columns
 * @param top          the image row of the overlay's first row, from 0 (may be outside the image)
 * @param left         the image column of the overlay's first column, from 0
 * @param frames       Number of Frames in Overlay (1 when absent)
 * @param firstFrame   the image frame (from 0) of the overlay's first frame
 * @param data         Overlay Data, {@code byte[]} or a reference into the file
 * @param swappedWords whether the data is OW in big endian, each two bytes swapped (PS3.5 8.2)
 */
public record OverlayPlane(int group, int rows, int columns, int top, int left, int frames, int firstFrame,
        Object data, boolean swappedWords) {

    /** The overlay groups: 6000 to 601E, even (PS3.5 7.6). */
    private static final int FIRST_GROUP = 0x6000;
    private static final int LAST_GROUP = 0x601E;
    private static final int WHITE = 0xFFFFFF;

    /**
     * The overlay planes of {@code dataset} that have Overlay Data, in group order.
     *
     * @throws DicomException when a plane's data is shorter than its rows, columns and frames need
     */
    public static List<OverlayPlane> of(Attributes dataset) throws DicomException {
        List<OverlayPlane> planes = new ArrayList<>();
        for (int group = FIRST_GROUP; group <= LAST_GROUP; group += 2) {
            int shift = (group - FIRST_GROUP) << 16;
            Object data = dataset.getValue(Tag.OverlayData | shift);
            int rows = dataset.getInt(Tag.OverlayRows | shift, 0);
            int columns = dataset.getInt(Tag.OverlayColumns | shift, 0);
            if (data == null || rows <= 0 || columns <= 0
                    || dataset.getInt(Tag.OverlayBitsAllocated | shift, 1) != 1) {
                continue;
            }
            long[] origin = dataset.getLongs(Tag.OverlayOrigin | shift);
            int frames = Math.max(1, dataset.getInt(Tag.NumberOfFramesInOverlay | shift, 1));
            OverlayPlane plane = new OverlayPlane(group, rows, columns,
                    origin.length == 2 ? (int) origin[0] - 1 : 0, origin.length == 2 ? (int) origin[1] - 1 : 0,
                    frames, Math.max(1, dataset.getInt(Tag.ImageFrameOrigin | shift, 1)) - 1, data,
                    dataset.isBigEndian() && dataset.vrOf(Tag.OverlayData | shift) == VR.OW);
            long needed = ((long) rows * columns * frames + 7) / 8;
            if (PixelBytes.length(data) < needed) {
                throw new DicomException(String.format("Overlay Data (%04X,3000) has %d bytes, %d x %d bits x %d frame(s)"
                        + " need %d", group, PixelBytes.length(data), rows, columns, frames, needed), -1);
            }
            planes.add(plane);
        }
        return planes;
    }

    /** Draws the overlay's bits for image frame {@code frame} (from 0) white on {@code image}, if it has that frame. */
    public void drawOn(BufferedImage image, int frame) throws IOException {
        int index = frame - firstFrame;
        if (index < 0 || index >= frames) {
            return;
        }
        long firstBit = (long) index * rows * columns;
        long startByte = (firstBit / 8) & ~1L;
        long endByte = Math.min(PixelBytes.length(data), ((firstBit + (long) rows * columns + 7) / 8 + 1) & ~1L);
        byte[] bytes = PixelBytes.read(data, startByte, Math.toIntExact(endByte - startByte));
        int bitOffset = (int) (firstBit - startByte * 8);
        int fromRow = Math.max(0, -top);
        int toRow = Math.min(rows, image.getHeight() - top);
        int fromColumn = Math.max(0, -left);
        int toColumn = Math.min(columns, image.getWidth() - left);
        for (int r = fromRow; r < toRow; r++) {
            for (int c = fromColumn; c < toColumn; c++) {
                int bit = bitOffset + r * columns + c;
                int at = bit >>> 3;
                if ((bytes[swappedWords ? at ^ 1 : at] >>> (bit & 7) & 1) != 0) {
                    image.setRGB(left + c, top + r, WHITE);
                }
            }
        }
    }
}
