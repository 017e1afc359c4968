package io.pacslite.archive.query;

import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.dict.ElementDictionary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One query, as QIDO-RS (PS3.18 10.6) and C-FIND (PS3.4 C.4.1) both ask it: the level, the
 * matching keys, what to return, and which page of the matches. Built with {@link #builder};
 * QIDO-RS query parameters are read by {@link QueryParameters}. See docs/query.md.
 *
 * @param keys the matching keys; every key's attribute is also returned
 * @param includeFields attributes to return besides the keys and the defaults (PS3.18 includefield)
 * @param includeAll return every attribute the index holds for the level (includefield=all)
 * @param defaultAttributes return the attributes PS3.18 Tables 10.6.3-3..5 require (QIDO-RS);
 *     C-FIND turns this off and names its return keys instead
 * @param absentAsEmpty return an attribute asked for but without a value as an empty attribute
 *     (C-FIND, PS3.4 C.4.1.1.3.2) rather than leaving it out (QIDO-RS)
 * @param combinedDateTime match StudyDate and StudyTime ranges as one date-time range (PS3.4
 *     C.2.2.2.5; always in QIDO-RS, in C-FIND only when negotiated)
 * @param offset how many matches to skip
 * @param limit how many matches to return at most; 0 for all
 */
public record Query(QueryLevel level, List<MatchKey> keys, Set<Integer> includeFields, boolean includeAll,
        boolean defaultAttributes, boolean absentAsEmpty, boolean combinedDateTime, int offset, int limit) {

    /** @throws QueryException if offset or limit is negative */
    public Query {
        keys = List.copyOf(keys);
        includeFields = Set.copyOf(includeFields);
        if (offset < 0 || limit < 0) {
            throw new QueryException(QueryReason.INVALID_PARAMETER, "offset and limit cannot be negative");
        }
    }

    /** A builder for a query at {@code level}: defaults on, no keys, no limit. */
    public static Builder builder(QueryLevel level) {
        return new Builder(level);
    }

    /** The key on {@code tag}, or null. */
    public MatchKey key(int tag) {
        for (MatchKey key : keys) {
            if (key.tag() == tag) {
                return key;
            }
        }
        return null;
    }

    /**
     * The sequence keys with item keys (PS3.4 C.2.2.2.6): matched on the stored metadata after
     * the SQL statement, which then cannot page.
     */
    public List<MatchKey> sequenceKeys() {
        return keys.stream().filter(key -> key.match() instanceof Match.Sequence).toList();
    }

    /**
     * The keys that ask for something but that the index cannot match at this level (not kept
     * in a column, or kept below the level, and not a sequence key): they are ignored, and
     * every entity matches them. QIDO-RS may say so in a Warning header; see docs/query.md for
     * what is matchable.
     */
    public List<Integer> unmatchableKeys() {
        List<Integer> tags = new ArrayList<>();
        for (MatchKey key : keys) {
            Columns.Column column = Columns.at(level, key.tag());
            boolean matched = key.match() instanceof Match.Universal || key.match() instanceof Match.Sequence
                    || column != null && column.isMatchable();
            if (!matched) {
                tags.add(key.tag());
            }
        }
        return tags;
    }

    /** The same query for another page. */
    public Query page(int offset, int limit) {
        return new Query(level, keys, includeFields, includeAll, defaultAttributes, absentAsEmpty, combinedDateTime,
                offset, limit);
    }

    /** Builds a {@link Query}; key values are read (PS3.4 C.2.2.2) when it is built. */
    public static final class Builder {

        private final QueryLevel level;
        /** Key values by path: a tag, or the tags of sequences and then of an attribute of their items. */
        private final Map<List<Integer>, String> values = new LinkedHashMap<>();
        private final Set<Integer> includeFields = new TreeSet<>(Integer::compareUnsigned);
        private boolean fuzzy;
        private boolean includeAll;
        private boolean defaultAttributes = true;
        private boolean absentAsEmpty;
        private boolean combinedDateTime;
        private int offset;
        private int limit;

        private Builder(QueryLevel level) {
            this.level = level;
        }

        /** A matching key, its value as written in the query; a later value for the same tag replaces it. */
        public Builder match(int tag, String value) {
            return match(List.of(tag), value);
        }

        /**
         * A matching key inside sequence items (PS3.4 C.2.2.2.6): {@code path} is the tags of
         * the sequences, outermost first, then the tag of the attribute of their item, such as
         * ProcedureCodeSequence, CodeValue. Keys in the items of one sequence form one item of
         * the query; a later value for the same path replaces it.
         */
        public Builder match(List<Integer> path, String value) {
            values.put(List.copyOf(path), value);
            return this;
        }

        /** Fuzzy matching of person names (PS3.18 8.3.4 fuzzymatching). */
        public Builder fuzzy(boolean fuzzy) {
            this.fuzzy = fuzzy;
            return this;
        }

        /** Returns this attribute too. */
        public Builder include(int tag) {
            includeFields.add(tag);
            return this;
        }

        /** Returns every attribute the index holds for the level. */
        public Builder includeAll() {
            includeAll = true;
            return this;
        }

        /** Returns the defaults of PS3.18 Tables 10.6.3-3..5 (on unless turned off; C-FIND turns it off). */
        public Builder defaultAttributes(boolean on) {
            defaultAttributes = on;
            return this;
        }

        /** Returns attributes asked for but without a value as empty ones (C-FIND, PS3.4 C.4.1.1.3.2). */
        public Builder absentAsEmpty(boolean on) {
            absentAsEmpty = on;
            return this;
        }

        /** Matches StudyDate and StudyTime ranges together as one date-time range (PS3.4 C.2.2.2.5). */
        public Builder combinedDateTime(boolean on) {
            combinedDateTime = on;
            return this;
        }

        /** Skips this many matches. */
        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        /** Returns at most this many matches; 0, the default, for all. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /**
         * The query, each key value read as PS3.4 C.2.2.2 says for its VR.
         *
         * @throws QueryException if a key value is not valid for its VR, or offset or limit is negative
         */
        public Query build() {
            return new Query(level, keys(values, ""), includeFields, includeAll, defaultAttributes, absentAsEmpty,
                    combinedDateTime, offset, limit);
        }

        /**
         * The keys of one data set or item from values by path: one key per attribute, and a
         * sequence key per sequence that paths go into (which replaces a value of its own).
         */
        private List<MatchKey> keys(Map<List<Integer>, String> paths, String within) {
            Map<Integer, Map<List<Integer>, String>> items = new LinkedHashMap<>();
            paths.forEach((path, value) -> {
                if (path.size() > 1) {
                    items.computeIfAbsent(path.get(0), tag -> new LinkedHashMap<>())
                            .put(path.subList(1, path.size()), value);
                }
            });
            List<MatchKey> keys = new ArrayList<>();
            paths.forEach((path, value) -> {
                if (path.size() == 1 && !items.containsKey(path.get(0))) {
                    keys.add(key(path.get(0), value, within));
                }
            });
            items.forEach((tag, item) -> keys.add(new MatchKey(tag,
                    new Match.Sequence(keys(item, within + ElementDictionary.keywordOf(tag) + ".")))));
            return keys;
        }

        private MatchKey key(int tag, String value, String within) {
            try {
                return new MatchKey(tag, Match.of(ElementDictionary.vrOf(tag), value, fuzzy));
            } catch (QueryException e) {
                throw new QueryException(e.reason(), Tags.toString(tag) + " " + within
                        + ElementDictionary.keywordOf(tag) + ": " + e.getMessage());
            }
        }
    }
}
