package io.pacslite.dicom.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link DumpWriter} with dcmtk's dcmdump, element by element, over pydicom's whole
 * test corpus: both dumps are parsed into rows of (nesting path, tag, VR, value) and every
 * difference is listed.
 *
 * <p>Differences that are dcmtk's and legitimate are not counted; each is named where it is
 * handled: the VR of private elements, dcmtk's pseudo-VRs for delimiters and fragments,
 * number formatting of FL/FD, and text in character sets dcmtk cannot convert to UTF-8.
 */
class DcmdumpAgreementTest {

    /** Binary values are compared on their first bytes (or words) only; the rest is pixel data, not dump formatting. */
    private static final int COMPARED_HEX_UNITS = 32;

    private static final Pattern ELEMENT = Pattern.compile("^( *)\\(([0-9a-fA-F]{4}),([0-9a-fA-F]{4})\\) (\\S\\S) (.*)$",
            Pattern.DOTALL);
    /** The "# length, VM keyword" comment at the end of a line; greedy value so the last '#' is taken. */
    private static final Pattern COMMENT = Pattern.compile("^(.*)\\s+#\\s+(?:\\d+|u/l)(?:,[^#\n]*)?$", Pattern.DOTALL);
    private static final Pattern ITEM_COUNT = Pattern.compile("#=(\\d+)");

    /** One element (or fragment) of a dump, where it sits and what it shows. */
    record Row(String path, String tag, String vr, String value) {
        String key() {
            return path + tag;
        }
    }

