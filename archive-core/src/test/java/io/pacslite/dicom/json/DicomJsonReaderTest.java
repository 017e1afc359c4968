package io.pacslite.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DICOM JSON (PS3.18 Annex F) read back gives the data set that was written. */
class DicomJsonReaderTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Corpus.Readable> corpus() {
        return Corpus.readableFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readsBackWhatTheWriterWroteForEveryCorpusFile(Corpus.Readable file) throws IOException {
        String written = write(file.dicom().dataset());
        String rewritten = write(read(written));

        assertThat(withoutCharacterSets(MAPPER.readTree(rewritten)))
                .isEqualTo(withoutCharacterSets(MAPPER.readTree(written)));
    }

    @Test
    void readsPersonNameGroupsNumbersTagsAndBulkData() throws IOException {
        Attributes dataset = read("""
                {"00100010": {"vr": "PN", "Value": [{"Alphabetic": "Yamada^Tarou", "Ideographic": "山田^太郎"}]},
                 "00280010": {"vr": "US", "Value": [512]},
                 "00281050": {"vr": "DS", "Value": [40, -12.5]},
                 "00209165": {"vr": "AT", "Value": ["00100020"]},
                 "00080060": {"vr": "CS"},
                 "7FE00010": {"vr": "OW", "BulkDataURI": "http://example.test/bulk/1"}}
                """);

        assertThat(dataset.getString(Tag.PatientName)).isEqualTo("Yamada^Tarou=山田^太郎");
        assertThat(dataset.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
        assertThat(dataset.getInt(Tag.Rows, 0)).isEqualTo(512);
        assertThat(dataset.getDoubles(Tag.WindowCenter)).containsExactly(40, -12.5);
        assertThat(dataset.getLongs(Tag.DimensionIndexPointer)).containsExactly(Tag.PatientID);
        assertThat(dataset.vrOf(Tag.Modality)).isEqualTo(VR.CS);
        assertThat(dataset.getString(Tag.Modality)).isNull();
        assertThat(dataset.getValue(Tag.PixelData)).isEqualTo(BulkData.atUri("http://example.test/bulk/1"));
    }

    @Test
    void rejectsJsonThatIsNotDicomJson() {
        assertThatThrownBy(() -> read("{\"PatientName\": {\"vr\": \"PN\"}}"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a tag");
        assertThatThrownBy(() -> read("{\"00100010\": {\"vr\": \"XX\"}}"))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown vr");
        assertThatThrownBy(() -> read("{\"00100010\": {\"vr\": \"PN\", \"Value\": [")).isInstanceOf(IOException.class);
    }

    private static String write(Attributes dataset) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            DicomJsonWriter.inline(generator).write(dataset);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Attributes read(String json) throws IOException {
        try (var parser = JSON.createParser(json)) {
            return new DicomJsonReader(parser).readDataset();
        }
    }

    /** Text read from JSON is stored as UTF-8, so the character set element changes by design. */
    private static JsonNode withoutCharacterSets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("00080005");
            object.forEach(DicomJsonReaderTest::withoutCharacterSets);
        } else if (node.isArray()) {
            node.forEach(DicomJsonReaderTest::withoutCharacterSets);
        }
        return node;
    }
}
