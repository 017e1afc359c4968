package io.pacslite.archive.index;

import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.audit.ChainedEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code audit_event} table: the audit trail's rows, appended only. How the chain is
 * made and checked is {@link io.pacslite.archive.audit.AuditTrail}'s business; this class only
 * stores rows.
 */
public final class AuditTable {

    private static final String COLUMNS = "seq, at, who, role, address, action, study_uid, series_uid, sop_uid,"
            + " query_keys, outcome, hash, detail";

    private final Transactions transactions;

    AuditTable(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The last row, if there is one. */
    public Optional<ChainedEvent> last() {
        return transactions.run("Reading the last audit event", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM audit_event ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY");
                    ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        });
    }

    /** Appends {@code rows} in one transaction. */
    public void append(List<ChainedEvent> rows) {
        transactions.run("Appending " + rows.size() + " audit events", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_event (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ChainedEvent row : rows) {
                    AuditEvent e = row.event();
                    p.setLong(1, row.seq());
                    p.setObject(2, Sql.utc(e.at()));
                    p.setString(3, e.who());
                    p.setString(4, e.role());
                    p.setString(5, e.address());
                    p.setString(6, e.action().name());
                    p.setString(7, e.studyUid());
                    p.setString(8, e.seriesUid());
                    p.setString(9, e.sopUid());
                    p.setString(10, e.joinedQueryKeys());
                    p.setString(11, e.outcome());
                    p.setString(12, row.hash());
                    p.setString(13, e.detail());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /** Hands the rows that {@code query} matches to {@code action}, in order, in one read. */
    public void search(AuditQuery query, Consumer<ChainedEvent> action) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (query.studyUid() != null) {
            sql.append(" AND study_uid = ?");
            values.add(query.studyUid());
        }
        if (query.who() != null) {
            sql.append(" AND who = ?");
            values.add(query.who());
        }
        if (query.since() != null) {
            sql.append(" AND at >= ?");
            values.add(Sql.utc(query.since()));
        }
        sql.append(" ORDER BY seq");
        transactions.run("Reading the audit trail", c -> {
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    p.setObject(i + 1, values.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        action.accept(row(rs));
                    }
                }
            }
            return null;
        });
    }

    private static ChainedEvent row(ResultSet rs) throws SQLException {
        AuditEvent event = new AuditEvent(Sql.instant(rs.getObject(2, LocalDateTime.class)), rs.getString(3),
                rs.getString(4), rs.getString(5), AuditEvent.Action.valueOf(rs.getString(6)), rs.getString(7),
                rs.getString(8), rs.getString(9), AuditEvent.splitQueryKeys(rs.getString(10)), rs.getString(11), rs.getString(13));
        return new ChainedEvent(rs.getLong(1), event, rs.getString(12));
    }
}
