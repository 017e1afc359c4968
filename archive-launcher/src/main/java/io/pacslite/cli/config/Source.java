package io.pacslite.cli.config;

import java.nio.file.Path;

/**
 * Where the value of a setting came from, as {@code pacslite config show} says it and as an
 * error message starts: {@code default}, the file's path, {@code env PACSLITE_...} or
 * {@code flag --...}.
 *
 * @param description the source in those words
 */
public record Source(String description) {

    /** The built-in default. */
    public static final Source DEFAULT = new Source("default");

    static Source file(Path file) {
        return new Source(file.toString());
    }

    static Source environment(Setting setting) {
        return new Source("env " + setting.environmentVariable());
    }

    static Source flag(Setting setting) {
        return new Source("flag " + setting.flag().orElseThrow());
    }

    @Override
    public String toString() {
        return description;
    }
}
