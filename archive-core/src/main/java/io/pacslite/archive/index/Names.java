package io.pacslite.archive.index;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Person Name (PS3.5 6.2 PN) in the form the index matches on. */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Names() {
    }

    /**
     * The alphabetic component group of a name (text before the first '='), accents removed
     * and upper-cased, so that {@code Müller^Jürgen=ミュラー} matches {@code MULLER^JURGEN}.
     * Returns null for null.
     */
    public static String normalize(String name) {
        if (name == null) {
            return null;
        }
        int ideographic = name.indexOf('=');
        String alphabetic = ideographic < 0 ? name : name.substring(0, ideographic);
        String decomposed = Normalizer.normalize(alphabetic, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
