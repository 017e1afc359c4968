package io.pacslite.dicomweb.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/related; type=\"application/dicom\"; boundary=\"a b;c\"",
        "Multipart/Related;type=application/dicom;boundary=\"a b;c\"",
        "multipart/related ; boundary=\"a b;c\" ; TYPE=\"application/dicom\"",
    })
    void readsQuotedAndUnquotedParameters(String text) {
        MediaType type = MediaType.parse(text);
        assertThat(type.essence()).isEqualTo("multipart/related");
        assertThat(type.parameter("type")).isEqualTo("application/dicom");
        assertThat(type.parameter("boundary")).isEqualTo("a b;c");
    }

    @Test
    void splitsAnAcceptListOutsideQuotes() {
        List<MediaType> accept = MediaType.parseList(
                "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*, application/dicom+json;q=0.5");
        assertThat(accept).hasSize(2);
        assertThat(accept.get(0).parameter("transfer-syntax")).isEqualTo("*");
        assertThat(accept.get(1).quality()).isEqualTo(0.5);
        assertThat(MediaType.parseList(null)).containsExactly(MediaType.ANY);
    }

    @Test
    void rangesIncludeTheirTypes() {
        assertThat(MediaType.parse("*/*").includes("application/dicom")).isTrue();
        assertThat(MediaType.parse("application/*").includes("application/dicom")).isTrue();
        assertThat(MediaType.parse("image/*").includes("application/dicom")).isFalse();
        assertThat(MediaType.parse("application/dicom").includes("application/dicom+json")).isFalse();
    }

    @Test
    void refusesTextWithoutSubtype() {
        assertThatThrownBy(() -> MediaType.parse("dicom")).isInstanceOf(IllegalArgumentException.class);
    }
}
