package io.pacslite.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.dict.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The attribute set: order, lookup, typed values, private creators, character set inheritance. */
class AttributesTest {

    @Test
    void keepsElementsInTagOrderWhateverTheOrderTheyArrive() {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.PatientName, VR.PN, "B");
        dataset.setString(Tag.Modality, VR.CS, "CT");
        dataset.setString(0x7FE00010, VR.OB, "x");
        dataset.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");

        assertThat(new int[] {dataset.tagAt(0), dataset.tagAt(1), dataset.tagAt(2), dataset.tagAt(3)})
                .containsExactly(Tag.SpecificCharacterSet, Tag.Modality, Tag.PatientName, 0x7FE00010);
        assertThat(dataset.remove(Tag.Modality)).isTrue();
        assertThat(dataset.contains(Tag.Modality)).isFalse();
        assertThat(dataset.size()).isEqualTo(3);
    }

    @Test
    void ordersTagsAsUnsignedNumbers() {
        Attributes dataset = new Attributes();
        dataset.set(0xFFFAFFFA, VR.SQ, new Sequence());
        dataset.setString(Tag.PatientID, VR.LO, "1");

        assertThat(dataset.tagAt(0)).isEqualTo(Tag.PatientID);
        assertThat(dataset.indexOf(0xFFFAFFFA)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "CS| ORIGINAL\\PRIMARY \\AXIAL |ORIGINAL,PRIMARY,AXIAL",
        "LO|  Hospital  |Hospital",
        "LT|  first line  |  first line",
        "UI|1.2.3\u0000|1.2.3",
        "DS| 1.5\\-2 |1.5,-2"})
    void removesOnlyThePaddingTheVRCallsInsignificant(String vr, String stored, String expected) {
        Attributes dataset = new Attributes();
        dataset.set(0x00091010, VR.valueOf(vr), stored.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(dataset.getStrings(0x00091010)).containsExactly(expected.split(","));
    }

    @Test
    void parsesNumbersFromTextAndBinaryWithTheirPadding() {
        Attributes dataset = new Attributes();
        dataset.set(Tag.InstanceNumber, VR.IS, " +12 ".getBytes());
        dataset.set(Tag.SliceThickness, VR.DS, "2.50E+00".getBytes());
        dataset.setInts(Tag.Rows, VR.US, 65535);
        dataset.setInts(Tag.PixelPaddingValue, VR.SS, -2000);

        assertThat(dataset.getInt(Tag.InstanceNumber, 0)).isEqualTo(12);
        assertThat(dataset.getDoubles(Tag.SliceThickness)).containsExactly(2.5);
        assertThat(dataset.getInt(Tag.Rows, 0)).isEqualTo(65535);
        assertThat(dataset.getInt(Tag.PixelPaddingValue, 0)).isEqualTo(-2000);
        assertThat(dataset.getInt(Tag.Columns, -1)).isEqualTo(-1);
    }

    @Test
    void findsPrivateElementsThroughTheirCreator() {
        Attributes dataset = new Attributes();
        dataset.setString(0x00290010, VR.LO, "SIEMENS CSA HEADER");
        dataset.setString(0x00290011, VR.LO, "ACME 1.0");
        dataset.setString(0x00291105, VR.LO, "acme value");

        assertThat(dataset.privateTag("ACME 1.0", 0x0029, 0x05)).isEqualTo(0x00291105);
        assertThat(dataset.getString(dataset.privateTag("ACME 1.0", 0x0029, 0x05))).isEqualTo("acme value");
        assertThat(dataset.privateCreatorOf(0x00291105)).isEqualTo("ACME 1.0");
        assertThat(dataset.privateTag("OTHER", 0x0029, 0x05)).isEqualTo(-1);
    }

    @Test
    void itemsInheritTheCharacterSetOfTheDataSetThatHoldsThem() {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        Sequence sequence = new Sequence();
        Attributes item = new Attributes();
        item.set(Tag.PatientName, VR.PN, new byte[] {'M', (byte) 0xFC, 'l', 'l', 'e', 'r', ' ', ' '});
        sequence.add(item);
        dataset.set(Tag.OtherPatientIDsSequence, VR.SQ, sequence);

        assertThat(item.parent()).isSameAs(dataset);
        assertThat(item.getString(Tag.PatientName)).isEqualTo("Müller");
    }
}
