package io.pacslite.dicom.transcode;

import java.util.Arrays;

/**
 * A Huffman table built for the symbol frequencies of the data it codes (ITU-T T.81 Annex K.2):
 * code sizes by Figure K.1 (a reserved symbol keeps any code from being all 1 bits), limited to
 * 16 bits by Figure K.3, values sorted by code size (K.2), and the codes generated as Annex C
 * says (Figures C.1 to C.3).
 */
final class HuffmanCodes {

    private static final int MAX_LENGTH = 16;

    /** Number of codes of each length 1 to 16 (BITS), index 0 unused. */
    private final int[] counts;
    /** The symbols in order of code (HUFFVAL). */
    private final int[] values;
    /** The code of each symbol (EHUFCO). */
    private final int[] codes;
    /** The length in bits of each symbol's code (EHUFSI), 0 for a symbol that never occurs. */
    private final int[] sizes;

    private HuffmanCodes(int[] counts, int[] values, int symbols) {
        this.counts = counts;
        this.values = values;
        this.codes = new int[symbols];
        this.sizes = new int[symbols];
        int code = 0;
        int k = 0;
        for (int length = 1; length <= MAX_LENGTH; length++) {
            for (int i = 0; i < counts[length]; i++, k++) {
                codes[values[k]] = code++;
                sizes[values[k]] = length;
            }
            code <<= 1;
        }
    }

    /** The table for symbols 0 to {@code frequencies.length - 1} occurring that often; at least one occurs. */
    static HuffmanCodes optimal(long[] frequencies) {
        int symbols = frequencies.length;
        long[] frequency = Arrays.copyOf(frequencies, symbols + 1);
        frequency[symbols] = 1;
        int[] codeSize = new int[symbols + 1];
        int[] others = new int[symbols + 1];
        Arrays.fill(others, -1);
        while (true) {
            int v1 = leastFrequent(frequency, -1);
            int v2 = leastFrequent(frequency, v1);
            if (v2 < 0) {
                break;
            }
            frequency[v1] += frequency[v2];
            frequency[v2] = 0;
            for (codeSize[v1]++; others[v1] != -1; codeSize[v1]++) {
                v1 = others[v1];
            }
            others[v1] = v2;
            for (codeSize[v2]++; others[v2] != -1; codeSize[v2]++) {
                v2 = others[v2];
            }
        }
        int[] counts = new int[2 * MAX_LENGTH + 1];
        for (int size : codeSize) {
            if (size > 0) {
                counts[size]++;
            }
        }
        limitLengths(counts);
        int[] values = new int[symbols];
        int k = 0;
        for (int length = 1; length <= 2 * MAX_LENGTH; length++) {
            for (int symbol = 0; symbol < symbols; symbol++) {
                if (codeSize[symbol] == length) {
                    values[k++] = symbol;
                }
            }
        }
        return new HuffmanCodes(Arrays.copyOf(counts, MAX_LENGTH + 1), Arrays.copyOf(values, k), symbols);
    }

    /** The symbol of least non-zero frequency other than {@code except}, the largest on a tie; -1 if none. */
    private static int leastFrequent(long[] frequency, int except) {
        int least = -1;
        for (int symbol = 0; symbol < frequency.length; symbol++) {
            if (symbol != except && frequency[symbol] > 0
                    && (least < 0 || frequency[symbol] <= frequency[least])) {
                least = symbol;
            }
        }
        return least;
    }

    /** Figure K.3: no code longer than 16 bits, then the reserved symbol's code taken out. */
    private static void limitLengths(int[] counts) {
        for (int length = 2 * MAX_LENGTH; length > MAX_LENGTH; length--) {
            while (counts[length] > 0) {
                int j = length - 2;
                while (counts[j] == 0) {
                    j--;
                }
                counts[length] -= 2;
                counts[length - 1]++;
                counts[j + 1] += 2;
                counts[j]--;
            }
        }
        int length = MAX_LENGTH;
        while (counts[length] == 0) {
            length--;
        }
        counts[length]--;
    }

    /** BITS, the number of codes of each length 1 to 16 (index 0 unused). */
    int[] counts() {
        return counts;
    }

    /** HUFFVAL, the symbols in order of code. */
    int[] values() {
        return values;
    }

    int code(int symbol) {
        return codes[symbol];
    }

    int size(int symbol) {
        return sizes[symbol];
    }
}
