package io.pacslite.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One golden case file: an input and its expected output side by side, as H2's test scripts
 * hold them. Lines starting with {@code #} and blank lines are comments; {@code name: value}
 * lines are fields (a field may repeat); {@code expect:} is followed by one expected value a
 * line, up to a blank line or the next field; {@code json:} is followed by JSON to the end of
 * the file. The query golden tests of the core and of QIDO-RS read their cases with it.
 *
 * @param name the file name without {@code .txt}: the test's name
 * @param fields the values of each field, in order
 * @param expect the lines after {@code expect:}, or null if there is none
 * @param json the text after {@code json:}, or null if there is none
 */
public record GoldenFile(String name, Map<String, List<String>> fields, List<String> expect, String json) {

    /**
     * Every {@code .txt} file in the resource folder {@code folder} next to {@code owner},
     * by name, each line passed through {@code expand} ("$" for the test UID root, say).
     */
    public static List<GoldenFile> all(Class<?> owner, String folder, UnaryOperator<String> expand) {
        try (Stream<Path> files = Files.list(Path.of(owner.getResource(folder).toURI()))) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().map(f -> read(f, expand)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last value of a field, or null. */
    public String field(String field) {
        List<String> values = fields.get(field);
        return values == null ? null : values.getLast();
    }

    /** Every value of a field (none if absent). */
    public List<String> all(String field) {
        return fields.getOrDefault(field, List.of());
    }

    @Override
    public String toString() {
        return name;
    }

    private static GoldenFile read(Path file, UnaryOperator<String> expand) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<String> expect = null;
        StringBuilder json = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(file + ": not a field: " + line);
            }
            String field = line.substring(0, colon).strip();
            switch (field) {
                case "expect" -> {
                    expect = new ArrayList<>();
                    while (i + 1 < lines.size() && !lines.get(i + 1).isBlank() && !lines.get(i + 1).contains(":")) {
                        expect.add(expand.apply(lines.get(++i).strip()));
                    }
                }
                case "json" -> {
                    json = new StringBuilder();
                    while (i + 1 < lines.size()) {
                        json.append(expand.apply(lines.get(++i))).append('\n');
                    }
                }
                default -> fields.computeIfAbsent(field, f -> new ArrayList<>())
                        .add(expand.apply(line.substring(colon + 1).strip()));
            }
        }
        return new GoldenFile(file.getFileName().toString().replace(".txt", ""), fields, expect,
                json == null ? null : json.toString());
    }
}
