package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The image and tile size of a JPEG 2000 codestream, read from its SIZ marker segment (ISO/IEC
 * 15444-1 A.5.1) without decoding anything, so that a frame can be checked against the Image
 * Pixel Module before a decoder allocates for it, and its tile-parts followed to its EOC marker,
 * so that a truncated codestream is refused. A frame is the codestream itself (PS3.5
 * A.4.4); a codestream in a JP2 file (ISO/IEC 15444-1 Annex I), which some writers put in
 * DICOM although PS3.5 8.2.4 says the JP2 header is not sent, is taken from its Contiguous
 * Codestream box.
 *
 * @param codestream the codestream, from its SOC marker
 * @param width {@code Xsiz - XOsiz}, the image's width on the reference grid
 * @param height {@code Ysiz - YOsiz}
 * @param tiles the number of tiles the grid has
 * @param components each component's precision {@code Ssiz}: its bit depth (1 to 38) and its sign
 */
record Jpeg2000Header(byte[] codestream, long width, long height, long tiles, Component[] components) {

    /** At most 65535 tiles: a tile's index Isot is 16 bits and 65535 is reserved (A.4.2). */
    static final int MAX_TILES = 65535;

    /** Start of codestream (A.4.1). */
    private static final int SOC = 0xFF4F;
    /** Image and tile size (A.5.1). */
    private static final int SIZ = 0xFF51;
    /** Start of tile-part (A.4.2). */
    private static final int SOT = 0xFF90;
    /** End of codestream (A.4.4). */
    private static final int EOC = 0xFFD9;
    /** The JP2 signature box: length 12, type "jP  ", contents 0D0A870A (I.5.1). */
    private static final byte[] JP2_SIGNATURE = {0, 0, 0, 12, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};
    /** The type of the Contiguous Codestream box, "jp2c" (I.5.4). */
    private static final int JP2C = 0x6A703263;

    /**
     * One component of the image.
     *
     * @param depth its bit depth, 1 to 38
     * @param signed whether its values are two's complement
     * @param subsamplingX {@code XRsiz}, 1 to 255
     * @param subsamplingY {@code YRsiz}
     */
    record Component(int depth, boolean signed, int subsamplingX, int subsamplingY) {
    }

    /**
     * Reads the SIZ segment of a frame (a codestream, or a JP2 file holding one) and follows its
     * tile-parts to its end.
     *
     * @throws DicomException if there is no codestream, its SIZ is incomplete or impossible, or
     *     the codestream is not whole
     */
    static Jpeg2000Header read(byte[] frame) throws DicomException {
        byte[] codestream = codestream(frame);
        if (codestream.length < 4 || uint16(codestream, 0) != SOC || uint16(codestream, 2) != SIZ) {
            throw new DicomException("it does not start with the SOC and SIZ markers of a JPEG 2000 codestream"
                    + " (ISO/IEC 15444-1 A.3)", -1);
        }
        if (codestream.length < 6 + 38) {
            throw new DicomException("the codestream ends inside its SIZ marker segment", -1);
        }
        int length = uint16(codestream, 4);
        int count = uint16(codestream, 4 + 36);
        if (count < 1 || count > 16384 || length != 38 + 3 * count) {
            throw new DicomException("its SIZ marker segment's length " + length + " and component count " + count
                    + " do not agree (ISO/IEC 15444-1 A.5.1)", -1);
        }
        if (codestream.length < 4 + length) {
            throw new DicomException("the codestream ends inside its SIZ marker segment", -1);
        }
        long xsiz = uint32(codestream, 8);
        long ysiz = uint32(codestream, 12);
        long xosiz = uint32(codestream, 16);
        long yosiz = uint32(codestream, 20);
        long xtsiz = uint32(codestream, 24);
        long ytsiz = uint32(codestream, 28);
        long xtosiz = uint32(codestream, 32);
        long ytosiz = uint32(codestream, 36);
        if (xsiz <= xosiz || ysiz <= yosiz) {
            throw new DicomException("its SIZ marker segment declares an image from (" + xosiz + ", " + yosiz + ") to ("
                    + xsiz + ", " + ysiz + "), which has no pixels", -1);
        }
        if (xtsiz == 0 || ytsiz == 0 || xtosiz > xosiz || ytosiz > yosiz || xtosiz + xtsiz <= xosiz
                || ytosiz + ytsiz <= yosiz) {
            throw new DicomException("its SIZ marker segment declares tiles of " + xtsiz + " x " + ytsiz + " from ("
                    + xtosiz + ", " + ytosiz + ") that do not cover the image from (" + xosiz + ", " + yosiz
                    + ") (ISO/IEC 15444-1 B.3)", -1);
        }
        long tiles = ceilDiv(xsiz - xtosiz, xtsiz) * ceilDiv(ysiz - ytosiz, ytsiz);
        Component[] components = new Component[count];
        for (int i = 0; i < count; i++) {
            int at = 4 + 38 + 3 * i;
            int ssiz = codestream[at] & 0xFF;
            components[i] = new Component((ssiz & 0x7F) + 1, (ssiz & 0x80) != 0, codestream[at + 1] & 0xFF,
                    codestream[at + 2] & 0xFF);
        }
        return new Jpeg2000Header(checkTileParts(codestream, 4 + length), xsiz - xosiz, ysiz - yosiz, tiles,
                components);
    }

