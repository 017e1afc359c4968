package io.pacslite.dicom.dict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the tab-separated tables written by the generators in archive-core/generator
 * (generate_dictionary.py, generate_confidentiality_profile.py): UTF-8, one row per line,
 * lines starting with '#' are comments.
 */
public final class TsvResource {

    private TsvResource() {
    }

    /** The rows of the resource {@code name} beside this class, each split at tabs. */
    static List<String[]> rows(String name) {
        return rows(TsvResource.class, name);
    }

    /** The rows of the resource {@code name} in the package of {@code beside}, each split at tabs. */
    public static List<String[]> rows(Class<?> beside, String name) {
        InputStream in = beside.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name + " in package " + beside.getPackageName());
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("\t", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
