package io.pacslite.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our DICOM JSON (PS3.18 Annex F) of every file in pydicom's bundled corpus (test_files,
 * dicomdirtests included, and charset_files) against pydicom's {@code Dataset.to_json_dict()}
 * of the same file: element by element, recursively into sequences. Where pydicom departs from
 * the standard, the difference is listed in {@link Documented} with the PS3.x reference.
 */
final class PydicomCorpusJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Files in the corpus that are not DICOM at all (notes, JSON, dumps, a gzip archive). */
    private static final Pattern NOT_DICOM = Pattern.compile(".*(README(\\.txt)?|FileInfo\\.txt|\\.json|\\.dump|\\.gz)");

    /** Files cut short: pydicom returns what it read, we stop with an error naming the offset. */
    private static final Set<String> TRUNCATED = Set.of("MR_truncated.dcm", "rtplan_truncated.dcm");

    /** Files that we read differently from pydicom on purpose (see the test of each). */
    private static final Set<String> SPECIAL = Set.of("no_meta.dcm", "badVR.dcm");

    /** VRs whose leading and trailing spaces are insignificant (PS3.5 Table 6.2-1). */
    private static final Set<String> PADDED_VRS = Set.of("AE", "CS", "LO", "SH");

    /** What pydicom says of each file, computed once for the whole corpus (one Python process). */
    private static volatile Map<String, JsonNode> pydicom;

    /** Results of comparing each file, shared by the per-file tests and the coverage test. */
    private static final Map<Path, Comparison> COMPARISONS = new ConcurrentHashMap<>();

    static Stream<Named<Path>> comparableFiles() throws IOException {
        return named(comparable());
    }

    static Stream<Named<Path>> notDicomFiles() throws IOException {
        return named(corpus().stream().filter(PydicomCorpusJsonTest::isNotDicom));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparableFiles")
    void writesTheSameJsonAsPydicom(Path file) throws IOException {
        Comparison comparison = compare(file);

        assertThat(comparison.differences())
                .as("differences between our DICOM JSON and pydicom's for %s", file)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notDicomFiles")
    void rejectsFilesThatAreNotDicom(Path file) {
        assertThatThrownBy(() -> read(file)).isInstanceOf(DicomException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MR_truncated.dcm", "rtplan_truncated.dcm"})
    void rejectsTruncatedFilesNamingTheOffset(String name) {
        Path file = testFile(name);
        assertThat(pydicom().get(file.toString()).has("dataset")).as("pydicom returns what it could read").isTrue();

        assertThatThrownBy(() -> read(file))
                .isInstanceOfSatisfying(DicomException.class,
                        e -> assertThat(e.offset()).as("offset of: %s", e.getMessage()).isPositive());
    }

    @Test
    void rejectsDataSetPrecededByAStrayByte() {
        // no_meta.dcm is an Implicit VR data set with one byte before it: pydicom reads it only
        // with force=True, and then every tag is shifted by a byte.
        assertThat(pydicom().get(testFile("no_meta.dcm").toString()).path("forced").asBoolean()).isTrue();

        assertThatThrownBy(() -> read(testFile("no_meta.dcm"))).isInstanceOf(DicomException.class);
    }

    @Test
    void readsAnIntegerStringThatPydicomCannotConvert() throws IOException {
        Path file = testFile("badVR.dcm");
        JsonNode theirs = pydicom().get(file.toString());
        assertThat(theirs.path("error").asText()).contains("'1A'");

        Attributes dataset = read(file).dataset();
        JsonNode ours = ourJson(dataset);

        // dcmdump lists 45 top-level elements, Number of Frames (0028,0008) as IS [1A].
        assertThat(dataset.size()).isEqualTo(45);
        assertThat(ours.at("/00280008/Value/0").asText()).isEqualTo("1A");
        assertThat(ours.at("/00280010/Value/0").asInt()).isEqualTo(10);
        Comparer comparer = new Comparer(file.getFileName().toString(), false);
        comparer.compareDatasets("", ours, theirs.get("withoutInvalid"));
        assertThat(comparer.differences).singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("badVR.dcm 00280008: present on one side only");
    }

    @Test
    void comparesTheWholeCorpus() throws IOException {
        List<Comparison> comparisons = comparable().map(PydicomCorpusJsonTest::compareUnchecked).toList();

        assertThat(comparisons).hasSizeGreaterThan(150);
        assertThat(comparisons.stream().mapToInt(Comparison::elements).sum()).isGreaterThan(5_000);
        assertThat(comparisons.stream().flatMap(comparison -> comparison.documented().stream()))
                .as("every documented difference still occurs somewhere in the corpus")
                .containsAll(EnumSet.allOf(Documented.class));
    }

    // ---------------------------------------------------------------- reading both sides

    private static List<Path> corpus() throws IOException {
        Path data = TestPeers.pydicomData();
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("test_files", "charset_files")) {
            try (Stream<Path> walk = Files.walk(data.resolve(folder))) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static Stream<Path> comparable() throws IOException {
        return corpus().stream().filter(file -> !isNotDicom(file)
                && !TRUNCATED.contains(file.getFileName().toString())
                && !SPECIAL.contains(file.getFileName().toString()));
    }

    /** The files, each shown by its path inside pydicom's data folder. */
    private static Stream<Named<Path>> named(Stream<Path> files) {
        Path data = TestPeers.pydicomData();
        return files.map(file -> Named.of(data.relativize(file).toString(), file));
    }

    private static boolean isNotDicom(Path file) {
        return NOT_DICOM.matcher(file.getFileName().toString()).matches();
    }

    private static Path testFile(String name) {
        return TestPeers.pydicomData().resolve("test_files").resolve(name);
    }

    private static DicomFile read(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)) {
            return reader.readFile();
        }
    }

    private static JsonNode ourJson(Attributes dataset) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            DicomJsonWriter.inline(generator).write(dataset);
        }
        return MAPPER.readTree(out.toByteArray());
    }

    private static Map<String, JsonNode> pydicom() {
        if (pydicom == null) {
            synchronized (PydicomCorpusJsonTest.class) {
                if (pydicom == null) {
                    pydicom = runPydicom();
                }
            }
        }
        return pydicom;
    }

    private static Map<String, JsonNode> runPydicom() {
        try {
            List<Path> files = corpus();
            Path script = Files.createTempFile("pydicom_json", ".py");
            try (InputStream in = PydicomCorpusJsonTest.class.getResourceAsStream("pydicom_json.py")) {
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(TestPeers.PYTHON, script.toString()));
            files.forEach(file -> command.add(file.toString()));
            TestPeers.Result result = TestPeers.run(command, null);
            Files.delete(script);
            assertThat(result.exitCode()).as("pydicom_json.py failed: %s", result.stderr()).isZero();
            Map<String, JsonNode> byPath = new ConcurrentHashMap<>();
            MAPPER.readTree(result.stdout()).properties().forEach(entry -> byPath.put(entry.getKey(), entry.getValue()));
            return byPath;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- comparing

    /**
     * Where pydicom's JSON departs from PS3.18 Annex F or PS3.5 (or knows more than the
     * standard), and so where the comparison accepts a difference.
     */
    enum Documented {
        /**
         * PS3.18 F.2.7: InlineBinary holds little endian values. pydicom gives the values of an
         * Explicit VR Big Endian file in file order; ours swapped in units of the VR (16-bit
         * words for OW, PS3.5 6.2, as dcmtk's dcmconv +te does) must equal theirs.
         */
        BIG_ENDIAN_BINARY,
        /**
         * PS3.5 Table 6.2-1: leading and trailing spaces of AE, CS, LO and SH values are
         * insignificant. pydicom strips only the end of the whole element, so all but the last
         * of several values keep theirs ("DERIVED \PRIMARY" gives "DERIVED ").
         */
        PADDED_VALUE,
        /**
         * A private element whose encoding says UN (or, in Implicit VR, says nothing) is UN for
         * us: its VR is the private creator's business (PS3.5 7.8, 6.2.2). pydicom guesses one
         * from its own private dictionary; its value, encoded back, must equal our bytes.
         */
        PRIVATE_VR_FROM_PYDICOMS_DICTIONARY
    }

    /**
     * The outcome for one file: the number of elements both sides have, every difference, and
     * the documented differences accepted.
     */
    record Comparison(int elements, List<String> differences, Set<Documented> documented) {
    }

    private static Comparison compareUnchecked(Path file) {
        try {
            return compare(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Comparison compare(Path file) throws IOException {
        Comparison cached = COMPARISONS.get(file);
        if (cached != null) {
            return cached;
        }
        JsonNode theirs = pydicom().get(file.toString());
        assertThat(theirs).as("pydicom's result for %s", file).isNotNull();
        assertThat(theirs.has("error")).as("pydicom fails on %s: %s", file, theirs.path("error").asText()).isFalse();
        DicomFile dicomFile = read(file);
        Comparer comparer = new Comparer(file.getFileName().toString(), dicomFile.transferSyntax().bigEndian());
        comparer.compareDatasets("", ourJson(dicomFile.dataset()), theirs.get("dataset"));
        Comparison comparison = new Comparison(comparer.elements, comparer.differences, comparer.documented);
        COMPARISONS.put(file, comparison);
        return comparison;
    }

    /** Walks both JSON trees, counting compared elements and collecting differences. */
    private static final class Comparer {

        private final String file;
        private final boolean bigEndian;
        private final List<String> differences = new ArrayList<>();
        private final Set<Documented> documented = EnumSet.noneOf(Documented.class);
        private int elements;

        Comparer(String file, boolean bigEndian) {
            this.file = file;
            this.bigEndian = bigEndian;
        }

        void compareDatasets(String path, JsonNode ours, JsonNode theirs) {
            Set<String> tags = new TreeSet<>();
            ours.fieldNames().forEachRemaining(tags::add);
            theirs.fieldNames().forEachRemaining(tags::add);
            for (String tag : tags) {
                String tagPath = path + tag;
                if (!ours.has(tag) || !theirs.has(tag)) {
                    differ(tagPath, "present on one side only", ours.get(tag), theirs.get(tag));
                    continue;
                }
                elements++;
                compareElements(tagPath, ours.get(tag), theirs.get(tag));
            }
        }

        private void compareElements(String path, JsonNode ours, JsonNode theirs) {
            String vr = ours.path("vr").asText();
            String theirVR = theirs.path("vr").asText();
            if (vr.equals("UN") && !theirVR.equals("UN") && isPrivate(path)) {
                comparePrivateValue(path, ours, theirs);
                return;
            }
            if (!vr.equals(theirVR)) {
                differ(path, "VR", ours.get("vr"), theirs.get("vr"));
                return;
            }
            if (ours.has("InlineBinary") || theirs.has("InlineBinary")) {
                compareBinary(path, vr, ours.path("InlineBinary"), theirs.path("InlineBinary"));
                return;
            }
            List<JsonNode> ourValues = values(ours);
            List<JsonNode> theirValues = values(theirs);
            if (ourValues.size() != theirValues.size()) {
                differ(path, "number of values", ours.get("Value"), theirs.get("Value"));
                return;
            }
            for (int i = 0; i < ourValues.size(); i++) {
                JsonNode our = ourValues.get(i);
                JsonNode their = theirValues.get(i);
                if (vr.equals("SQ")) {
                    compareDatasets(path + "/" + i + "/", our, their);
                } else if (sameValue(vr, our, their)) {
                    continue;
                } else if (PADDED_VRS.contains(vr) && their.isTextual() && our.asText().equals(their.asText().strip())) {
                    documented.add(Documented.PADDED_VALUE);
                } else {
                    differ(path + "[" + i + "]", "value", our, their);
                }
            }
        }

        private void compareBinary(String path, String vr, JsonNode ours, JsonNode theirs) {
            byte[] ourBytes = decode(ours);
            byte[] theirBytes = decode(theirs);
            if (Arrays.equals(ourBytes, theirBytes)) {
                return;
            }
            if (bigEndian && Arrays.equals(ourBytes, swapped(theirBytes, vr))) {
                documented.add(Documented.BIG_ENDIAN_BINARY);
                return;
            }
            differ(path, "InlineBinary (" + ourBytes.length + " and " + theirBytes.length + " bytes)",
                    abbreviated(ours), abbreviated(theirs));
        }

        /** Compares our UN bytes with pydicom's value in the VR its private dictionary gave. */
        private void comparePrivateValue(String path, JsonNode ours, JsonNode theirs) {
            byte[] ourBytes = decode(ours.path("InlineBinary"));
            byte[] theirBytes = theirs.has("InlineBinary")
                    ? decode(theirs.get("InlineBinary"))
                    : encodeLittleEndian(theirs.path("vr").asText(), theirs.path("Value"));
            if (theirBytes != null
                    && (Arrays.equals(ourBytes, theirBytes) || Arrays.equals(withoutPadding(ourBytes), theirBytes))) {
                documented.add(Documented.PRIVATE_VR_FROM_PYDICOMS_DICTIONARY);
            } else {
                differ(path, "private element in pydicom's VR " + theirs.path("vr").asText(),
                        abbreviated(ours.path("InlineBinary")), theirs.get("Value"));
            }
        }

        private static boolean isPrivate(String path) {
            String tag = path.substring(path.lastIndexOf('/') + 1);
            return (Integer.parseInt(tag.substring(0, 4), 16) & 1) == 1;
        }

        /**
         * A value as PS3.5 encodes it in Little Endian: text joined by backslashes without
         * padding, binary numbers in little endian; null for a VR this test does not encode.
         */
        private static byte[] encodeLittleEndian(String vr, JsonNode values) {
            ByteBuffer buffer = ByteBuffer.allocate(8 * values.size()).order(ByteOrder.LITTLE_ENDIAN);
            switch (vr) {
                case "US", "SS" -> values.forEach(value -> buffer.putShort((short) value.asInt()));
                case "UL", "SL" -> values.forEach(value -> buffer.putInt((int) value.asLong()));
                case "FL" -> values.forEach(value -> buffer.putFloat((float) value.asDouble()));
                case "FD" -> values.forEach(value -> buffer.putDouble(value.asDouble()));
                case "AE", "AS", "CS", "DA", "DT", "LO", "LT", "SH", "ST", "TM", "UC", "UI", "UR", "UT" -> {
                    List<String> texts = new ArrayList<>();
                    values.forEach(value -> texts.add(value.isNull() ? "" : value.asText()));
                    return withoutPadding(String.join("\\", texts).getBytes(StandardCharsets.ISO_8859_1));
                }
                default -> {
                    return null;
                }
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }

        private static byte[] decode(JsonNode inlineBinary) {
            return inlineBinary.isMissingNode() ? new byte[0] : Base64.getDecoder().decode(inlineBinary.asText());
        }

        /** Without the trailing spaces and NULs that pad a text value to even length (PS3.5 6.2). */
        private static byte[] withoutPadding(byte[] bytes) {
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
                end--;
            }
            return Arrays.copyOf(bytes, end);
        }

        /** Bytes with each unit of the VR (PS3.5 Table 6.2-1) reversed. */
        private static byte[] swapped(byte[] bytes, String vr) {
            int unit = switch (vr) {
                case "OW" -> 2;
                case "OF", "OL" -> 4;
                case "OD", "OV" -> 8;
                default -> 1;
            };
            byte[] result = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                int start = i - i % unit;
                result[i] = bytes[start + unit - 1 - i % unit];
            }
            return result;
        }

        /** The values, with trailing empty ones dropped: "" and null and an absent value are all empty (F.2.5). */
        private static List<JsonNode> values(JsonNode element) {
            List<JsonNode> values = new ArrayList<>();
            element.path("Value").forEach(values::add);
            while (!values.isEmpty() && isEmpty(values.get(values.size() - 1))) {
                values.remove(values.size() - 1);
            }
            return values;
        }

        private static boolean isEmpty(JsonNode value) {
            return value.isNull() || value.isTextual() && value.asText().isEmpty()
                    || value.isObject() && personNameGroups(value).values().stream().allMatch(String::isEmpty);
        }

        private static boolean sameValue(String vr, JsonNode ours, JsonNode theirs) {
            if (isEmpty(ours) || isEmpty(theirs)) {
                return isEmpty(ours) && isEmpty(theirs);
            }
            if (vr.equals("PN")) {
                return ours.isObject() && theirs.isObject() && personNameGroups(ours).equals(personNameGroups(theirs));
            }
            if (ours.isNumber() && theirs.isNumber()) {
                return vr.equals("FL") || vr.equals("OF")
                        ? (float) ours.doubleValue() == (float) theirs.doubleValue()
                        : ours.decimalValue().compareTo(theirs.decimalValue()) == 0
                                || ours.doubleValue() == theirs.doubleValue();
            }
            return ours.equals(theirs);
        }

        /** A person name's component groups (F.2.2), an absent group as empty. */
        private static Map<String, String> personNameGroups(JsonNode name) {
            return Map.of("Alphabetic", name.path("Alphabetic").asText(""),
                    "Ideographic", name.path("Ideographic").asText(""),
                    "Phonetic", name.path("Phonetic").asText(""));
        }

        private void differ(String path, String what, Object ours, Object theirs) {
            differences.add(file + " " + path + ": " + what + " differs: ours " + ours + ", pydicom's " + theirs);
        }

        private static String abbreviated(JsonNode node) {
            String text = String.valueOf(node);
            return text.length() > 80 ? text.substring(0, 80) + "..." : text;
        }
    }
}
