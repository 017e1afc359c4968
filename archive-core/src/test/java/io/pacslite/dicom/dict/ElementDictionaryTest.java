package io.pacslite.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.VR;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {

    @Test
    void knowsPatientName() {
        assertThat(ElementDictionary.tagOf("PatientName")).isEqualTo(0x00100010).isEqualTo(Tag.PatientName);
        assertThat(ElementDictionary.vrOf(0x00100010)).isEqualTo(VR.PN);
        assertThat(ElementDictionary.keywordOf(0x00100010)).isEqualTo("PatientName");
        assertThat(ElementDictionary.nameOf(0x00100010)).isEqualTo("Patient's Name");
        assertThat(ElementDictionary.vmOf(0x00100010)).isEqualTo("1");
        assertThat(ElementDictionary.isKnown(0x00100010)).isTrue();
        assertThat(ElementDictionary.isRetired(0x00100010)).isFalse();
    }

    @Test
    void givesAllVrAlternativesFirstOneAsDefault() {
        assertThat(ElementDictionary.vrsOf(0x7FE00010)).containsExactly(VR.OB, VR.OW);
        assertThat(ElementDictionary.vrOf(0x7FE00010)).isEqualTo(VR.OB);
        assertThat(ElementDictionary.vrsOf(0x00280106)).containsExactly(VR.US, VR.SS);
        assertThat(ElementDictionary.vrsOf(0x00281200)).containsExactly(VR.US, VR.SS, VR.OW);
    }

    @Test
    void matchesRepeatingGroupsAsMasks() {
        assertThat(ElementDictionary.keywordOf(0x60023000)).isEqualTo("OverlayData");
        assertThat(ElementDictionary.vrsOf(0x60023000)).containsExactly(VR.OB, VR.OW);
        assertThat(ElementDictionary.keywordOf(0x50100010)).isEqualTo("NumberOfPoints");
        assertThat(ElementDictionary.isRetired(0x50100010)).isTrue();
        assertThat(ElementDictionary.keywordOf(0x00203105)).isEqualTo("SourceImageIDs");
        assertThat(ElementDictionary.keywordOf(0x10100123)).isEqualTo("ZonalMap");
        assertThat(ElementDictionary.vrOf(0x10100123)).isEqualTo(VR.US);
        assertThat(ElementDictionary.keywordOf(0x00280410)).isEqualTo("RowsForNthOrderCoefficients");
        assertThat(ElementDictionary.tagOf("OverlayData")).isEqualTo(0x60003000).isEqualTo(Tag.OverlayData);
    }

    @Test
    void knowsCommandElements() {
        assertThat(ElementDictionary.keywordOf(0x00000100)).isEqualTo("CommandField");
        assertThat(ElementDictionary.vrOf(0x00000100)).isEqualTo(VR.US);
        assertThat(ElementDictionary.keywordOf(0x00000900)).isEqualTo("Status");
        assertThat(ElementDictionary.vrOf(0x00000900)).isEqualTo(VR.US);
        assertThat(ElementDictionary.vrOf(0x00000901)).isEqualTo(VR.AT);
        assertThat(ElementDictionary.vrOf(0x00001030)).isEqualTo(VR.AE);
        assertThat(ElementDictionary.isRetired(0x00000001)).isTrue();
    }

    @Test
    void groupLengthIsUlEvenWhereAMaskCoversTheGroup() {
        assertThat(ElementDictionary.vrOf(0x00090000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.vrOf(0x00280000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.vrsOf(0x00280000)).containsExactly(VR.UL);
        assertThat(ElementDictionary.vrOf(0x10100000)).isEqualTo(VR.UL);
        assertThat(ElementDictionary.keywordOf(0x10100000)).isEmpty();
        assertThat(ElementDictionary.keywordOf(0x00020000)).isEqualTo("FileMetaInformationGroupLength");
    }

    @Test
    void privateCreatorIsLoAndOtherPrivateTagsUn() {
        assertThat(ElementDictionary.vrOf(0x00290010)).isEqualTo(VR.LO);
        assertThat(ElementDictionary.vrOf(0x00291010)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.keywordOf(0x00290010)).isEmpty();
        assertThat(ElementDictionary.isKnown(0x00291010)).isFalse();
        assertThat(ElementDictionary.vrsOf(0x00291010)).isEmpty();
    }

    @Test
    void oddGroupIsPrivateEvenWhereAMaskWouldMatch() {
        assertThat(ElementDictionary.vrOf(0x60013000)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.keywordOf(0x60013000)).isEmpty();
    }

    @Test
    void unknownPublicTagIsUn() {
        assertThat(ElementDictionary.vrOf(0x00100001)).isEqualTo(VR.UN);
        assertThat(ElementDictionary.vrsOf(0x00100001)).isEmpty();
        assertThat(ElementDictionary.keywordOf(0x00100001)).isEmpty();
        assertThat(ElementDictionary.nameOf(0x00100001)).isEmpty();
        assertThat(ElementDictionary.isKnown(0x00100001)).isFalse();
        assertThat(ElementDictionary.tagOf("NoSuchKeyword")).isEqualTo(-1);
    }

    @Test
    void itemsAndDelimitersHaveNoVr() {
        assertThat(ElementDictionary.keywordOf(0xFFFEE000)).isEqualTo("Item");
        assertThat(ElementDictionary.vrOf(0xFFFEE000)).isNull();
        assertThat(ElementDictionary.vrsOf(0xFFFEE0DD)).isEmpty();
        assertThat(ElementDictionary.isKnown(0xFFFEE00D)).isTrue();
    }

    @Test
    void flagsRetiredElements() {
        assertThat(ElementDictionary.isRetired(0x00080001)).isTrue();
        assertThat(ElementDictionary.isRetired(0x00080016)).isFalse();
        assertThat(ElementDictionary.isRetired(0x00100001)).isFalse();
    }

    /** For a repeating group, looks up the tag with 2 for each x, so as to exercise the mask. */
    @Test
    void everyKeywordOfTheResourceMapsToItsTagAndBack() {
        List<String[]> rows = TsvResource.rows("elements.tsv");
        assertThat(rows).hasSizeGreaterThan(5000);
        for (String[] row : rows) {
            String keyword = row[4];
            int tag = Integer.parseUnsignedInt(row[0].replace('x', '2'), 16);
            assertThat(ElementDictionary.tagOf(keyword)).as(keyword)
                    .isEqualTo(Integer.parseUnsignedInt(row[0].replace('x', '0'), 16));
            assertThat(ElementDictionary.keywordOf(tag)).as(row[0]).isEqualTo(keyword);
            assertThat(ElementDictionary.isRetired(tag)).as(keyword).isEqualTo(row[3].equals("R"));
            assertThat(ElementDictionary.vrsOf(tag)).extracting(VR::name).as(keyword)
                    .containsExactlyElementsOf(row[1].isEmpty() ? List.of() : Arrays.asList(row[1].split("\\|")));
        }
    }

    @Test
    void everyTagConstantAgreesWithTheDictionary() throws IllegalAccessException {
        for (Field field : Tag.class.getFields()) {
            assertThat(ElementDictionary.tagOf(field.getName())).as(field.getName()).isEqualTo(field.getInt(null));
        }
        assertThat(Tag.class.getFields()).hasSize(TsvResource.rows("elements.tsv").size());
    }
}