    @Test
    void dcmdumpAgreesWithPacsliteDumpOnTagVrAndValueForTheWholeCorpus() throws IOException {
        TestPeers.require("dcmdump");
        Path data = TestPeers.pydicomData();
        List<Path> corpus;
        try (Stream<Path> files = Stream.concat(Files.walk(data.resolve("test_files")),
                Files.walk(data.resolve("charset_files")))) {
            corpus = files.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, List<String>> differences = new LinkedHashMap<>();
        int comparedFiles = 0;
        int comparedRows = 0;
        for (Path file : corpus) {
            String peerDump = dcmdump(file);
            if (peerDump == null) {
                continue;
            }
            boolean peerConvertedText = !peerDump.startsWith(UNCONVERTED);
            List<String> fileDifferences = new ArrayList<>();
            String ourDump;
            try {
                ourDump = pacsliteDump(file);
            } catch (IOException e) {
                differences.put(data.relativize(file).toString(), List.of("dcmdump reads it, we fail: " + e));
                continue;
            }
            comparedRows += compare(parse(peerDump), parse(ourDump), peerConvertedText, fileDifferences);
            comparedFiles++;
            if (!fileDifferences.isEmpty()) {
                differences.put(data.relativize(file).toString(), fileDifferences);
            }
        }
        StringBuilder report = new StringBuilder();
        differences.forEach((file, list) -> {
            report.append(file).append(" (").append(list.size()).append(" differences)\n");
            list.stream().limit(20).forEach(line -> report.append("    ").append(line).append('\n'));
        });
        assertThat(differences).as("differences from dcmdump in %d files:%n%s", differences.size(), report).isEmpty();
        assertThat(comparedFiles).as("files compared").isGreaterThan(150);
        assertThat(comparedRows).as("rows compared").isGreaterThan(5_000);
    }

    private static final String UNCONVERTED = "#unconverted\n";

    /**
     * dcmdump's text of {@code file}, or null if dcmdump cannot read it. Text is converted
     * to UTF-8 (+U8); where dcmtk's iconv cannot convert the file's character set (dcmtk
     * 3.6.7 on Debian lacks ISO 2022 IR 87 and IR 159), the file is dumped unconverted and
     * marked so that only its ASCII text is compared.
     */
    private static String dcmdump(Path file) throws IOException {
        TestPeers.Result converted = TestPeers.run(List.of("dcmdump", "-q", "+U8", "+uc", "-Un", "+L", file.toString()), null);
        if (converted.exitCode() == 0) {
            return converted.stdout();
        }
        TestPeers.Result raw = TestPeers.run(List.of("dcmdump", "-q", "+uc", "-Un", "+L", file.toString()), null);
        return raw.exitCode() == 0 ? UNCONVERTED + raw.stdout() : null;
    }

    private static String pacsliteDump(Path file) throws IOException {
        DicomFile dicom;
        try (DicomReader reader = DicomReader.open(file)) {
            dicom = reader.readFile();
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            DumpWriter writer = new DumpWriter(out).printValuesInFull();
            writer.write(dicom.fileMeta(), 0);
            writer.write(dicom.dataset(), 0);
        }
        return text.toString();
    }

    /**
     * Rows of a dump. Indentation gives the nesting: elements of an item are two levels
     * below their sequence, the item one level. A line that does not start with a tag
     * continues the text value of the line before (LT, ST, UT may hold line breaks);
     * dcmdump's comment lines (DICOMDIR record offsets) start with '#'.
     */
    static List<Row> parse(String dump) {
        List<String> lines = new ArrayList<>();
        for (String line : dump.split("\n", -1)) {
            if (ELEMENT.matcher(line).matches() || lines.isEmpty()) {
                lines.add(line);
            } else if (!line.isBlank() && !line.strip().startsWith("#")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n" + line);
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> sequenceTags = new ArrayList<>();
        List<Integer> itemIndexes = new ArrayList<>();
        for (String line : lines) {
            Matcher element = ELEMENT.matcher(line.replace("\r", ""));
            if (!element.matches()) {
                continue;
            }
            int depth = element.group(1).length() / 2;
            String tag = (element.group(2) + "," + element.group(3)).toLowerCase();
            String vr = element.group(4);
            Matcher comment = COMMENT.matcher(element.group(5));
            String value = (comment.matches() ? comment.group(1) : element.group(5)).strip();
            int level = depth / 2;
            while (sequenceTags.size() > level + 1) {
                sequenceTags.remove(sequenceTags.size() - 1);
                itemIndexes.remove(itemIndexes.size() - 1);
            }
            if (tag.equals("fffe,e00d") || tag.equals("fffe,e0dd")) {
                continue;
            }
            if (depth % 2 == 1) {
                if (sequenceTags.size() <= level) {
                    continue;
                }
                itemIndexes.set(level, itemIndexes.get(level) + 1);
                if (vr.equals("pi")) {
                    rows.add(new Row(path(sequenceTags, itemIndexes, level + 1), tag, vr, value));
                }
                continue;
            }
            while (sequenceTags.size() > level) {
                sequenceTags.remove(sequenceTags.size() - 1);
                itemIndexes.remove(itemIndexes.size() - 1);
            }
            rows.add(new Row(path(sequenceTags, itemIndexes, level), tag, vr, value));
            sequenceTags.add(tag);
            itemIndexes.add(-1);
        }
        return rows;
    }

    private static String path(List<String> sequenceTags, List<Integer> itemIndexes, int levels) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            path.append('(').append(sequenceTags.get(i)).append(")[").append(itemIndexes.get(i)).append("]/");
        }
        return path.toString();
    }

    /** Adds the differences between the two dumps to {@code differences}; returns the number of rows compared. */
    private static int compare(List<Row> peer, List<Row> ours, boolean peerConvertedText, List<String> differences) {
        Map<String, Row> ourRows = new LinkedHashMap<>();
        ours.forEach(row -> ourRows.put(row.key(), row));
        Map<String, Row> peerRows = new LinkedHashMap<>();
        peer.forEach(row -> peerRows.put(row.key(), row));
        for (Row row : ours) {
            if (!peerRows.containsKey(row.key()) && !(peerConvertedText && isCharacterSet(row))) {
                differences.add("only ours: " + row);
            }
        }
        int compared = 0;
        for (Row theirs : peer) {
            if (peerConvertedText && isCharacterSet(theirs)) {
                // dcmdump +U8 converts the data set to UTF-8 and so sets (or adds) Specific
                // Character Set "ISO_IR 192" (PS3.3 C.12.1.1.2); the file's own is not shown.
                continue;
            }
            Row mine = ourRows.get(theirs.key());
            if (mine == null) {
                differences.add("only dcmdump's: " + theirs);
                continue;
            }
            compared++;
            if (!sameVR(theirs, mine)) {
                differences.add("VR " + mine.vr() + " instead of " + theirs.vr() + ": " + mine.key());
            }
            String expected = normalise(theirs.value(), mine.vr());
            String actual = normalise(mine.value(), mine.vr());
            if (!sameValue(expected, actual, mine.vr(), peerConvertedText)) {
                differences.add(mine.key() + " " + mine.vr() + " value [" + abbreviate(actual) + "] instead of ["
                        + abbreviate(expected) + "]");
            }
        }
        return compared;
    }

    private static boolean isCharacterSet(Row row) {
        return row.tag().equals("0008,0005");
    }

    /**
     * Whether the VRs agree. Not compared: private elements, whose VR dcmtk takes from its
     * private dictionary where we keep UN as the file says or as Implicit VR leaves it
     * (PS3.5 6.2.2); dcmtk's pseudo-VRs "??" (unknown) and "pi" (fragment); "ox" (OB or OW),
     * "xs" (US or SS) and "lt" (OW or US), which dcmtk prints where it left the dictionary's
     * ambiguous VR unresolved (PS3.5 A.1 and PS3.6 6, note 2); "up", dcmtk's name for the UL
     * offsets of a DICOMDIR (PS3.3 F.3.2.2).
     *
     * <p>Encapsulated Pixel Data that a file encodes as OW: dcmtk shows OB, the only VR
     * PS3.5 A.4 allows for it; we show the VR the file has.
     */
    private static boolean sameVR(Row peer, Row ours) {
        if (Integer.parseInt(peer.tag().substring(0, 4), 16) % 2 == 1) {
            return true;
        }
        if (ours.tag().equals("7fe0,0010") && ours.value().startsWith("(PixelSequence")) {
            return peer.vr().equals("OB") && (ours.vr().equals("OB") || ours.vr().equals("OW"));
        }
        return switch (peer.vr()) {
            case "??", "pi" -> true;
            case "ox" -> ours.vr().equals("OB") || ours.vr().equals("OW");
            case "xs" -> ours.vr().equals("US") || ours.vr().equals("SS");
            case "lt" -> ours.vr().equals("OW") || ours.vr().equals("US");
            case "up" -> ours.vr().equals("UL");
            default -> peer.vr().equals(ours.vr());
        };
    }

    /**
     * The comparable part of a value (of our VR): the item count of a sequence; the first
     * bytes or words of a binary value; each of several text values without the padding
     * PS3.5 6.2 calls insignificant (dcmdump shows "DERIVED \PRIMARY", we "DERIVED\PRIMARY");
     * tags in lower case.
     */
    private static String normalise(String value, String vr) {
        if (value.startsWith("(Sequence") || value.startsWith("(PixelSequence")) {
            Matcher count = ITEM_COUNT.matcher(value);
            return count.find() ? "items " + count.group(1) : value;
        }
        if (value.startsWith("(no value")) {
            return "";
        }
        if (isHex(vr)) {
            String[] units = value.split("\\\\", -1);
            return String.join("\\", Arrays.copyOf(units, Math.min(units.length, COMPARED_HEX_UNITS)));
        }
        if (vr.equals("AT")) {
            return value.toLowerCase();
        }
        if (value.startsWith("[") && value.endsWith("]")) {
            String text = value.substring(1, value.length() - 1);
            if (vr.equals("LT") || vr.equals("ST") || vr.equals("UT") || vr.equals("UR")) {
                return text.replaceAll("[ \0]+$", "");
            }
            return Arrays.stream(text.split("\\\\", -1)).map(DcmdumpAgreementTest::stripPadding)
                    .collect(Collectors.joining("\\"));
        }
        return value;
    }

    /** Without leading and trailing spaces, and without NUL padding (which dcmdump prints and PS3.5 6.2 allows only for UI). */
    private static String stripPadding(String value) {
        return value.replaceAll("[ \0]+$", "").strip();
    }

    private static boolean isHex(String vr) {
        return switch (vr) {
            case "OB", "OW", "UN", "pi" -> true;
            default -> false;
        };
    }

    /**
     * Whether two normalised values agree: exactly, or
     * <ul>
     * <li>FL and FD numerically, since dcmtk prints them with its own precision;</li>
     * <li>binary values of odd length, which dcmtk pads with a zero byte when it reads them
     * (PS3.5 7.1.1 asks for even lengths) while we keep the bytes the file has;</li>
     * <li>text of a file dcmtk could not convert to UTF-8 only where dcmtk's raw bytes are
     * ASCII without ISO 2022 escapes (PS3.5 6.1.2.5).</li>
     * </ul>
     */
    private static boolean sameValue(String expected, String actual, String vr, boolean peerConvertedText) {
        if (expected.equals(actual)) {
            return true;
        }
        if (!peerConvertedText && !expected.chars().allMatch(c -> c < 0x80 && c != 0x1B)) {
            return true;
        }
        if (isHex(vr) && !actual.isEmpty() && actual.split("\\\\").length < COMPARED_HEX_UNITS) {
            return expected.equals(actual + "\\00") || expected.equals(actual + "\\0000");
        }
        if (vr.equals("FL") || vr.equals("FD")) {
            String[] left = expected.split("\\\\");
            String[] right = actual.split("\\\\");
            if (left.length != right.length) {
                return false;
            }
            for (int i = 0; i < left.length; i++) {
                if (!sameNumber(left[i], right[i], vr.equals("FL"))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean sameNumber(String left, String right, boolean singlePrecision) {
        try {
            if (singlePrecision) {
                return Float.parseFloat(left) == Float.parseFloat(right);
            }
            double a = Double.parseDouble(left);
            double b = Double.parseDouble(right);
            return a == b || Math.abs(a - b) <= 1e-14 * Math.max(Math.abs(a), Math.abs(b));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 120 ? value.substring(0, 120) + "..." : value;
    }
}
