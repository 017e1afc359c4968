package io.pacslite.dimse.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Encoded command sets match layouts written by hand from PS3.7 section 6.3.1 and Table 9.3-12. */
class CommandCodecStandardLayoutTest {

    @Test
    void encodesCEchoRqAsImplicitVrLittleEndianWithGroupLength() {
        byte[] expected = bytes(
                // (0000,0000) UL, length 4, value 56 = 0x38: the four elements below,
                // each 8 bytes of tag and length plus its value: (8+18) + (8+2) * 3 = 56
                0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x38, 0x00, 0x00, 0x00,
                // (0000,0002) UI, length 18: "1.2.840.10008.1.1" padded with one NUL
                0x00, 0x00, 0x02, 0x00, 0x12, 0x00, 0x00, 0x00,
                '1', '.', '2', '.', '8', '4', '0', '.', '1', '0', '0', '0', '8', '.', '1', '.', '1', 0x00,
                // (0000,0100) US, length 2: C-ECHO-RQ 0030H
                0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x30, 0x00,
                // (0000,0110) US, length 2: Message ID 7
                0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x07, 0x00,
                // (0000,0800) US, length 2: no data set, 0101H
                0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01);

        assertThat(CommandCodec.encode(new CEchoRq(7, "1.2.840.10008.1.1"))).containsExactly(expected);
    }

    @Test
    void encodesCStoreRspGroupLengthOverOptionalFields() {
        byte[] encoded = CommandCodec.encode(new CStoreRsp(2, null, null, Status.OUT_OF_RESOURCES, "full"));

        // (0000,0100), (0000,0120), (0000,0800), (0000,0900) at 10 bytes each, (0000,0902) "full" at 12
        assertThat(encoded).hasSize(12 + 52);
        assertThat(encoded[8]).isEqualTo((byte) 52);
        // Status A700H, little endian, in the element before the last
        assertThat(encoded).containsSequence(0x00, 0x00, 0x00, 0x09, 0x02, 0x00, 0x00, 0x00, 0x00, 0xA7);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
