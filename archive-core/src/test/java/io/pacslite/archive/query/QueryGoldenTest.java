package io.pacslite.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.json.DicomJsonWriter;
import io.pacslite.testing.GoldenFile;
import io.pacslite.testing.SyntheticInstances;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden query cases: each file in golden/ holds a QIDO-RS query and what it must answer, side
 * by side (format in golden/README.md), run against a real index filled through the ingest path
 * ({@link QueryFixture}).
 */
@ExtendWith(QueryFixture.class)
class QueryGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** "$" in a golden file stands for the test UID root. */
    private static final String ROOT = SyntheticInstances.uid("");

    private static QueryEngine engine;

    @BeforeAll
    static void fixture(QueryEngine shared) {
        engine = shared;
    }

    static Stream<GoldenFile> cases() {
        return GoldenFile.all(QueryGoldenTest.class, "golden", text -> text.replace("$", ROOT)).stream();
    }

    @Test
    void thereAreGoldenCasesForEveryLevel() throws Exception {
        List<GoldenFile> cases = cases().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases.stream().map(QueryGoldenTest::level).distinct()).containsExactlyInAnyOrder(QueryLevel.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheGoldenFileSays(GoldenFile c) throws IOException {
        if (c.field("error") != null) {
            QueryReason error = QueryReason.valueOf(c.field("error"));
            assertThatThrownBy(() -> engine.search(query(c)))
                    .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.reason()).isEqualTo(error));
            return;
        }
        QueryResult result = engine.search(query(c));
        if (c.expect() != null) {
            assertThat(result.matches().stream().map(m -> m.getString(uniqueKey(level(c)))).toList())
                    .as("matches, in order").containsExactlyElementsOf(c.expect());
        }
        if (c.field("more") != null) {
            assertThat(result.more()).as("more").isEqualTo(Boolean.valueOf(c.field("more")));
        }
        if (c.json() != null) {
            assertThat(JSON.readTree(json(result.matches()))).isEqualTo(JSON.readTree(c.json()));
        }
    }

    private static QueryLevel level(GoldenFile c) {
        return QueryLevel.valueOf(c.field("level"));
    }

    private static Query query(GoldenFile c) {
        return QueryParameters.parse(level(c), parameters(Objects.requireNonNullElse(c.field("query"), "")), c.field("study"), c.field("series"));
    }

    private static int uniqueKey(QueryLevel level) {
        return switch (level) {
            case PATIENT -> Tag.PatientID;
            case STUDY -> Tag.StudyInstanceUID;
            case SERIES -> Tag.SeriesInstanceUID;
            case INSTANCE -> Tag.SOPInstanceUID;
        };
    }

    /** The matches as QIDO-RS sends them: a DICOM JSON array (PS3.18 F.2). */
    static String json(List<Attributes> matches) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.getFactory().createGenerator(text)) {
            generator.writeStartArray();
            for (Attributes match : matches) {
                DicomJsonWriter.inline(generator).write(match);
            }
            generator.writeEndArray();
        }
        return text.toString();
    }

    /** A query string as a web server hands it over: decoded, by name, values in order. */
    private static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return parameters;
    }
}
