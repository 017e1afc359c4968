package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.util.Arrays;

/**
 * One scan of a sequential DCT frame with Huffman coding (ITU-T T.81 Annex F): its components
 * with their DC and AC Huffman tables and the quantization tables in force when it starts, from
 * its SOS header (B.2.3), and the decoding of its minimum coded units (A.2): of a single
 * component, one block each, in the component's own block grid (A.2.2); of several, Hi x Vi
 * blocks of each component (A.2.3). A block is its DC difference and AC coefficients (F.2.2.1,
 * F.2.2.2), dequantized (A.3.4), inverse transformed (A.3.3), and written to the pixels it
 * covers: a sample of a component sampled Hi x Vi stands for Hmax/Hi x Vmax/Vi pixels (A.1.1).
 * Each restart interval starts with DC predictions of 0 (F.2.1.3.1).
 *
 * <p>The spectral selection and successive approximation parameters (Ss, Se, Ah, Al) have fixed
 * values in sequential frames and are not read: like dcmtk, we decode scans that give other
 * values (pydicom's {@code JPEG-lossy.dcm} has Se 0).
 */
final class DctScan implements JpegFrameReader.Scan {

    /** The natural index (v * 8 + u) of each coefficient in zig-zag order (T.81 Figure A.6). */
    private static final int[] ZIGZAG = new int[64];
    /** The most blocks one minimum coded unit may have (T.81 B.2.3). */
    private static final int MAX_BLOCKS_PER_MCU = 10;

    static {
        int k = 0;
        for (int diagonal = 0; diagonal < 15; diagonal++) {
            for (int i = 0; i <= diagonal; i++) {
                int v = diagonal % 2 == 1 ? i : diagonal - i;
                int u = diagonal - v;
                if (u < 8 && v < 8) {
                    ZIGZAG[k++] = v * 8 + u;
                }
            }
        }
    }

    private final JpegFrameHeader header;
    private final int[] components;
    private final HuffmanTable[] dcTables;
    private final HuffmanTable[] acTables;
    private final int[][] quantization;
    private final int restartInterval;
    private final ImagePixel pixel;
    private final InverseDct inverseDct;
    private final int[] coefficients = new int[64];
    private final int[] block = new int[64];

    /** The natural index (v * 8 + u) of the coefficient at {@code k} in zig-zag order. */
    static int naturalIndex(int k) {
        return ZIGZAG[k];
    }

    private DctScan(JpegFrameHeader header, int[] components, HuffmanTable[] dcTables, HuffmanTable[] acTables,
            int[][] quantization, int restartInterval, ImagePixel pixel) {
        this.header = header;
        this.components = components;
        this.dcTables = dcTables;
        this.acTables = acTables;
        this.quantization = quantization;
        this.restartInterval = restartInterval;
        this.pixel = pixel;
        this.inverseDct = new InverseDct(header.precision());
    }

    /**
     * Reads a scan header (T.81 B.2.3) and checks it against the frame and the tables defined so
     * far: {@code huffman[Tc][Th]}, {@code quantization[Tq]} (64 values in zig-zag order).
     */
    static DctScan read(JpegCodestream.Segment segment, JpegFrameHeader header, HuffmanTable[][] huffman,
            int[][] quantization, int restartInterval, ImagePixel pixel) throws DicomException {
        if (header.precision() != 8 && header.precision() != 12) {
            throw new DicomException("its frame has samples of " + header.precision() + " bits; the DCT processes code"
                    + " 8 or 12 (ITU-T T.81 B.2.2)", -1);
        }
        int count = header.scanComponentCount(segment);
        int[] components = new int[count];
        HuffmanTable[] dcTables = new HuffmanTable[count];
        HuffmanTable[] acTables = new HuffmanTable[count];
        int[][] tables = new int[count][];
        int blocks = 0;
        for (int i = 0; i < count; i++) {
            components[i] = header.componentIndex(segment.uint8());
            int selectors = segment.uint8();
            dcTables[i] = HuffmanTable.selected(huffman[0], selectors >> 4, "DC");
            acTables[i] = HuffmanTable.selected(huffman[1], selectors & 0x0F, "AC");
            JpegFrameHeader.Component component = header.components()[components[i]];
            int tq = component.quantizationTable();
            if (tq > 3 || quantization[tq] == null) {
                throw new DicomException("component " + component.id() + " uses quantization table " + tq
                        + ", which no DQT segment before its scan defines", -1);
            }
            tables[i] = quantization[tq];
            blocks += component.horizontalSampling() * component.verticalSampling();
        }
        segment.uint8();
        segment.uint8();
        segment.uint8();
        if (count > 1 && blocks > MAX_BLOCKS_PER_MCU) {
            throw new DicomException("a scan interleaves " + blocks + " blocks in a minimum coded unit, more than "
                    + MAX_BLOCKS_PER_MCU + " (ITU-T T.81 B.2.3)", -1);
        }
        return new DctScan(header, components, dcTables, acTables, tables, restartInterval, pixel);
    }

