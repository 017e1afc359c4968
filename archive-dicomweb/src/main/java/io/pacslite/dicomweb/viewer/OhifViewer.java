package io.pacslite.dicomweb.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The OHIF Viewer release that PACS-lite serves at {@code /}, and where {@code bin/fetch-ohif}
 * installs it: {@code $XDG_CACHE_HOME/pacslite/ohif-<version>} ({@code ~/.cache} when the variable
 * is unset). The version is pinned in {@code ohif.properties}, which the script reads too.
 * See docs/viewer.md.
 */
public final class OhifViewer {

    /** The pinned {@code @ohif/app} version. */
    public static final String VERSION = pinnedVersion();

    private OhifViewer() {
    }

    /** Where {@code bin/fetch-ohif} puts the viewer's files. */
    public static Path defaultDirectory() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache);
        return base.resolve("pacslite").resolve("ohif-" + VERSION);
    }

    /** Whether {@code directory} holds a built viewer (its {@code index.html}). */
    public static boolean isInstalled(Path directory) {
        return Files.isRegularFile(directory.resolve("index.html"));
    }

    private static String pinnedVersion() {
        Properties properties = new Properties();
        try (InputStream in = OhifViewer.class.getResourceAsStream("ohif.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
