package io.pacslite.archive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageKeysTest {

    private static final String STUDY = "1.2.840.113619.2.55.3.1";
    private static final String SERIES = "1.2.840.113619.2.55.3.1.2";
    private static final String SOP = "1.2.840.113619.2.55.3.1.2.3";

    @Test
    void laysOutHashPrefixThenStudySeriesAndSop() throws Exception {
        String hex = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(STUDY.getBytes(StandardCharsets.US_ASCII)));

        String key = StorageKeys.of(STUDY, SERIES, SOP);

        assertThat(key).isEqualTo(hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/"
                + STUDY + "/" + SERIES + "/" + SOP + ".dcm");
        assertThat(StorageKeys.isValidKey(key)).isTrue();
    }

    @Test
    void putsTheInstancesOfAStudyUnderOnePrefix() {
        String first = StorageKeys.of(STUDY, SERIES, SOP);
        String second = StorageKeys.of(STUDY, "1.2.3", "1.2.3.4");
        String otherStudy = StorageKeys.of("1.2.840.113619.2.55.3.2", SERIES, SOP);

        assertThat(second.substring(0, 6)).isEqualTo(first.substring(0, 6));
        assertThat(otherStudy.substring(0, 6)).isNotEqualTo(first.substring(0, 6));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.22222222222222222222222222222222222222222222222222222222222222222|longer than 64 characters",
        "1.2.03|component with a leading zero",
        "1.2.3a|'a' is not a digit or a dot",
        "../x|empty component",
        "''|empty"})
    void rejectsAnInvalidUidWithItsProblem(String uid, String problem) {
        assertThatThrownBy(() -> StorageKeys.of(uid, SERIES, SOP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid Study Instance UID \"" + uid + "\": " + problem);
        assertThatThrownBy(() -> StorageKeys.of(STUDY, uid, SOP))
                .hasMessage("invalid Series Instance UID \"" + uid + "\": " + problem);
        assertThatThrownBy(() -> StorageKeys.of(STUDY, SERIES, uid))
                .hasMessage("invalid SOP Instance UID \"" + uid + "\": " + problem);
    }

    @Test
    void rejectsANullUid() {
        assertThatThrownBy(() -> StorageKeys.of(STUDY, SERIES, null))
                .hasMessage("invalid SOP Instance UID \"null\": empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "../../etc/passwd",
        "/abs",
        "/ab/cd/1.2/1.3/1.4.dcm",
        "ab/cd/1.2/1.3/1.4.dcm/../x",
        "ab/cd/1.2/1.3/../1.4.dcm",
        "ab\\cd\\1.2\\1.3\\1.4.dcm",
        "ab/cd/1.2/1.3/1.4.dcm\0",
        "ab/cd/1.2/1.3/1.4"})
    void rejectsKeysOfAnyOtherShape(String key) {
        assertThat(StorageKeys.isValidKey(key)).isFalse();
        assertThatThrownBy(() -> StorageKeys.requireValidKey(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid storage key");
    }

    @Test
    void rejectsAKeyWhosePrefixIsNotItsStudys() {
        String key = StorageKeys.of(STUDY, SERIES, SOP);
        String otherPrefix = StorageKeys.of("1.2.840.113619.2.55.3.2", SERIES, SOP).substring(0, 6);
        String wrong = otherPrefix + key.substring(6);

        assertThat(StorageKeys.isValidKey(wrong)).isFalse();
        assertThat(StorageKeys.problemWith(wrong)).isEqualTo("prefix does not match the Study Instance UID");
        assertThat(StorageKeys.isValidKey(null)).isFalse();
    }

    @Test
    void namesTheBadUidInsideAKey() {
        assertThat(StorageKeys.problemWith("ab/cd/1.2/1.03/1.4.dcm"))
                .isEqualTo("invalid Series Instance UID \"1.03\": component with a leading zero");
    }
}
