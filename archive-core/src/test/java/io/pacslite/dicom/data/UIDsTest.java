package io.pacslite.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UID syntax, PS3.5 9.1. */
class UIDsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", ignoreLeadingAndTrailingWhitespace = false, value = {
        "1.2.840.10008.1.2.1|null",
        "2.25.73816089868165249092555210403523270982|null",
        "1.0.3|null",
        "0|null",
        "''|empty",
        "1.2.03|component with a leading zero",
        "1..2|empty component",
        "1.2.|empty component",
        ".1.2|empty component",
        "1.2.3a|'a' is not a digit or a dot",
        "../../etc/passwd|empty component",
        "1.2/3|'/' is not a digit or a dot",
        "1.2 |' ' is not a digit or a dot",
        "1.22222222222222222222222222222222222222222222222222222222222222222|longer than 64 characters"})
    void checksUidSyntax(String uid, String problem) {
        assertThat(UIDs.problemWith(uid)).isEqualTo(problem);
        assertThat(UIDs.isValid(uid)).isEqualTo(problem == null);
    }
}
