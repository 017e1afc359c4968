package io.pacslite.archive.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Person Name (PS3.5 6.2 PN) in the forms the index matches on: each component group folded
 * (upper case, accents removed) for case- and accent-insensitive matching, and the words of
 * all groups for fuzzy matching (PS3.18 8.3.4). See docs/query.md.
 */
public final class Names {

    /**
     * Combining Diacritical Marks (U+0300..U+036F): the accents of Latin, Greek and Cyrillic
     * letters. Other combining marks stay, so that Japanese voiced kana (だ is た with U+3099)
     * are not confused with their unvoiced ones.
     */
    private static final Pattern ACCENTS = Pattern.compile("[\\u0300-\\u036F]+");
    /** What separates the words of a name: components ('^'), groups ('='), spaces, commas and hyphens. */
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s^=,\\-]+");
    private static final int NAME = 400;
    private static final int WORDS = 600;

    /**
     * The columns kept for one PN value.
     *
     * @param alphabetic the folded alphabetic group ({@link #normalize})
     * @param ideographic the folded ideographic group, or null
     * @param phonetic the folded phonetic group, or null
     * @param words {@link #words} of the whole name
     */
    record Columns(String alphabetic, String ideographic, String phonetic, String words) {
    }

    private Names() {
    }

    /**
     * The alphabetic component group of a name (text before the first '='), {@link #fold folded},
     * so that {@code Müller^Jürgen=ミュラー} matches {@code MULLER^JURGEN}. Returns null for null.
     */
    public static String normalize(String name) {
        return name == null ? null : groups(name)[0];
    }

    /**
     * Text in the form name matching compares: upper case (root locale), Latin, Greek and
     * Cyrillic accents removed, then composed again (Unicode NFC), so that Hangul syllables
     * and kana stay one character each.
     */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String composed = Normalizer.normalize(ACCENTS.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC);
        return composed.toUpperCase(Locale.ROOT);
    }

    /** The three component groups of a name, each {@link #fold folded}; "" for an absent group. */
    public static String[] groups(String name) {
        String[] groups = {"", "", ""};
        String[] written = name.split("=", 3);
        for (int i = 0; i < written.length; i++) {
            groups[i] = fold(written[i]);
        }
        return groups;
    }

    /**
     * The words of a name, every group, {@link #fold folded}, each preceded by one space
     * ({@code " YAMADA TAROU 山田 太郎"}), so that {@code LIKE '% TAR%'} finds a word starting
     * with TAR. Null when the name has no word.
     */
    public static String words(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder words = new StringBuilder();
        for (String word : wordsOf(name)) {
            words.append(' ').append(word);
        }
        return words.isEmpty() ? null : words.toString();
    }

    /** The words of a name or of a query, folded, in order. */
    public static List<String> wordsOf(String text) {
        List<String> words = new ArrayList<>();
        for (String word : WORD_SEPARATORS.split(fold(text))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The matching columns of a name, cut to fit; all null for null. */
    static Columns columns(String name) {
        if (name == null) {
            return new Columns(null, null, null, null);
        }
        String[] groups = groups(name);
        return new Columns(Sql.fit(groups[0], NAME), Sql.fit(groups[1], NAME), Sql.fit(groups[2], NAME),
                Sql.fit(words(name), WORDS));
    }

    /**
     * Fills the matching columns of every patient name and referring physician name from the
     * names as stored: the Java part of migration V2, which SQL cannot do.
     */
    static void fillColumns(Connection c) throws SQLException {
        fillColumns(c, "patient", "patient_name");
        fillColumns(c, "study", "referring_physician_name");
    }

    private static void fillColumns(Connection c, String table, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                        "SELECT pk, " + name + " FROM " + table + " WHERE " + name + " IS NOT NULL");
                PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET " + name + "_norm = ?, "
                        + name + "_ideographic = ?, " + name + "_phonetic = ?, " + name + "_words = ? WHERE pk = ?");
                ResultSet rs = select.executeQuery()) {
            int batched = 0;
            while (rs.next()) {
                Columns columns = columns(rs.getString(2));
                update.setString(1, columns.alphabetic());
                update.setString(2, columns.ideographic());
                update.setString(3, columns.phonetic());
                update.setString(4, columns.words());
                update.setLong(5, rs.getLong(1));
                update.addBatch();
                if (++batched % 1000 == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
    }
}
