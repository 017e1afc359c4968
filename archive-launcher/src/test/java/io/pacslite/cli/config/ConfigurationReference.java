package io.pacslite.cli.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration reference of docs/configuration.md, made from the commented
 * conf/pacslite.yaml: one table a section (a nested section, {@code http.oidc}, gets its own),
 * each key with its default (the file's value), its environment variable, its flag and the
 * comment above it. The file's opening comment (up to
 * the first blank line) is left out: the page says it in more words.
 */
final class ConfigurationReference {

    private static final Pattern COMMENT = Pattern.compile("\\s*#\\s?(.*)");
    private static final Pattern KEY = Pattern.compile("(\\s*)([a-z-]+):\\s*(.*)");

    private ConfigurationReference() {
    }

    /** The reference, in Markdown, for the YAML text {@code yaml}. */
    static String of(String yaml) {
        StringBuilder markdown = new StringBuilder();
        List<String> lines = yaml.lines().dropWhile(line -> !line.isBlank()).toList();
        List<String> comment = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        boolean topLevelTable = false;
        for (String line : lines) {
            Matcher commentLine = COMMENT.matcher(line);
            Matcher keyLine = KEY.matcher(line);
            if (line.isBlank()) {
                comment.clear();
            } else if (commentLine.matches()) {
                comment.add(commentLine.group(1));
            } else if (keyLine.matches()) {
                // two spaces a level: a key belongs to the sections it is indented under
                sections.subList(keyLine.group(1).length() / 2, sections.size()).clear();
                if (keyLine.group(3).isEmpty()) {
                    sections.add(keyLine.group(2));
                    markdown.append("\n### `").append(String.join(".", sections)).append("`\n\n")
                            .append(markdown(comment)).append("\n\n").append(tableHeader());
                    comment.clear();
                    continue;
                }
                if (sections.isEmpty() && !topLevelTable) {
                    markdown.append("\n### Top level\n\n").append(tableHeader());
                    topLevelTable = true;
                }
                List<String> path = new ArrayList<>(sections);
                path.add(keyLine.group(2));
                String key = String.join(".", path);
                Setting setting = Setting.withKey(key)
                        .orElseThrow(() -> new IllegalArgumentException("not a setting: " + key));
                markdown.append("| `").append(key).append("` | `").append(keyLine.group(3)).append("` | `")
                        .append(setting.environmentVariable()).append("` | ")
                        .append(setting.flag().map(flag -> "`" + flag + "`").orElse("")).append(" | ")
                        .append(markdown(comment)).append(" |\n");
                comment.clear();
            } else {
                throw new IllegalArgumentException("neither a comment nor a key: " + line);
            }
        }
        return markdown.toString();
    }

    /** A comment's lines as one paragraph that may stand in a table cell. */
    private static String markdown(List<String> comment) {
        return String.join(" ", comment).replace("<", "&lt;").replace("|", "\\|");
    }

    private static String tableHeader() {
        return "| key | default | environment variable | flag | what |\n|---|---|---|---|---|\n";
    }
}
