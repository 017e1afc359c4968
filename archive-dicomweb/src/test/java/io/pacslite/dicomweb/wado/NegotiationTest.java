package io.pacslite.dicomweb.wado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.server.HttpError;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Accept headers the stored bytes satisfy, without transcoding (PS3.18 8.7.3.5). */
class NegotiationTest {

    private static final String JPEG = "1.2.840.10008.1.2.4.50";
    private static final String EXPLICIT = "1.2.840.10008.1.2.1";

    @ParameterizedTest(name = "{0} for {1} in {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "multipart/related; type=\"application/dicom\"; transfer-syntax=*|application/dicom|" + JPEG + "|true",
        "multipart/related; type=application/dicom; transfer-syntax=\"*\"|application/dicom|" + JPEG + "|true",
        "multipart/related; type=application/dicom; transfer-syntax=" + JPEG + "|application/dicom|" + JPEG + "|true",
        "multipart/related; type=application/dicom; transfer-syntax=" + EXPLICIT + "|application/dicom|" + JPEG + "|false",
        "multipart/related; type=application/dicom|application/dicom|" + JPEG + "|true",
        "multipart/related|application/dicom|" + JPEG + "|true",
        "*/*|application/dicom|" + JPEG + "|true",
        "application/dicom+json|application/dicom|" + JPEG + "|false",
        "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*|image/jpeg|" + JPEG + "|true",
        "multipart/related; type=application/octet-stream|image/jpeg|" + JPEG + "|false",
        "multipart/related; type=image/jpeg|image/jpeg|" + JPEG + "|true",
        "multipart/related; type=image/*; transfer-syntax=" + JPEG + "|image/jpeg|" + JPEG + "|true",
        "multipart/related; type=application/octet-stream|application/octet-stream|" + EXPLICIT + "|true",
        "multipart/related; type=image/jls; transfer-syntax=*, */*;q=0.1|image/jpeg|" + JPEG + "|true",
    })
    void allowsWhatTheStoredBytesAre(String accept, String partType, String syntax, boolean allowed) {
        String defaultPartType = partType.equals("application/dicom") ? partType : "application/octet-stream";
        Runnable check = () -> Negotiation.require(MediaType.parseList(accept), defaultPartType, partType,
                List.of(syntax));
        if (allowed) {
            check.run();
        } else {
            assertThatThrownBy(check::run).isInstanceOf(HttpError.class)
                    .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(406))
                    .hasMessageContaining("transfer-syntax=" + syntax);
        }
    }

    @ParameterizedTest(name = "{0} of {1} bytes: {2}-{3}")
    @CsvSource({
        "bytes=0-9, 100, 0, 9",
        "bytes=90-, 100, 90, 99",
        "bytes=-10, 100, 90, 99",
        "bytes=95-200, 100, 95, 99",
        "bytes=-200, 100, 0, 99",
    })
    void readsSatisfiableRanges(String header, long length, long first, long last) {
        assertThat(BulkDataRetrieval.span(header, length)).containsExactly(first, last);
    }

    @ParameterizedTest
    @CsvSource({"bytes=100-", "bytes=9-3", "'bytes=0-1,5-6'", "items=0-1", "bytes=a-b", "bytes=5"})
    void refusesRangesItCannotSatisfy(String header) {
        assertThat(BulkDataRetrieval.span(header, 100)).isNull();
    }
}