    @Override
    public int[] components() {
        return components;
    }

    @Override
    public int decode(byte[] data, int start, int[] samples) throws DicomException {
        EntropyCodedBits bits = new EntropyCodedBits(data, start, EntropyCodedBits.Stuffing.BYTE);
        boolean interleaved = components.length > 1;
        int mcusPerLine;
        int mcuLines;
        if (interleaved) {
            mcusPerLine = Math.ceilDiv(pixel.columns(), 8 * header.maxHorizontalSampling());
            mcuLines = Math.ceilDiv(pixel.rows(), 8 * header.maxVerticalSampling());
        } else {
            JpegFrameHeader.Component component = header.components()[components[0]];
            mcusPerLine = Math.ceilDiv(Math.ceilDiv(pixel.columns() * component.horizontalSampling(),
                    header.maxHorizontalSampling()), 8);
            mcuLines = Math.ceilDiv(Math.ceilDiv(pixel.rows() * component.verticalSampling(),
                    header.maxVerticalSampling()), 8);
        }
        int[] predictions = new int[components.length];
        for (int mcu = 0; mcu < mcusPerLine * mcuLines; mcu++) {
            if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                bits.readRestartMarker((mcu / restartInterval - 1) & 7);
                Arrays.fill(predictions, 0);
            }
            for (int i = 0; i < components.length; i++) {
                JpegFrameHeader.Component component = header.components()[components[i]];
                int across = interleaved ? component.horizontalSampling() : 1;
                int down = interleaved ? component.verticalSampling() : 1;
                for (int y = 0; y < down; y++) {
                    for (int x = 0; x < across; x++) {
                        predictions[i] = decodeBlock(bits, i, predictions[i]);
                        inverseDct.transform(coefficients, block);
                        write(component, components[i], (mcu % mcusPerLine) * across + x, (mcu / mcusPerLine) * down + y,
                                samples);
                    }
                }
            }
        }
        bits.alignToByte();
        return bits.position();
    }

    /**
     * Decodes the next block of scan component {@code i} into {@link #coefficients}, dequantized
     * in natural order (F.2.2.1, F.2.2.2, A.3.4); returns the new DC prediction.
     */
    private int decodeBlock(EntropyCodedBits bits, int i, int prediction) throws DicomException {
        Arrays.fill(coefficients, 0);
        int[] table = quantization[i];
        int precision = header.precision();
        int category = dcTables[i].decode(bits);
        if (category > precision + 3) {
            throw new DicomException("a DC difference of category " + category + ", beyond " + (precision + 3) + " for "
                    + precision + "-bit samples (ITU-T T.81 F.1.2.1)", -1);
        }
        int dc = prediction + bits.receiveExtend(category);
        coefficients[0] = dc * table[0];
        for (int k = 1; k < 64; k++) {
            int runAndSize = acTables[i].decode(bits);
            int run = runAndSize >> 4;
            int size = runAndSize & 0x0F;
            if (size == 0) {
                if (run != 15) {
                    break;
                }
                k += 15;
                continue;
            }
            k += run;
            if (k > 63) {
                throw new DicomException("a block's AC coefficients run past the 63rd (ITU-T T.81 F.1.2.2)", -1);
            }
            if (size > precision + 2) {
                throw new DicomException("an AC coefficient of category " + size + ", beyond " + (precision + 2)
                        + " for " + precision + "-bit samples (ITU-T T.81 F.1.2.2)", -1);
            }
            coefficients[ZIGZAG[k]] = bits.receiveExtend(size) * table[k];
        }
        return dc;
    }

    /**
     * Writes {@link #block}, the block at {@code blockColumn}, {@code blockLine} of the component
     * at {@code index} in the frame, to every pixel whose sample of the component it holds:
     * pixel (x, y) takes the component's sample (x Hi / Hmax, y Vi / Vmax), rounded down.
     */
    private void write(JpegFrameHeader.Component component, int index, int blockColumn, int blockLine, int[] samples) {
        int across = component.horizontalSampling();
        int down = component.verticalSampling();
        int maxAcross = header.maxHorizontalSampling();
        int maxDown = header.maxVerticalSampling();
        int columns = pixel.columns();
        int stride = pixel.samplesPerPixel();
        for (int y = 0; y < 8; y++) {
            int line = blockLine * 8 + y;
            int top = Math.ceilDiv(line * maxDown, down);
            int bottom = Math.min(pixel.rows(), Math.ceilDiv((line + 1) * maxDown, down));
            for (int x = 0; x < 8; x++) {
                int column = blockColumn * 8 + x;
                int left = Math.ceilDiv(column * maxAcross, across);
                int right = Math.min(columns, Math.ceilDiv((column + 1) * maxAcross, across));
                int value = block[y * 8 + x];
                for (int row = top; row < bottom; row++) {
                    for (int at = (row * columns + left) * stride + index; at < (row * columns + right) * stride;
                            at += stride) {
                        samples[at] = value;
                    }
                }
            }
        }
    }
}
