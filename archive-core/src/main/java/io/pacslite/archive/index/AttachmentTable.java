package io.pacslite.archive.index;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code attachment} table (index version 5): the files of an import that are not DICOM,
 * each kept with a study. Where the bytes are and how they are served is
 * {@link io.pacslite.archive.imports.Attachments}'s business; this class only stores rows.
 */
public final class AttachmentTable {

    /** The longest name kept; a longer one is cut (it is only shown, never used as a path). */
    public static final int MAX_NAME_LENGTH = 1024;

    private static final String COLUMNS = "pk, study_uid, name, size, media_type, sha256, import_id, created_at";

    private final Transactions transactions;

    AttachmentTable(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * One attachment of a study.
     *
     * @param id its number, which names it in URLs
     * @param studyUid the study it is kept with
     * @param name the member's name in the import, as sent (never a path on this machine)
     * @param size its size in bytes
     * @param mediaType the type it is served with
     * @param sha256 the SHA-256 of its bytes, 64 lowercase hex digits
     * @param importId the import that brought it, or null
     * @param created when it was kept
     */
    public record Row(long id, String studyUid, String name, long size, String mediaType, String sha256,
            String importId, Instant created) {
    }

    /**
     * Adds a row unless the study has the same bytes under the same name already (an import
     * run twice keeps one).
     *
     * @return the row, new or found
     */
    public Row insert(String studyUid, String name, long size, String mediaType, String sha256, String importId,
            Instant created) {
        Sql.required(studyUid, 64, "the Study Instance UID");
        String fitted = Sql.fit(name, MAX_NAME_LENGTH);
        String kept = fitted == null ? "(no name)" : fitted;
        return transactions.run("Adding an attachment of " + studyUid, c -> {
            Optional<Row> existing = find(c, "study_uid = ? AND sha256 = ? AND name = ?", studyUid, sha256, kept);
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO attachment (study_uid, name, size, media_type,"
                    + " sha256, import_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, studyUid);
                p.setString(2, kept);
                p.setLong(3, size);
                p.setString(4, Sql.fit(mediaType, 64));
                p.setString(5, sha256);
                p.setString(6, Sql.fit(importId, 64));
                p.setObject(7, Sql.utc(created));
                p.executeUpdate();
            }
            return find(c, "study_uid = ? AND sha256 = ? AND name = ?", studyUid, sha256, kept).orElseThrow();
        });
    }

    /** The attachments of a study, in the order they were kept. */
    public List<Row> ofStudy(String studyUid) {
        return transactions.run("Listing the attachments of " + studyUid, c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM attachment WHERE study_uid = ? ORDER BY pk")) {
                p.setString(1, studyUid);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
    }

    /** The attachment {@code id} of the study, if it has one of that number. */
    public Optional<Row> find(String studyUid, long id) {
        return transactions.run("Finding an attachment of " + studyUid, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM attachment WHERE study_uid = ? AND pk = ?")) {
                p.setString(1, studyUid);
                p.setLong(2, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Removes the rows of a study.
     *
     * @return the SHA-256 of each removed row that no other row names any more (whose file may go)
     */
    public List<String> deleteStudy(String studyUid) {
        return transactions.run("Removing the attachments of " + studyUid, c -> {
            List<String> hashes = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT sha256 FROM attachment WHERE study_uid = ?")) {
                p.setString(1, studyUid);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        hashes.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM attachment WHERE study_uid = ?")) {
                p.setString(1, studyUid);
                p.executeUpdate();
            }
            List<String> unused = new ArrayList<>();
            for (String hash : hashes) {
                try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM attachment WHERE sha256 = ?")) {
                    p.setString(1, hash);
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next()) {
                            unused.add(hash);
                        }
                    }
                }
            }
            return unused;
        });
    }

    private static Optional<Row> find(java.sql.Connection c, String where, String... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM attachment WHERE " + where)) {
            for (int i = 0; i < values.length; i++) {
                p.setString(i + 1, values[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), Sql.instant(rs.getObject(8, LocalDateTime.class)));
    }
}
