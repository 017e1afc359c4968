package io.pacslite.dimse.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Status codes fall in the classes of PS3.7 Annex C. */
class StatusTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0000, SUCCESS",
        "FF00, PENDING",
        "FF01, PENDING",
        "FE00, CANCEL",
        "0001, WARNING",
        "0107, WARNING",
        "0116, WARNING",
        "B000, WARNING",
        "B006, WARNING",
        "B007, WARNING",
        "BFFF, WARNING",
        "0110, FAILURE",
        "0111, FAILURE",
        "0118, FAILURE",
        "0122, FAILURE",
        "0211, FAILURE",
        "A700, FAILURE",
        "A7FF, FAILURE",
        "A900, FAILURE",
        "C000, FAILURE",
        "CFFF, FAILURE",
        "0002, FAILURE",
        "FE01, FAILURE",
        "FF02, FAILURE",
    })
    void classifiesCodes(String hex, StatusType expected) {
        assertThat(new Status(Integer.parseInt(hex, 16)).type()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0x10000})
    void rejectsCodesOutsideSixteenBits(int code) {
        assertThatThrownBy(() -> new Status(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0xA700, A700 FAILURE", "0x0000, 0000 SUCCESS", "0xFF01, FF01 PENDING"})
    void printsCodeInHexWithItsClass(String code, String expected) {
        assertThat(new Status(Integer.decode(code))).hasToString(expected);
    }
}