    /**
     * The codestream, checked to be whole, with the tile-part counts of its SOT marker segments
     * (TNsot, A.4.2) made true where a writer set them one short.
     *
     * <p>Whole: the main header's marker segments lead to a first SOT; each tile-part's length
     * (Psot) leads to the next SOT or to the EOC marker (A.4.4), which must be there; a
     * tile-part of length 0 (the last, A.4.2) must be followed by EOC at the codestream's end
     * (bytes after EOC, such as a fragment's padding, are ignored). JJ2000 decodes a truncated
     * codestream as far as it goes without a word, as progressive decoding allows, so a frame cut
     * short would otherwise come out as a blurred image.
     *
     * <p>Counts: some writers number the tile-parts of a tile 0 to N but give N as their count
     * (GDCM's {@code GDCMJ2K_TextGBR.dcm}: 6 tile-parts per tile that say 5); JJ2000 then stops
     * before the last ones and decodes a lossy image. OpenJPEG corrects such counts; so do we, on
     * a copy.
     *
     * @param mainHeader where the marker segments after SIZ start
     * @throws DicomException if the codestream is not whole
     */
    private static byte[] checkTileParts(byte[] codestream, int mainHeader) throws DicomException {
        int end = codestream.length;
        int at = mainHeader;
        while (true) {
            if (at + 4 > end) {
                throw new DicomException("the codestream ends in its main header, before any tile-part", -1);
            }
            int marker = uint16(codestream, at);
            if (marker == SOT) {
                break;
            }
            if ((marker & 0xFF00) != 0xFF00 || marker < 0xFF30) {
                throw new DicomException("its main header has " + hex(marker) + " at byte " + at
                        + " where a marker segment should start (ISO/IEC 15444-1 A.4.1)", -1);
            }
            at += 2 + uint16(codestream, at + 2);
        }
        Map<Integer, List<Integer>> tileParts = new HashMap<>();
        while (at + 2 <= end && uint16(codestream, at) == SOT) {
            if (at + 12 > end) {
                throw new DicomException("the codestream ends in the SOT marker segment at byte " + at, -1);
            }
            int tile = uint16(codestream, at + 4);
            long length = uint32(codestream, at + 6);
            tileParts.computeIfAbsent(tile, t -> new ArrayList<>()).add(at);
            if (length == 0) {
                int last = end;
                while (last > at && codestream[last - 1] == 0) {
                    last--;
                }
                if (last - at < 14 || uint16(codestream, last - 2) != EOC) {
                    throw new DicomException("its last tile-part (tile " + tile + ") runs to the codestream's end, which"
                            + " is not an EOC marker: truncated (ISO/IEC 15444-1 A.4.2)", -1);
                }
                at = last - 2;
                break;
            }
            if (length < 14 || at + length > end) {
                throw new DicomException("its tile-part at byte " + at + " (tile " + tile + ") is " + length
                        + " bytes long, past the codestream's end at " + end + ": truncated", -1);
            }
            at += (int) length;
        }
        if (at + 2 > end || uint16(codestream, at) != EOC) {
            throw new DicomException("no EOC marker follows its last tile-part at byte " + at
                    + ": truncated (ISO/IEC 15444-1 A.4.4)", -1);
        }
        byte[] corrected = codestream;
        for (List<Integer> parts : tileParts.values()) {
            for (int part = 0; part < parts.size(); part++) {
                int count = codestream[parts.get(part) + 11] & 0xFF;
                if ((codestream[parts.get(part) + 10] & 0xFF) != part) {
                    return corrected;
                }
                if (count != 0 && count < parts.size()) {
                    if (corrected == codestream) {
                        corrected = codestream.clone();
                    }
                    corrected[parts.get(part) + 11] = (byte) parts.size();
                }
            }
        }
        return corrected;
    }

    private static String hex(int marker) {
        return String.format("%04X", marker);
    }

    /** The codestream of a frame: the frame itself, or the contents of a JP2 file's first codestream box. */
    private static byte[] codestream(byte[] frame) throws DicomException {
        if (frame.length < JP2_SIGNATURE.length
                || !Arrays.equals(frame, 0, JP2_SIGNATURE.length, JP2_SIGNATURE, 0, JP2_SIGNATURE.length)) {
            return frame;
        }
        long at = 0;
        while (at + 8 <= frame.length) {
            long length = uint32(frame, (int) at);
            int type = (int) uint32(frame, (int) at + 4);
            long header = 8;
            if (length == 1) {
                if (at + 16 > frame.length) {
                    break;
                }
                length = (uint32(frame, (int) at + 8) << 32) | uint32(frame, (int) at + 12);
                header = 16;
            } else if (length == 0) {
                length = frame.length - at;
            }
            if (length < header || at + length > frame.length) {
                if (type == JP2C) {
                    throw new DicomException("its JP2 Contiguous Codestream box of " + length + " bytes goes past the"
                            + " frame's end", -1);
                }
                break;
            }
            if (type == JP2C) {
                return Arrays.copyOfRange(frame, (int) (at + header), (int) (at + length));
            }
            at += length;
        }
        throw new DicomException("it is a JP2 file without a Contiguous Codestream box (ISO/IEC 15444-1 I.5.4)", -1);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int uint16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    private static long uint32(byte[] bytes, int at) {
        return (long) uint16(bytes, at) << 16 | uint16(bytes, at + 2);
    }
}
