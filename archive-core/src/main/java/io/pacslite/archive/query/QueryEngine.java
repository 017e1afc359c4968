package io.pacslite.archive.query;

import io.pacslite.archive.index.Index;
import io.pacslite.dicom.data.Attributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one query engine of the archive (DESIGN principle 5): QIDO-RS and C-FIND both hand it a
 * {@link Query} and get data sets back, answered from the index alone. A query is one SQL
 * statement for the matches (paged by the database), plus, when attributes must come from the
 * stored metadata of the first instance of each study or series, one statement per batch of
 * matches. Sequence keys (PS3.4 C.2.2.2.6) are matched on that metadata after the statement,
 * and their queries paged here. See docs/query.md. Thread-safe.
 */
public final class QueryEngine {

    /** Matches read and completed together: the batch of the metadata statement. */
    private static final int BATCH = 200;

    private final Index index;

    /** An engine answering from {@code index}. */
    public QueryEngine(Index index) {
        this.index = index;
    }

    /**
     * One page of matches (the query's offset and limit), and whether more follow: for
     * QIDO-RS.
     *
     * @throws io.pacslite.archive.index.IndexException if the index fails
     */
    public QueryResult search(Query query) {
        int limit = query.limit();
        List<Attributes> matches = new ArrayList<>();
        // one match more than the page, to know whether more follow
        boolean paged = limit > 0 && limit < Integer.MAX_VALUE;
        forEach(paged ? query.page(query.offset(), limit + 1) : query, matches::add);
        boolean more = paged && matches.size() > limit;
        return new QueryResult(more ? matches.subList(0, limit) : matches, more);
    }

    /**
     * Hands every match, in order, to {@code action} until it returns false: for C-FIND, which
     * sends each as a pending response and stops on C-CANCEL. Matches are read in batches;
     * the action runs while an index connection is held.
     */
    public void forEach(Query query, Predicate<Attributes> action) {
        ReturnKeys returned = ReturnKeys.of(query);
        boolean rowMetadata = query.level() == QueryLevel.INSTANCE && returned.needsMetadata();
        // Sequence keys are matched after the statement (SequenceMatching): it cannot page then.
        boolean filtered = !query.sequenceKeys().isEmpty();
        QuerySql.Statement statement = QuerySql.select(filtered ? query.page(0, 0) : query, returned.columns(),
                rowMetadata);
        Predicate<Attributes> paged = filtered ? new Page(query.offset(), query.limit(), action) : action;
        index.read("Querying " + query.level(), c -> {
            try (PreparedStatement p = prepare(c, statement)) {
                p.setFetchSize(BATCH);
                try (ResultSet rs = p.executeQuery()) {
                    List<Row> batch = new ArrayList<>(BATCH);
                    boolean going = true;
                    while (going && rs.next()) {
                        byte[] metadata = rowMetadata ? rs.getBytes(2) : null;
                        batch.add(new Row(rs.getLong(1), metadata,
                                Matches.fromRow(rs, rowMetadata ? 3 : 2, returned.columns())));
                        if (batch.size() == BATCH) {
                            going = emit(c, query, returned, batch, paged);
                            batch.clear();
                        }
                    }
                    if (going) {
                        emit(c, query, returned, batch, paged);
                    }
                }
            }
            return null;
        });
    }

    /** One matched row: its key, its instance metadata (instance level), its data set so far. */
    private record Row(long key, byte[] metadata, Attributes match) {
    }

    private static boolean emit(Connection c, Query query, ReturnKeys returned, List<Row> batch,
            Predicate<Attributes> action) throws SQLException {
        if (batch.isEmpty()) {
            return true;
        }
        Map<Long, byte[]> firstInstances = query.level() != QueryLevel.INSTANCE && returned.needsMetadata()
                ? firstInstances(c, query.level(), batch) : Map.of();
        List<MatchKey> sequenceKeys = query.sequenceKeys();
        for (Row row : batch) {
            Attributes metadata = Matches.read(row.metadata() != null ? row.metadata() : firstInstances.get(row.key()));
            if (!SequenceMatching.matches(metadata, sequenceKeys)) {
                continue;
            }
            Matches.addFromMetadata(row.match(), metadata, returned);
            SequenceMatching.addMatchingItems(row.match(), metadata, sequenceKeys, query.absentAsEmpty());
            if (query.absentAsEmpty()) {
                Matches.addEmpty(row.match(), returned);
            }
            if (!action.test(row.match())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A page of the matches counted in Java, for queries the database cannot page: skips
     * {@code offset} matches, then hands on at most {@code limit} (0: all) while the action
     * goes on.
     */
    private static final class Page implements Predicate<Attributes> {

        private final int offset;
        private final int limit;
        private final Predicate<Attributes> action;
        private int seen;

        Page(int offset, int limit, Predicate<Attributes> action) {
            this.offset = offset;
            this.limit = limit;
            this.action = action;
        }

        @Override
        public boolean test(Attributes match) {
            seen++;
            if (seen <= offset) {
                return true;
            }
            return action.test(match) && (limit == 0 || seen - offset < limit);
        }
    }

    private static Map<Long, byte[]> firstInstances(Connection c, QueryLevel level, List<Row> batch)
            throws SQLException {
        List<Long> keys = batch.stream().map(Row::key).toList();
        Map<Long, byte[]> metadata = new HashMap<>();
        try (PreparedStatement p = prepare(c, QuerySql.firstInstances(level, keys)); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                metadata.put(rs.getLong(1), rs.getBytes(2));
            }
        }
        return metadata;
    }

    private static PreparedStatement prepare(Connection c, QuerySql.Statement statement) throws SQLException {
        PreparedStatement p = c.prepareStatement(statement.sql());
        List<Object> parameters = statement.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            p.setObject(i + 1, parameters.get(i));
        }
        return p;
    }
}
