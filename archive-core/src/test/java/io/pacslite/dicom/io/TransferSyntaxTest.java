package io.pacslite.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each transfer syntax encodes a data set (PS3.5 Annex A). */
class TransferSyntaxTest {

    @ParameterizedTest
    @CsvSource({
        "1.2.840.10008.1.2,         false, false, false, false",
        "1.2.840.10008.1.2.1,       true,  false, false, false",
        "1.2.840.10008.1.2.2,       true,  true,  false, false",
        "1.2.840.10008.1.2.1.99,    true,  false, true,  false",
        "1.2.840.10008.1.20,        false, false, false, false",
        "1.2.840.10008.1.2.4.94,    true,  false, false, false",
        "1.2.840.10008.1.2.4.95,    true,  false, true,  false",
        "1.2.840.10008.1.2.4.50,    true,  false, false, true",
        "1.2.840.10008.1.2.5,       true,  false, false, true",
        "1.2.840.10008.1.2.4.201,   true,  false, false, true",
        "1.2.3.4.5.6.7,             true,  false, false, true"})
    void knowsHowEachSyntaxEncodes(String uid, boolean explicitVR, boolean bigEndian, boolean deflated,
            boolean encapsulated) {
        TransferSyntax syntax = TransferSyntax.of(uid);

        assertThat(syntax.explicitVR()).isEqualTo(explicitVR);
        assertThat(syntax.bigEndian()).isEqualTo(bigEndian);
        assertThat(syntax.deflated()).isEqualTo(deflated);
        assertThat(syntax.encapsulated()).isEqualTo(encapsulated);
    }
}
