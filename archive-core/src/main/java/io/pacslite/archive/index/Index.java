package io.pacslite.archive.index;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The SQL index of the archive: patient, study, series and instance rows with the matching
 * keys of each level and each instance's DICOM JSON metadata, so queries and metadata never
 * open files. H2 embedded in file mode behind a HikariCP pool; the schema is brought up to date
 * by {@link Migrations} when the index opens. See docs/index.md.
 *
 * <p>What a commit guarantees: H2 writes committed transactions to its file in the background
 * and does not fsync each one. The files are the truth and the index is derived from them
 * (DESIGN principle 3): {@link #checkpoint()} records an instant before which every commit is on
 * disk, and start-up recovery re-indexes the files received after {@link #durableBefore()}.
 *
 * <p>Thread-safe: every method takes a pooled connection for one transaction. Transactions
 * that lose a race with a concurrent one are run again, a bounded number of times.
 */
public final class Index implements Closeable {

    /**
     * H2 settings, appended to the JDBC URL.
     * <ul>
     *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: no H2 shutdown hook closing the database under
     *       writers that are still running; the owner closes the index, and an index that is not
     *       closed is recovered like a crash.</li>
     *   <li>{@code LOCK_TIMEOUT=10000}: writers into the same study wait for one study row
     *       lock; the default one second is too short under a burst of stores.</li>
     *   <li>{@code CACHE_SIZE=65536}: 64 MB page cache (KB), so the upper levels of the
     *       indexes stay in memory.</li>
     *   <li>{@code QUERY_CACHE_SIZE=64}: prepared statements kept per session; the store path
     *       alone runs about ten distinct statements per instance, more than the default 8, so
     *       with the default every statement was parsed again on every store.</li>
     * </ul>
     */
    static final String H2_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;CACHE_SIZE=65536;QUERY_CACHE_SIZE=64";

    private static final String DURABLE_BEFORE = "durable_before";
    /** SQLSTATE of a foreign key naming a row that does not exist. */
    private static final String PARENT_MISSING = "23506";
    private static final int FETCH_SIZE = 1000;

    private final HikariDataSource pool;
    private final Transactions transactions;
    private final SeriesKeys seriesKeys = new SeriesKeys();
    private final Transactions reads;

    private Index(HikariDataSource pool, int maxAttempts) {
        this.pool = pool;
        this.transactions = new Transactions(pool, maxAttempts);
        this.reads = new Transactions(pool, 1);
    }

    /**
     * Opens (creating if needed) the index in {@code indexDir} and migrates its schema.
     *
     * @throws IndexException if the database cannot be opened or is newer than this code
     */
    public static Index open(Path indexDir) {
        return open(indexDir, H2_SETTINGS, Transactions.MAX_ATTEMPTS);
    }

    /**
     * Opens the index for start-up recovery, which is alone with it: a lock it cannot get
     * within a second is not a concurrent writer but a defect, and fails at once with an
     * {@link IndexException} instead of being waited for and retried.
     *
     * <p>The defect this guards against is H2's: a process killed while a commit is being
     * written can leave, after reopening, a committed-but-unapplied transaction that keeps
     * its rows locked. The archive then rebuilds the index from the files.
     */
    public static Index openForRecovery(Path indexDir) {
        return open(indexDir, H2_SETTINGS.replace("LOCK_TIMEOUT=10000", "LOCK_TIMEOUT=1000"), 1);
    }

    private static Index open(Path indexDir, String settings, int maxAttempts) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + indexDir.toAbsolutePath().resolve("pacslite") + settings);
        config.setUsername("sa");
        config.setPassword("");
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        config.setPoolName("pacslite-index");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IndexException("Cannot open the index in " + indexDir + ": " + e.getMessage(), e);
        }
        try {
            Migrations.migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Index(pool, maxAttempts);
    }

    /** The audit trail's rows (docs/security.md, "Audit trail"). */
    public AuditTable auditEvents() {
        return new AuditTable(transactions);
    }

    /** The reports of each study (docs/dicomweb.md, "Reports"). */
    public ReportTable reports() {
        return new ReportTable(transactions);
    }

    /** The attachments of imported studies (docs/user-guide.md, "Uploads"). */
    public AttachmentTable attachments() {
        return new AttachmentTable(transactions);
    }

    /** The API tokens (docs/security.md). */
    public ApiTokenTable apiTokens() {
        return new ApiTokenTable(transactions);
    }

    /** Rows at each level, and the total size in bytes of the indexed files. */
    public record Stats(long patients, long studies, long series, long instances, long bytes) {
    }

    /**
     * Indexes one instance in one transaction: patient, study and series rows are found or
     * created, the instance row added, the derived counts and ModalitiesInStudy updated and
     * the change logged. Nothing changes when the result is not {@link InsertResult.Inserted}.
     *
     * @throws IllegalArgumentException if a UID or the file key is missing or too long, or the
     *     series is indexed in another study
     */
    public InsertResult insert(InstanceRecord r) {
        SeriesKeys.Keys[] written = new SeriesKeys.Keys[1];
        InsertResult result = transactions.run("Indexing " + r.sopUid(), c -> {
            SeriesKeys.Keys known = seriesKeys.get(r.seriesUid());
            try {
                return InstanceWriter.insert(c, r, known, keys -> written[0] = keys);
            } catch (SQLException e) {
                if (known == null || !PARENT_MISSING.equals(e.getSQLState())) {
                    throw e;
                }
                // The series or study was removed since the keys were noted: look them up again.
                c.rollback();
                seriesKeys.remove(r.seriesUid());
                return InstanceWriter.insert(c, r, null, keys -> written[0] = keys);
            }
        });
        if (written[0] != null) {
            seriesKeys.put(r.seriesUid(), written[0]);
        }
        return result;
    }

    /**
     * Points an indexed instance at its new file (file key, size, hash, transfer syntax,
     * metadata, time received); patient, study and series attributes are left as they are.
     *
     * @throws java.util.NoSuchElementException if the instance is not indexed
     */
    public void replace(InstanceRecord r) {
        transactions.run("Replacing " + r.sopUid(), c -> {
            InstanceWriter.replace(c, r);
            return null;
        });
    }

    /**
     * Applies a study correction: the rewritten files' {@code records}, one per instance of the
     * study, in one transaction (see {@link StudyCorrections}).
     *
     * @return null if applied; else why it was not, with nothing changed
     * @throws java.util.NoSuchElementException if the study is not indexed
     */
    public String correct(String studyUid, List<InstanceRecord> records) {
        try {
            return transactions.run("Correcting " + studyUid, c -> StudyCorrections.apply(c, studyUid, records));
        } finally {
            seriesKeys.clear();
        }
    }

    /** The indexed instance with this SOP Instance UID, or null. */
    public StoredInstance find(String sopUid) {
        return transactions.run("Finding " + sopUid, c -> InstanceWriter.find(c, sopUid));
    }

    /**
     * Removes an instance; its series, study and patient go too when they become empty.
     *
     * @return false if the instance was not indexed
     */
    public boolean delete(String sopUid) {
        try {
            return transactions.run("Deleting " + sopUid, c -> InstanceWriter.delete(c, sopUid));
        } finally {
            seriesKeys.clear();
        }
    }

    /**
     * Calls {@code action} for every indexed instance, read in batches so that a million rows
     * are never in memory at once. The action runs while a pooled connection is held.
     */
    public void forEachInstance(Consumer<StoredInstance> action) {
        transactions.run("Listing instances", c -> {
            try (PreparedStatement p = c.prepareStatement(InstanceWriter.FIND + " ORDER BY i.pk")) {
                p.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        action.accept(InstanceWriter.storedInstance(rs));
                    }
                }
            }
            return null;
        });
    }

    /** How many rows of each level, and the total size of the stored files. */
    public Stats stats() {
        return transactions.run("Counting", c -> new Stats(count(c, "SELECT COUNT(*) FROM patient"),
                count(c, "SELECT COUNT(*) FROM study"), count(c, "SELECT COUNT(*) FROM series"),
                count(c, "SELECT COUNT(*) FROM instance"), count(c, "SELECT COALESCE(SUM(size), 0) FROM instance")));
    }

    /** Read-only work on a connection to the index; see {@link #read}. */
    @FunctionalInterface
    public interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs read-only work on a pooled connection in one transaction, for the query engine
     * ({@code io.pacslite.archive.query}), which compiles queries to SQL on this schema. It
     * runs once: a read that has handed out results must not be run again.
     *
     * @throws IndexException if the work fails with an {@link SQLException}
     */
    public <T> T read(String what, Read<T> work) {
        return reads.run(what, work::run);
    }

    /**
     * The indexed instances of a study, of one of its series, or one instance, ordered by
     * series number, instance number and arrival; empty if none. A null UID matches any.
     */
    public List<StoredInstance> instances(String studyUid, String seriesUid, String sopUid) {
        return transactions.run("Listing instances of " + studyUid, c -> {
            List<StoredInstance> instances = new ArrayList<>();
            try (PreparedStatement p = selectInstances(c, InstanceWriter.FIND, studyUid, seriesUid, sopUid);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    instances.add(InstanceWriter.storedInstance(rs));
                }
            }
            return instances;
        });
    }

    /**
     * The stored DICOM JSON metadata of the instances {@link #instances} lists, in the same
     * order, read from the index alone (DESIGN principle 4: no file is opened).
     */
    public List<StoredMetadata> metadata(String studyUid, String seriesUid, String sopUid) {
        return transactions.run("Reading metadata of " + studyUid, c -> {
            List<StoredMetadata> metadata = new ArrayList<>();
            String sql = InstanceWriter.FIND.replace(" FROM instance", ", i.received_at, i.metadata FROM instance");
            try (PreparedStatement p = selectInstances(c, sql, studyUid, seriesUid, sopUid);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    metadata.add(new StoredMetadata(InstanceWriter.storedInstance(rs),
                            Sql.instant(rs.getObject(9, LocalDateTime.class)), rs.getBytes(10)));
                }
            }
            return metadata;
        });
    }

    private static PreparedStatement selectInstances(Connection c, String select, String studyUid, String seriesUid,
            String sopUid) throws SQLException {
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        List<String> values = new ArrayList<>(3);
        for (String[] condition : new String[][] {{" AND st.study_uid = ?", studyUid},
                {" AND se.series_uid = ?", seriesUid}, {" AND i.sop_uid = ?", sopUid}}) {
            if (condition[1] != null) {
                sql.append(condition[0]);
                values.add(condition[1]);
            }
        }
        sql.append(" ORDER BY se.series_number NULLS LAST, se.pk, i.instance_number NULLS LAST, i.pk");
        PreparedStatement p = c.prepareStatement(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            p.setString(i + 1, values.get(i));
        }
        p.setFetchSize(FETCH_SIZE);
        return p;
    }

    /** The metadata bytes stored with an instance, or null if it is not indexed. */
    public byte[] metadata(String sopUid) {
        return transactions.run("Reading metadata of " + sopUid, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT metadata FROM instance WHERE sop_uid = ?")) {
                p.setString(1, sopUid);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    /**
     * Records one upload (an association, a STOW-RS request, an import run).
     *
     * @param source the AE title, the client address, or {@code cli:import}
     */
    public void logUpload(Instant started, Instant finished, String source, int stored, int duplicates,
            int failed, String outcome) {
        transactions.run("Logging an upload", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO upload_log (started_at, finished_at,"
                    + " source, stored, duplicates, failed, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setObject(1, Sql.utc(started));
                p.setObject(2, Sql.utc(finished));
                p.setString(3, Sql.fit(source, 200));
                p.setInt(4, stored);
                p.setInt(5, duplicates);
                p.setInt(6, failed);
                p.setString(7, Sql.fit(outcome, 200));
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Removes every patient, study, series and instance row, for a re-index; schema and logs stay. */
    public void clear() {
        transactions.run("Clearing the index", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM instance");
                s.executeUpdate("DELETE FROM series");
                s.executeUpdate("DELETE FROM study");
                s.executeUpdate("DELETE FROM patient");
            }
            return null;
        });
        seriesKeys.clear();
    }

    /**
     * Makes every commit so far durable: records the current instant as {@code durable_before},
     * then forces the database file to disk ({@code CHECKPOINT SYNC}). The instant is taken
     * before the sync, so every transaction committed before it is on disk once this returns.
     */
    public void checkpoint() {
        Instant now = Instant.now();
        transactions.run("Checkpoint", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE archive_state SET state_value = ? WHERE name = ?")) {
                p.setString(1, Long.toString(now.toEpochMilli()));
                p.setString(2, DURABLE_BEFORE);
                p.executeUpdate();
            }
            return null;
        });
        transactions.run("Checkpoint", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
            return null;
        });
    }

    /**
     * Writes a copy of the database to the new file {@code zip} while the index stays in use
     * (H2's {@code BACKUP TO}): the copy holds exactly the transactions committed when it began.
     * {@code pacslite backup} builds its file manifest from that copy (docs/backup.md).
     */
    public void backup(Path zip) {
        String file = zip.toAbsolutePath().toString().replace("'", "''");
        reads.run("Backing up the index", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("BACKUP TO '" + file + "'");
            }
            return null;
        });
    }

    /**
     * The instant before which every commit is known to be on disk; {@link Instant#EPOCH} if
     * no checkpoint was ever made. Files received after it may be missing from the index;
     * since a file is written before its index commit, recovery looks back a margin before it.
     */
    public Instant durableBefore() {
        return transactions.run("Reading the checkpoint", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT state_value FROM archive_state WHERE name = ?")) {
                p.setString(1, DURABLE_BEFORE);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Instant.ofEpochMilli(Long.parseLong(rs.getString(1))) : Instant.EPOCH;
                }
            }
        });
    }

    /**
     * Makes every commit durable ({@link #checkpoint()}) and closes the pool; H2 closes the
     * database with its last connection. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (pool.isClosed()) {
            return;
        }
        try {
            checkpoint();
        } finally {
            pool.close();
        }
    }

    /** For tests: direct SQL against the index. */
    DataSource dataSource() {
        return pool;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
