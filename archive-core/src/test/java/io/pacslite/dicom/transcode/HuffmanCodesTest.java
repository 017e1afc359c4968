package io.pacslite.dicom.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HuffmanCodes}: T.81 K.2 code sizes, limited to 16 bits, prefix-free, none all 1 bits. */
class HuffmanCodesTest {

    @Test
    void givesShorterCodesToMoreFrequentSymbols() {
        HuffmanCodes codes = HuffmanCodes.optimal(new long[] {1000, 10, 500, 0, 10});

        assertThat(codes.size(0)).isLessThanOrEqualTo(codes.size(2)).isLessThan(codes.size(1));
        assertThat(codes.size(3)).as("a symbol that never occurs has no code").isZero();
        assertThat(codes.values()).containsExactlyInAnyOrder(0, 1, 2, 4);
        assertPrefixFreeWithoutAllOnes(codes, 5);
    }

    @Test
    void limitsCodesTo16BitsWhenFrequenciesWouldNeedLonger() {
        // Each symbol three times as frequent as the one before: every merge takes the tree so far
        // and the next symbol, so symbol 0 and the reserved one would get 17 bits (K.1).
        long[] powersOfThree = new long[17];
        powersOfThree[0] = 1;
        for (int i = 1; i < powersOfThree.length; i++) {
            powersOfThree[i] = 3 * powersOfThree[i - 1];
        }

        HuffmanCodes codes = HuffmanCodes.optimal(powersOfThree);

        int longest = 0;
        for (int symbol = 0; symbol < powersOfThree.length; symbol++) {
            longest = Math.max(longest, codes.size(symbol));
        }
        assertThat(longest).isEqualTo(16);
        assertThat(codes.size(16)).isEqualTo(1);
        assertPrefixFreeWithoutAllOnes(codes, powersOfThree.length);
    }

    @Test
    void codesASingleSymbol() {
        HuffmanCodes codes = HuffmanCodes.optimal(new long[] {0, 0, 7});

        assertThat(codes.size(2)).isEqualTo(1);
        assertThat(codes.code(2)).isZero();
    }

    private static void assertPrefixFreeWithoutAllOnes(HuffmanCodes codes, int symbols) {
        List<String> words = new ArrayList<>();
        for (int symbol = 0; symbol < symbols; symbol++) {
            if (codes.size(symbol) > 0) {
                String bits = Integer.toBinaryString(codes.code(symbol) | 1 << codes.size(symbol)).substring(1);
                assertThat(bits).as("symbol " + symbol).contains("0");
                words.add(bits);
            }
        }
        for (String a : words) {
            for (String b : words) {
                if (a != b) {
                    assertThat(b).doesNotStartWith(a);
                }
            }
        }
        int total = 0;
        for (int length = 1; length <= 16; length++) {
            total += codes.counts()[length];
        }
        assertThat(total).isEqualTo(words.size());
    }
}
