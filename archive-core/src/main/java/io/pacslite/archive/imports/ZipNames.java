package io.pacslite.archive.imports;

import java.util.Locale;

/**
 * The names of ZIP members: which are refused, which are junk, and how they are compared with a
 * DICOMDIR's Referenced File IDs. A member's name is only ever shown and compared; it never
 * becomes a path on this machine.
 */
final class ZipNames {

    private static final int MAX_LENGTH = 4096;

    private ZipNames() {
    }

    /**
     * What is unsafe about a member name, or null: absolute ({@code /etc/x}, {@code \x},
     * {@code C:x}), climbing out ({@code ..} as a segment), control characters, or too long.
     * Such names are what path traversal attacks on unzipping tools look like ("zip slip"); an
     * archive that has one is refused.
     */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "has no name";
        }
        if (name.length() > MAX_LENGTH) {
            return "has a name longer than " + MAX_LENGTH + " characters";
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            return "is an absolute path";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return "names a drive";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "has control characters in its name";
            }
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "climbs out of the archive (a \"..\" segment)";
            }
        }
        return null;
    }

    /** A name fit for a report and a log: control characters replaced, at most 300 characters. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 300; i++) {
            char c = name.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    /**
     * Files that operating systems leave in folders and archives (macOS resource forks and
     * folder settings, Windows thumbnail caches): skipped, neither stored nor kept.
     */
    static boolean isJunk(String name) {
        String normal = name.replace('\\', '/');
        String last = normal.substring(normal.lastIndexOf('/') + 1);
        return normal.startsWith("__MACOSX/") || normal.contains("/__MACOSX/") || last.startsWith("._")
                || last.equals(".DS_Store") || last.equalsIgnoreCase("Thumbs.db") || last.equalsIgnoreCase("desktop.ini");
    }

    /**
     * The form in which a member name and a DICOMDIR reference are compared: '/' separators,
     * upper case (a Referenced File ID is CS, upper case; copies of CDs often have lower-case
     * names), without an ISO 9660 version ({@code ;1}) or a trailing dot.
     */
    static String normal(String name) {
        String normal = name.replace('\\', '/').toUpperCase(Locale.ROOT);
        int version = normal.lastIndexOf(';');
        if (version > normal.lastIndexOf('/')) {
            normal = normal.substring(0, version);
        }
        if (normal.endsWith(".")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        while (normal.startsWith("./")) {
            normal = normal.substring(2);
        }
        return normal.replace("/./", "/");
    }

    /** The part of a member name up to and including its last separator ("" for none). */
    static String folderOf(String name) {
        int slash = Math.max(name.lastIndexOf('/'), Math.max(name.lastIndexOf('\\'), name.lastIndexOf('!')));
        return name.substring(0, slash + 1);
    }
}
