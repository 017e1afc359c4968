package io.pacslite.dicom.fileset;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The identifier of a file in a File-set (PS3.10 8.5, 8.2): one to eight components, each one
 * to eight characters of uppercase letters, digits and underscore (PS3.12 applies the same
 * limits to media file names). Stored in a directory record's Referenced File ID as a CS value
 * of one component per value; a path or ZIP member name joins them with {@code /}.
 *
 * @param components the path components, outermost first
 */
public record FileId(List<String> components) {

    /** The most components a File ID has (PS3.10 8.5). */
    public static final int MAX_COMPONENTS = 8;
    private static final Pattern COMPONENT = Pattern.compile("[A-Z0-9_]{1,8}");

    /** Checks the components against PS3.10 8.5. */
    public FileId {
        components = List.copyOf(components);
        if (components.isEmpty() || components.size() > MAX_COMPONENTS) {
            throw new IllegalArgumentException("a File ID has 1 to " + MAX_COMPONENTS + " components, not "
                    + components.size());
        }
        for (String component : components) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("File ID component \"" + component
                        + "\" is not 1 to 8 of A-Z, 0-9 and _ (PS3.10 8.5)");
            }
        }
    }

    /** A File ID of the given components. */
    public static FileId of(String... components) {
        return new FileId(List.of(components));
    }

    /** The components joined with {@code /}: a relative path, or a ZIP member name. */
    public String path() {
        return String.join("/", components);
    }

    @Override
    public String toString() {
        return path();
    }
}
