package io.pacslite.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class UidRegistryTest {

    @Test
    void namesTransferSyntaxes() {
        assertThat(UidRegistry.nameOf("1.2.840.10008.1.2")).isEqualTo("Implicit VR Little Endian");
        assertThat(UidRegistry.typeOf(UID.ExplicitVRLittleEndian)).isEqualTo(UidRegistry.TRANSFER_SYNTAX);
        assertThat(UidRegistry.keywordOf("1.2.840.10008.1.2.4.50")).isEqualTo("JPEGBaseline8Bit");
        assertThat(UidRegistry.isRetired(UID.ExplicitVRBigEndian)).isTrue();
        assertThat(UidRegistry.isRetired(UID.ExplicitVRLittleEndian)).isFalse();
    }

    @Test
    void listsTransferSyntaxesInUidOrder() {
        assertThat(UidRegistry.uidsOfType(UidRegistry.TRANSFER_SYNTAX))
                .startsWith(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian,
                        UID.EncapsulatedUncompressedExplicitVRLittleEndian, UID.DeflatedExplicitVRLittleEndian)
                .contains(UID.JPEGLossless, UID.JPEGLosslessSV1, UID.JPEGLSLossless, UID.JPEG2000Lossless,
                        UID.JPEG2000, UID.RLELossless)
                .doesNotContain(UID.CTImageStorage);
        assertThat(UidRegistry.uidsOfType("No Such Type")).isEmpty();
    }

    @Test
    void ctImageStorageIsAStorageSopClass() {
        assertThat(UID.CTImageStorage).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(UidRegistry.nameOf(UID.CTImageStorage)).isEqualTo("CT Image Storage");
        assertThat(UidRegistry.isStorageSopClass(UID.CTImageStorage)).isTrue();
        assertThat(UidRegistry.isStorageSopClass(UID.DigitalXRayImageStorageForPresentation)).isTrue();
    }

    @Test
    void verificationAndStorageCommitmentAreNotStorage() {
        assertThat(UidRegistry.typeOf(UID.Verification)).isEqualTo(UidRegistry.SOP_CLASS);
        assertThat(UidRegistry.isStorageSopClass(UID.Verification)).isFalse();
        assertThat(UidRegistry.isStorageSopClass(UID.StorageCommitmentPushModel)).isFalse();
        assertThat(UidRegistry.isStorageSopClass(UID.ImplicitVRLittleEndian)).isFalse();
    }

    @Test
    void takesSopClassesMissingFromTableA1FromPs34() {
        assertThat(UidRegistry.nameOf("1.2.840.10008.5.1.4.1.1.6.3")).isEqualTo("Photoacoustic Image Storage");
        assertThat(UidRegistry.keywordOf("1.2.840.10008.5.1.4.1.1.6.3")).isEqualTo("PhotoacousticImageStorage");
        assertThat(UidRegistry.isStorageSopClass(UID.PhotoacousticImageStorage)).isTrue();
    }

    @Test
    void unknownUidIsNull() {
        assertThat(UidRegistry.nameOf("1.2.3.4")).isNull();
        assertThat(UidRegistry.keywordOf("1.2.3.4")).isNull();
        assertThat(UidRegistry.typeOf("1.2.3.4")).isNull();
        assertThat(UidRegistry.isRetired("1.2.3.4")).isFalse();
        assertThat(UidRegistry.isStorageSopClass("1.2.3.4")).isFalse();
    }

    @Test
    void everyUidConstantIsRegisteredUnderItsKeyword() throws IllegalAccessException {
        for (Field field : UID.class.getFields()) {
            assertThat(UidRegistry.keywordOf((String) field.get(null))).as(field.getName()).isEqualTo(field.getName());
        }
    }
}
