package io.pacslite.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.json.DicomJsonWriter;
import io.pacslite.testing.SyntheticInstances;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A golden case: the file's name, the query, and what it must answer. */
    record Case(String name, QueryLevel level, Map<String, List<String>> parameters, String study, String series,
            List<String> expectedUids, Boolean more, String expectedJson, QueryReason error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        Path folder = Path.of(QueryGoldenTest.class.getResource("golden").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().map(QueryGoldenTest::read).toList()
                    .stream();
        }
    }

    @Test
    void thereAreGoldenCasesForEveryLevel() throws Exception {
        List<Case> cases = cases().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases.stream().map(Case::level).distinct()).containsExactlyInAnyOrder(QueryLevel.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheGoldenFileSays(Case c) throws IOException {
        if (c.error() != null) {
            assertThatThrownBy(() -> engine.search(query(c)))
                    .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.reason()).isEqualTo(c.error()));
            return;
        }
        QueryResult result = engine.search(query(c));
        if (c.expectedUids() != null) {
            assertThat(result.matches().stream().map(m -> m.getString(uniqueKey(c.level()))).toList())
                    .as("matches, in order").containsExactlyElementsOf(c.expectedUids());
        }
        if (c.more() != null) {
            assertThat(result.more()).as("more").isEqualTo(c.more());
        }
        if (c.expectedJson() != null) {
            assertThat(JSON.readTree(json(result.matches()))).isEqualTo(JSON.readTree(c.expectedJson()));
        }
    }

    private static Query query(Case c) {
        return QueryParameters.parse(c.level(), c.parameters(), c.study(), c.series());
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

    private static Case read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        QueryLevel level = null;
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String study = null;
        String series = null;
        List<String> uids = null;
        Boolean more = null;
        StringBuilder json = null;
        QueryReason error = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = line.substring(0, colon).strip();
            String value = expand(line.substring(colon + 1).strip());
            switch (field) {
                case "level" -> level = QueryLevel.valueOf(value);
                case "query" -> parameters = parameters(value);
                case "study" -> study = value;
                case "series" -> series = value;
                case "more" -> more = Boolean.valueOf(value);
                case "error" -> error = QueryReason.valueOf(value);
                case "expect" -> {
                    uids = new ArrayList<>();
                    while (i + 1 < lines.size() && !lines.get(i + 1).isBlank() && !lines.get(i + 1).contains(":")) {
                        uids.add(expand(lines.get(++i).strip()));
                    }
                }
                case "json" -> {
                    json = new StringBuilder();
                    while (i + 1 < lines.size()) {
                        json.append(expand(lines.get(++i))).append('\n');
                    }
                }
                default -> throw new IllegalArgumentException(file + ": unknown field " + field);
            }
        }
        return new Case(file.getFileName().toString().replace(".txt", ""), level, parameters, study, series, uids,
                more, json == null ? null : json.toString(), error);
    }

    private static String expand(String text) {
        return text.replace("$", ROOT);
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
