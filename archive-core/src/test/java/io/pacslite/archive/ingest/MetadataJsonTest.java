package io.pacslite.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The deflated DICOM JSON of an instance, with its deflaters reused from one instance to the next. */
class MetadataJsonTest {

    @Test
    void eachInstanceDeflatesToItsOwnMetadataWhileDeflatersAreReused() throws Exception {
        byte[] first = MetadataJson.deflated(instance("1.2.3.1", "Doe^Jane"));
        byte[] second = MetadataJson.deflated(instance("1.2.3.2", "Roe^Richard"));
        byte[] firstAgain = MetadataJson.deflated(instance("1.2.3.1", "Doe^Jane"));

        assertThat(inflate(first)).contains("\"1.2.3.1\"", "Doe^Jane").doesNotContain("Roe");
        assertThat(inflate(second)).contains("\"1.2.3.2\"", "Roe^Richard").doesNotContain("Doe", "1.2.3.1");
        assertThat(firstAgain).as("a reused deflater starts afresh").isEqualTo(first);
    }

    private static Attributes instance(String sopUid, String name) {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.SOPInstanceUID, VR.UI, sopUid);
        dataset.setString(Tag.PatientName, VR.PN, name);
        return dataset;
    }

    private static String inflate(byte[] deflated) throws DataFormatException, IOException {
        Inflater inflater = new Inflater();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            inflater.setInput(deflated);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                assertThat(n > 0 || !inflater.needsInput()).as("complete deflate stream").isTrue();
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            inflater.end();
        }
    }
}
