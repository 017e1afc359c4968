package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.util.Arrays;

/**
 * One scan of a JPEG-LS frame (ITU-T T.87): its components, NEAR and interleave mode from its
 * SOS header (C.2.3), and the decoding of its lines: each sample in regular mode or, where the
 * neighbourhood is flat, in run mode (A.7), one component after another in a line (ILV 1, B.2)
 * or all components of a pixel together (ILV 2, B.3); a scan of one component is ILV 0.
 *
 * <p>Each component keeps the previous line with a sample before and after it, so that the
 * neighbours at the edges are the ones A.2.1 defines: the first sample's a is the b above it and
 * its c is the a of the line above; the last sample's d is its b; the line above the first is 0.
 */
final class JpegLsScan implements JpegFrameReader.Scan {

    /** J, the order of the run lengths coded by one bit, indexed by RUNindex (T.87 A.7.1.2). */
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10,
        11, 12, 13, 14, 15};
    private static final int SAMPLE_INTERLEAVED = 2;

    private final int[] components;
    private final int near;
    private final int interleave;
    private final JpegLsParameters parameters;
    private final ImagePixel pixel;
    private EntropyCodedBits bits;
    private JpegLsContexts contexts;

    private JpegLsScan(int[] components, int near, int interleave, JpegLsParameters parameters, ImagePixel pixel) {
        this.components = components;
        this.near = near;
        this.interleave = interleave;
        this.parameters = parameters;
        this.pixel = pixel;
    }

    /** J[RUNindex]. */
    static int runLengthOrder(int runIndex) {
        return J[runIndex];
    }

    /** Reads a scan header (T.87 C.2.3) and resolves the coding parameters for its NEAR. */
    static JpegLsScan read(JpegCodestream.Segment segment, JpegFrameHeader header, JpegLsParameters preset,
            ImagePixel pixel) throws DicomException {
        int count = header.scanComponentCount(segment);
        int[] components = new int[count];
        for (int i = 0; i < count; i++) {
            components[i] = header.componentIndex(segment.uint8());
            if (segment.uint8() != 0) {
                throw new DicomException("a scan uses a mapping table (ITU-T T.87 C.2.4.1.2), which DICOM does not", -1);
            }
        }
        int near = segment.uint8();
        int interleave = segment.uint8();
        int pointTransform = segment.uint8() & 0x0F;
        if (interleave > SAMPLE_INTERLEAVED || count > 1 && interleave == 0) {
            throw new DicomException("a scan of " + count + " components has interleave mode ILV " + interleave
                    + " (ITU-T T.87 C.2.3)", -1);
        }
        if (pointTransform != 0) {
            throw new DicomException("a scan has point transform " + pointTransform + ", which DICOM does not use", -1);
        }
        return new JpegLsScan(components, near, interleave, preset.resolve(header.precision(), near), pixel);
    }

    @Override
    public int[] components() {
        return components;
    }

    @Override
    public int decode(byte[] data, int start, int[] samples) throws DicomException {
        bits = new EntropyCodedBits(data, start, EntropyCodedBits.Stuffing.BIT);
        contexts = new JpegLsContexts(bits, parameters, near);
        int columns = pixel.columns();
        int stride = pixel.samplesPerPixel();
        int[][] previous = new int[components.length][columns + 2];
        int[][] current = new int[components.length][columns + 2];
        int[] runIndex = new int[components.length];
        for (int row = 0; row < pixel.rows(); row++) {
            for (int c = 0; c < components.length; c++) {
                current[c][0] = previous[c][1];
                previous[c][columns + 1] = previous[c][columns];
            }
            if (interleave == SAMPLE_INTERLEAVED && components.length > 1) {
                decodePixels(previous, current, runIndex);
            } else {
                for (int c = 0; c < components.length; c++) {
                    decodeLine(previous[c], current[c], runIndex, c);
                }
            }
            for (int c = 0; c < components.length; c++) {
                int at = row * columns * stride + components[c];
                for (int x = 1; x <= columns; x++, at += stride) {
                    samples[at] = current[c][x];
                }
            }
            int[][] swap = previous;
            previous = current;
            current = swap;
        }
        bits.alignToByte();
        return bits.position();
    }

    /** One line of one component (ILV 0 and 1); {@code x} is a position in the line buffers, 1 for the first sample. */
    private void decodeLine(int[] previous, int[] current, int[] runIndex, int component) throws DicomException {
        int columns = pixel.columns();
        int x = 1;
        while (x <= columns) {
            int ra = current[x - 1];
            if (contexts.flat(ra, previous[x], previous[x - 1], previous[x + 1])) {
                int length = runLength(columns + 1 - x, runIndex, component);
                Arrays.fill(current, x, x + length, ra);
                x += length;
                if (x <= columns) {
                    current[x] = contexts.interruption(contexts.same(ra, previous[x]) ? 1 : 0, ra, previous[x],
                            runIndex[component]);
                    decrement(runIndex, component);
                    x++;
                }
            } else {
                current[x] = contexts.regular(ra, previous[x], previous[x - 1], previous[x + 1]);
                x++;
            }
        }
    }

    /** One line of pixels whose samples are interleaved (ILV 2): a run is of whole pixels (T.87 B.3). */
    private void decodePixels(int[][] previous, int[][] current, int[] runIndex) throws DicomException {
        int columns = pixel.columns();
        int x = 1;
        while (x <= columns) {
            boolean flat = true;
            for (int c = 0; c < components.length; c++) {
                flat &= contexts.flat(current[c][x - 1], previous[c][x], previous[c][x - 1], previous[c][x + 1]);
            }
            if (flat) {
                int length = runLength(columns + 1 - x, runIndex, 0);
                for (int c = 0; c < components.length; c++) {
                    Arrays.fill(current[c], x, x + length, current[c][x - 1]);
                }
                x += length;
                if (x <= columns) {
                    for (int c = 0; c < components.length; c++) {
                        current[c][x] = contexts.interruption(0, current[c][x - 1], previous[c][x], runIndex[0]);
                    }
                    decrement(runIndex, 0);
                    x++;
                }
            } else {
                for (int c = 0; c < components.length; c++) {
                    current[c][x] = contexts.regular(current[c][x - 1], previous[c][x], previous[c][x - 1],
                            previous[c][x + 1]);
                }
                x++;
            }
        }
    }

    /**
     * The length of a run of at most {@code remaining} samples (T.87 A.7.1.2, decoded): each 1 bit
     * a run of 2^J[RUNindex] (RUNindex then growing), or the rest of the line; a 0 bit then
     * J[RUNindex] bits of the run's remainder, before the sample that interrupts it.
     */
    private int runLength(int remaining, int[] runIndex, int index) throws DicomException {
        int length = 0;
        while (bits.readBit() == 1) {
            int block = 1 << J[runIndex[index]];
            int taken = Math.min(block, remaining - length);
            length += taken;
            if (taken == block) {
                runIndex[index] = Math.min(runIndex[index] + 1, J.length - 1);
            }
            if (length == remaining) {
                return length;
            }
        }
        length += bits.readBits(J[runIndex[index]]);
        if (length > remaining) {
            throw new DicomException("a run of " + length + " samples goes past the end of its line of " + remaining
                    + " (ITU-T T.87 A.7.1.2)", -1);
        }
        return length;
    }

    private static void decrement(int[] runIndex, int index) {
        if (runIndex[index] > 0) {
            runIndex[index]--;
        }
    }
}
