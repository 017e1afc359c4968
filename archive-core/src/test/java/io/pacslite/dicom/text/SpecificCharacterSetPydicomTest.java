package io.pacslite.dicom.text;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Decodes every text element of pydicom's character set corpus (charset_files, and the
 * test_files that carry a Specific Character Set or non-ASCII text) and compares the text with
 * what pydicom makes of it; charset_expectations.py reports pydicom's side.
 */
class SpecificCharacterSetPydicomTest {

    private static final JsonFactory JSON = new JsonFactory();

    /** One text element as pydicom read it. */
    private record Expectation(String file, String tag, String vr, List<String> terms, byte[] raw, String pydicom) {
    }

    @Test
    void decodesTheCharsetCorpusAsPydicomDoes() throws IOException, URISyntaxException {
        List<Expectation> expectations = pydicomExpectations();

        List<String> mismatches = new ArrayList<>();
        Set<String> filesWithNonAsciiText = new TreeSet<>();
        int nonAscii = 0;
        for (Expectation expected : expectations) {
            SpecificCharacterSet charset = SpecificCharacterSet.of(expected.terms().toArray(String[]::new));
            String decoded = charset.decode(expected.raw(), 0, expected.raw().length, expected.vr().equals("PN"));
            String shown = asPydicomShowsIt(decoded, expected.vr());
            if (!shown.equals(expected.pydicom())) {
                mismatches.add(expected.file() + " " + expected.tag() + " " + expected.vr() + " " + expected.terms()
                        + ": pydicom <" + expected.pydicom() + "> but decoded <" + shown + ">");
            }
            if (!new String(expected.raw(), ISO_8859_1).chars().allMatch(ch -> ch < 0x80 && ch != 0x1B)) {
                nonAscii++;
                filesWithNonAsciiText.add(Path.of(expected.file()).getFileName().toString());
            }
        }

        assertThat(mismatches).as("elements decoded unlike pydicom").isEmpty();
        assertThat(expectations).as("compared elements").hasSizeGreaterThan(400);
        assertThat(nonAscii).as("compared elements with non-ASCII bytes or escape sequences").isGreaterThanOrEqualTo(25);
        assertThat(filesWithNonAsciiText).contains("chrJapMulti.dcm", "chrJapMultiExplicitIR6.dcm", "chrH31.dcm",
                "chrH32.dcm", "chrKoreanMulti.dcm", "chrI2.dcm", "chrX1.dcm", "chrX2.dcm", "chrGreek.dcm",
                "chrHbrw.dcm", "chrArab.dcm", "chrRuss.dcm", "chrGerm.dcm", "chrFren.dcm", "chrFrenMulti.dcm",
                "chrSQEncoding.dcm", "chrSQEncoding1.dcm");
    }

    private static List<Expectation> pydicomExpectations() throws IOException, URISyntaxException {
        Path data = TestPeers.pydicomData();
        Path script = Path.of(SpecificCharacterSetPydicomTest.class.getResource("charset_expectations.py").toURI());
        TestPeers.Result result = TestPeers.run(List.of(TestPeers.PYTHON, script.toString(), data.toString()), null);
        assertThat(result.exitCode()).as("charset_expectations.py failed: %s", result.stderr()).isZero();
        List<Expectation> expectations = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (!line.isBlank()) {
                expectations.add(parse(line));
            }
        }
        return expectations;
    }

    private static Expectation parse(String line) throws IOException {
        String file = null;
        String tag = null;
        String vr = null;
        String raw = null;
        String pydicom = null;
        List<String> terms = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(line)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "file" -> file = parser.getText();
                    case "tag" -> tag = parser.getText();
                    case "vr" -> vr = parser.getText();
                    case "raw" -> raw = parser.getText();
                    case "pydicom" -> pydicom = parser.getText();
                    case "terms" -> {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            terms.add(parser.getText());
                        }
                    }
                    default -> throw new IOException("unexpected field " + field + " in " + line);
                }
            }
        }
        return new Expectation(file, tag, vr, List.copyOf(terms), Base64.getDecoder().decode(raw), pydicom);
    }

    /**
     * The decoded text as pydicom presents it: values (split at "\" except in ST, LT and UT)
     * without trailing spaces and NULs, person names without empty trailing component groups.
     * This is pydicom's presentation, not character set decoding.
     */
    private static String asPydicomShowsIt(String decoded, String vr) {
        return switch (vr) {
            case "ST", "LT", "UT" -> stripTrailingPadding(decoded);
            case "PN" -> Arrays.stream(stripTrailingPadding(decoded).split("\\\\", -1))
                    .map(SpecificCharacterSetPydicomTest::withoutEmptyTrailingGroups)
                    .collect(joining("\\"));
            default -> Arrays.stream(decoded.split("\\\\", -1))
                    .map(SpecificCharacterSetPydicomTest::stripTrailingPadding)
                    .collect(joining("\\"));
        };
    }

    private static String stripTrailingPadding(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        return value.substring(0, end);
    }

    private static String withoutEmptyTrailingGroups(String name) {
        List<String> groups = new ArrayList<>(Arrays.asList(name.split("=", -1)));
        while (!groups.isEmpty() && groups.get(groups.size() - 1).isEmpty()) {
            groups.remove(groups.size() - 1);
        }
        return String.join("=", groups);
    }
}
