package io.pacslite.archive.query;

import io.pacslite.archive.index.Names;
import io.pacslite.archive.query.Columns.Column;
import io.pacslite.archive.query.Columns.Kind;
import io.pacslite.dicom.dict.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compiles a {@link Query} to one parameterised SQL statement on the index schema, in the SQL
 * that H2 and PostgreSQL share: equality and IN for values and lists, LIKE with ESCAPE for
 * wild cards (a prefix before the first wild card can use the column's index), comparisons on
 * the text forms of DA and TM for ranges, EXISTS on the series for ModalitiesInStudy.
 * See docs/query.md.
 */
final class QuerySql {

    /** A statement and the values of its parameters, in order. */
    record Statement(String sql, List<Object> parameters) {
    }

    private static final String ESCAPE = " ESCAPE '\\'";

    /** The table of each level, and how it joins the level above. */
    private static final Map<QueryLevel, String> TABLE = Map.of(
            QueryLevel.PATIENT, "patient p", QueryLevel.STUDY, "study st", QueryLevel.SERIES, "series se",
            QueryLevel.INSTANCE, "instance i");
    private static final Map<QueryLevel, String> JOIN_ABOVE = Map.of(
            QueryLevel.STUDY, " ON p.pk = st.patient_fk", QueryLevel.SERIES, " ON st.pk = se.study_fk",
            QueryLevel.INSTANCE, " ON se.pk = i.series_fk");

    /** The row key of each level: the first column of every result row. */
    private static final Map<QueryLevel, String> KEY = Map.of(
            QueryLevel.PATIENT, "p.pk", QueryLevel.STUDY, "st.pk", QueryLevel.SERIES, "se.pk",
            QueryLevel.INSTANCE, "i.pk");

    /**
     * The order of matches, stable because the row key ends it: newest studies first (by
     * StudyDate and StudyTime, then the latest indexed); series by study, then SeriesNumber;
     * instances by series, then InstanceNumber; patients by name. Missing values sort last.
     */
    private static final Map<QueryLevel, String> ORDER = Map.of(
            QueryLevel.PATIENT, " ORDER BY p.patient_name_norm NULLS LAST, p.pk",
            QueryLevel.STUDY, " ORDER BY st.study_date DESC NULLS LAST, st.study_time DESC NULLS LAST, st.pk DESC",
            QueryLevel.SERIES, " ORDER BY se.study_fk, se.series_number NULLS LAST, se.pk",
            QueryLevel.INSTANCE, " ORDER BY i.series_fk, i.instance_number NULLS LAST, i.pk");

    /** How the first instance of each matched entity is found, for attributes from its metadata. */
    private static final Map<QueryLevel, String> OWNER = Map.of(
            QueryLevel.PATIENT, "st.patient_fk", QueryLevel.STUDY, "se.study_fk", QueryLevel.SERIES, "i.series_fk");

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    private QuerySql() {
    }

    /**
     * The statement for one page of matches: the row key, the instance metadata if
     * {@code withMetadata} (instance level), then {@code columns} in order.
     */
    static Statement select(Query query, List<Column> columns, boolean withMetadata) {
        QuerySql where = new QuerySql();
        where.addKeys(query);
        StringBuilder sql = new StringBuilder("SELECT ").append(KEY.get(query.level()));
        if (withMetadata) {
            sql.append(", i.metadata");
        }
        for (Column column : columns) {
            sql.append(", ").append(column.sql());
        }
        sql.append(from(query));
        if (!where.conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where.conditions));
        }
        sql.append(ORDER.get(query.level()));
        if (query.offset() > 0) {
            sql.append(" OFFSET ? ROWS");
            where.parameters.add(query.offset());
        }
        if (query.limit() > 0) {
            sql.append(" FETCH FIRST ? ROWS ONLY");
            where.parameters.add(query.limit());
        }
        return new Statement(sql.toString(), where.parameters);
    }

    /**
     * The metadata of the first indexed instance of each of {@code owners}, row keys of
     * patients, studies or series at {@code level}: rows of (owner, metadata).
     */
    static Statement firstInstances(QueryLevel level, List<Long> owners) {
        String owner = OWNER.get(level);
        String marks = String.join(", ", Collections.nCopies(owners.size(), "?"));
        String sql = "SELECT f.owner, i.metadata FROM instance i JOIN (SELECT " + owner + " AS owner,"
                + " MIN(i.pk) AS first_pk FROM instance i JOIN series se ON se.pk = i.series_fk"
                + " JOIN study st ON st.pk = se.study_fk WHERE " + owner + " IN (" + marks + ")"
                + " GROUP BY " + owner + ") f ON i.pk = f.first_pk";
        return new Statement(sql, List.copyOf(owners));
    }

    /**
     * The level's table joined to those above it. A level above with no key to match is an
     * outer join (every row has its parent, so the result is the same): that keeps the
     * database reading the level's own table first, in the order of its index, and stopping
     * after a page, rather than starting from the parents and sorting everything.
     */
    private static String from(Query query) {
        StringBuilder from = new StringBuilder(" FROM ").append(TABLE.get(query.level()));
        for (QueryLevel level = query.level(); level != QueryLevel.PATIENT; ) {
            QueryLevel above = QueryLevel.values()[level.ordinal() - 1];
            from.append(matchesAt(query, above) ? " JOIN " : " LEFT JOIN ").append(TABLE.get(above))
                    .append(JOIN_ABOVE.get(level));
            level = above;
        }
        return from.toString();
    }

    /** Whether the query matches a key kept at {@code level}. */
    private static boolean matchesAt(Query query, QueryLevel level) {
        for (MatchKey key : query.keys()) {
            Column column = Columns.at(query.level(), key.tag());
            if (column != null && column.level() == level && column.isMatchable()
                    && !(key.match() instanceof Match.Universal)) {
                return true;
            }
        }
        return false;
    }

    private void addKeys(Query query) {
        MatchKey date = query.key(Tag.StudyDate);
        MatchKey time = query.key(Tag.StudyTime);
        boolean combined = query.combinedDateTime() && date != null && time != null
                && date.match() instanceof Match.Range && time.match() instanceof Match.Range
                && Columns.at(query.level(), Tag.StudyDate) != null;
        if (combined) {
            addDateTime((Match.Range) date.match(), (Match.Range) time.match());
        }
        for (MatchKey key : query.keys()) {
            Column column = Columns.at(query.level(), key.tag());
            boolean done = combined && (key == date || key == time);
            if (column != null && column.isMatchable() && !done) {
                add(column, key.match());
            }
        }
    }

    private void add(Column column, Match match) {
        String sql = column.sql();
        switch (match) {
            case Match.Universal u -> { }
            case Match.Sequence s -> { } // on the stored metadata, after the statement (SequenceMatching)
            case Match.Empty e -> conditions.add(sql + " IS NULL");
            case Match.Range r -> addRange(sql, r);
            case Match.Fuzzy f -> addFuzzy(column, f);
            case Match.Single s when column.kind() == Kind.PERSON_NAME -> addPersonName(sql, s.value(), " = ?");
            case Match.Wildcard w when column.kind() == Kind.PERSON_NAME -> addPersonName(sql, like(w.pattern()),
                    " LIKE ?" + ESCAPE);
            case Match.Single s -> addValues(column, List.of(s.value()));
            case Match.AnyOf a -> addValues(column, a.values());
            case Match.Wildcard w -> {
                conditions.add(test(column, "LIKE ?" + ESCAPE));
                parameters.add(like(w.pattern()));
            }
        }
    }

    /** Values of a column, or of the study's series for ModalitiesInStudy: equal to one of them. */
    private void addValues(Column column, List<String> values) {
        String test = values.size() == 1 ? "= ?"
                : "IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
        conditions.add(test(column, test));
        for (String value : values) {
            parameters.add(column.kind() == Kind.INTEGER ? (Object) Integer.valueOf(value.strip().replace("+", ""))
                    : value);
        }
    }

    /** The condition {@code column <test>}; for ModalitiesInStudy, on the Modality of any series of the study. */
    private static String test(Column column, String test) {
        if (column.kind() == Kind.MODALITIES) {
            return "EXISTS (SELECT 1 FROM series ms WHERE ms.study_fk = st.pk AND ms.modality " + test + ")";
        }
        return column.sql() + " " + test;
    }

    private void addRange(String sql, Match.Range range) {
        if (range.lower() != null && range.lower().equals(range.upper())) {
            conditions.add(sql + " = ?");
            parameters.add(range.lower());
            return;
        }
        if (range.lower() != null) {
            conditions.add(sql + " >= ?");
            parameters.add(range.lower());
        }
        if (range.upper() != null) {
            conditions.add(sql + " <= ?");
            parameters.add(range.upper());
        }
    }

    /**
     * Combined date-time matching (PS3.4 C.2.2.2.5): StudyDate and StudyTime ranges as one
     * range from (lower date, lower time) to (upper date, upper time); a time bound applies only
     * on its date, and an open date bound leaves that end open.
     */
    private void addDateTime(Match.Range date, Match.Range time) {
        if (date.lower() != null) {
            addDateTimeBound(date.lower(), time.lower(), ">");
        }
        if (date.upper() != null) {
            addDateTimeBound(date.upper(), time.upper(), "<");
        }
    }

    private void addDateTimeBound(String date, String time, String beyond) {
        // The date bound alone, implied by the combined one, lets the database use the date index.
        conditions.add("st.study_date " + beyond + "= ?");
        parameters.add(date);
        if (time != null) {
            conditions.add("(st.study_date " + beyond + " ? OR st.study_time " + beyond + "= ?)");
            parameters.addAll(List.of(date, time));
        }
    }

    /**
     * Person name matching on the folded groups ({@code <column>_norm}, {@code _ideographic},
     * {@code _phonetic}): a key without '=' matches if any group matches it (one of ASCII
     * letters, only the alphabetic group can); a key with groups matches group by group, an
     * empty group of the key matching anything.
     */
    private void addPersonName(String sql, String key, String test) {
        String[] groups = Names.groups(key);
        String[] columns = {sql + "_norm", sql + "_ideographic", sql + "_phonetic"};
        if (key.indexOf('=') < 0 && isAscii(groups[0])) {
            // Ideographic and phonetic groups hold kanji, kana or hangul: a key of ASCII letters
            // matches the alphabetic group alone, on its index (an OR of the three would scan).
            conditions.add(columns[0] + test);
            parameters.add(groups[0]);
            return;
        }
        if (key.indexOf('=') < 0) {
            conditions.add("(" + Arrays.stream(columns).map(c -> c + test)
                    .collect(Collectors.joining(" OR ")) + ")");
            parameters.addAll(List.of(groups[0], groups[0], groups[0]));
            return;
        }
        for (int i = 0; i < 3; i++) {
            if (!groups[i].isEmpty() && !groups[i].equals("%")) {
                conditions.add(columns[i] + test);
                parameters.add(groups[i]);
            }
        }
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** Fuzzy matching: each word of the key starts a word of the name ({@code <column>_words}). */
    private void addFuzzy(Column column, Match.Fuzzy fuzzy) {
        for (String word : fuzzy.words()) {
            conditions.add(column.sql() + "_words LIKE ?" + ESCAPE);
            parameters.add("% " + like(word) + "%");
        }
    }

    /** A DICOM wild card pattern as a LIKE pattern: '*' is '%', '?' is '_', and LIKE's own characters escaped. */
    static String like(String pattern) {
        StringBuilder like = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }
}
