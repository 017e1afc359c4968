package io.pacslite.dicomweb.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The length announced before a multipart body is the length then written. */
class MultipartWriterLengthTest {

    @Test
    void bodyLengthEqualsWhatIsWritten() throws IOException {
        List<String> types = List.of("application/dicom; transfer-syntax=1.2.840.10008.1.2.1", "image/jpeg");
        List<byte[]> bodies = List.of(new byte[1234], new byte[7]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartWriter writer = new MultipartWriter(out, "b0undary");
        for (int i = 0; i < types.size(); i++) {
            writer.startPart(types.get(i), bodies.get(i).length);
            out.write(bodies.get(i));
        }
        writer.finish();

        assertThat(writer.bodyLength(types, List.of(1234L, 7L))).isEqualTo(out.size());
    }

    @Test
    void emptyBodyIsTheCloseDelimiterAlone() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartWriter writer = new MultipartWriter(out, "b0undary");
        writer.finish();

        assertThat(writer.bodyLength(List.of(), List.of())).isEqualTo(out.size()).isEqualTo("--b0undary--\r\n".length());
    }
}
