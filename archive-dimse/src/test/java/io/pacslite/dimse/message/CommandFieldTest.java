package io.pacslite.dimse.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Command Field values of PS3.7 Table E.1-1. */
class CommandFieldTest {

    @ParameterizedTest(name = "{0} = {1}, request {2}")
    @CsvSource({
        "C_STORE_RQ, 0x0001, true",
        "C_STORE_RSP, 0x8001, false",
        "C_GET_RQ, 0x0010, true",
        "C_GET_RSP, 0x8010, false",
        "C_FIND_RQ, 0x0020, true",
        "C_FIND_RSP, 0x8020, false",
        "C_MOVE_RQ, 0x0021, true",
        "C_MOVE_RSP, 0x8021, false",
        "C_ECHO_RQ, 0x0030, true",
        "C_ECHO_RSP, 0x8030, false",
        "C_CANCEL_RQ, 0x0FFF, true",
        "N_CREATE_RQ, 0x0140, true",
        "N_DELETE_RSP, 0x8150, false",
    })
    void hasTheStandardCodeAndDirection(CommandField field, String code, boolean request) {
        assertThat(field.code()).isEqualTo(Integer.decode(code));
        assertThat(field.isRequest()).isEqualTo(request);
    }

    @ParameterizedTest
    @EnumSource(CommandField.class)
    void isFoundByItsCode(CommandField field) {
        assertThat(CommandField.of(field.code())).contains(field);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0000, 0x0002, 0x8FFF, 0xFFFF})
    void findsNothingForUndefinedCodes(int code) {
        assertThat(CommandField.of(code)).isEmpty();
    }
}
