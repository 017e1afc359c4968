package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;

/**
 * One scan of a lossless JPEG frame (ITU-T T.81 Annex H): its components, the predictor Ss
 * (Table H.1) and the point transform Al from its SOS header (B.2.3), and the decoding of its
 * differences (H.2, coded as the DC differences of F.1.2.1 with SSSS up to 16) into samples,
 * which are then shifted left by the point transform.
 */
final class LosslessScan implements JpegFrameReader.Scan {

    private final int[] components;
    private final HuffmanTable[] tables;
    private final int predictor;
    private final int pointTransform;
    private final int precision;
    private final int restartInterval;
    private final ImagePixel pixel;

    private LosslessScan(int[] components, HuffmanTable[] tables, int predictor, int pointTransform, int precision,
            int restartInterval, ImagePixel pixel) {
        this.components = components;
        this.tables = tables;
        this.predictor = predictor;
        this.pointTransform = pointTransform;
        this.precision = precision;
        this.restartInterval = restartInterval;
        this.pixel = pixel;
    }

    /** Reads a scan header (T.81 B.2.3) and checks it against the frame and the tables defined so far. */
    static LosslessScan read(JpegCodestream.Segment segment, JpegFrameHeader header, HuffmanTable[] defined,
            int restartInterval, ImagePixel pixel) throws DicomException {
        int count = header.scanComponentCount(segment);
        int[] components = new int[count];
        HuffmanTable[] tables = new HuffmanTable[count];
        for (int i = 0; i < count; i++) {
            components[i] = header.componentIndex(segment.uint8());
            tables[i] = HuffmanTable.selected(defined, segment.uint8() >> 4, "");
        }
        int predictor = segment.uint8();
        segment.uint8();
        int pointTransform = segment.uint8() & 0x0F;
        if (predictor < 1 || predictor > 7) {
            throw new DicomException("a scan has predictor (Ss) " + predictor + ", not 1 to 7 (ITU-T T.81 Table H.1)", -1);
        }
        if (pointTransform >= header.precision()) {
            throw new DicomException("a scan's point transform " + pointTransform + " leaves no bits of "
                    + header.precision(), -1);
        }
        if (restartInterval % pixel.columns() != 0) {
            throw new DicomException("a restart interval of " + restartInterval + " is not a number of whole lines of "
                    + pixel.columns() + " (ITU-T T.81 H.1.2.1)", -1);
        }
        return new LosslessScan(components, tables, predictor, pointTransform, header.precision(), restartInterval, pixel);
    }

    @Override
    public int[] components() {
        return components;
    }

    @Override
    public int decode(byte[] data, int start, int[] samples) throws DicomException {
        EntropyCodedBits bits = new EntropyCodedBits(data, start, EntropyCodedBits.Stuffing.BYTE);
        int columns = pixel.columns();
        int stride = pixel.samplesPerPixel();
        int linesPerInterval = restartInterval == 0 ? Integer.MAX_VALUE : restartInterval / columns;
        int firstPrediction = 1 << (precision - pointTransform - 1);
        for (int row = 0; row < pixel.rows(); row++) {
            boolean firstLine = row % linesPerInterval == 0;
            if (firstLine && row > 0) {
                bits.readRestartMarker((row / linesPerInterval - 1) & 7);
            }
            for (int column = 0; column < columns; column++) {
                int pixelIndex = row * columns + column;
                for (int c = 0; c < components.length; c++) {
                    int at = pixelIndex * stride + components[c];
                    int prediction;
                    if (firstLine) {
                        prediction = column == 0 ? firstPrediction : samples[at - stride];
                    } else if (column == 0) {
                        prediction = samples[at - columns * stride];
                    } else {
                        prediction = predict(samples[at - stride], samples[at - columns * stride],
                                samples[at - (columns + 1) * stride]);
                    }
                    samples[at] = (prediction + difference(bits, tables[c])) & 0xFFFF;
                }
            }
        }
        bits.alignToByte();
        if (pointTransform > 0) {
            for (int i = 0; i < pixel.pixelsPerFrame(); i++) {
                for (int component : components) {
                    samples[i * stride + component] <<= pointTransform;
                }
            }
        }
        return bits.position();
    }

    /** The prediction of Table H.1 from the samples to the left (a), above (b) and above left (c). */
    private int predict(int a, int b, int c) {
        return switch (predictor) {
            case 1 -> a;
            case 2 -> b;
            case 3 -> c;
            case 4 -> a + b - c;
            case 5 -> a + ((b - c) >> 1);
            case 6 -> b + ((a - c) >> 1);
            default -> (a + b) >> 1;
        };
    }

    /** A difference: its category SSSS (Table H.2) Huffman coded, then SSSS bits, EXTENDed (F.2.2.1); 16 means 32768. */
    private static int difference(EntropyCodedBits bits, HuffmanTable table) throws DicomException {
        int category = table.decode(bits);
        if (category == 16) {
            return 32768;
        }
        if (category > 16) {
            throw new DicomException("a difference of category " + category + ", beyond 16 (ITU-T T.81 Table H.2)", -1);
        }
        return bits.receiveExtend(category);
    }
}
