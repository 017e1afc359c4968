package io.pacslite.archive.index;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Runs a unit of work in one transaction, and runs it again when it lost a race with a
 * concurrent transaction ({@link Sql#isConflict}), a bounded number of times.
 */
final class Transactions {

    /** One unit of work; it may roll back itself to leave nothing behind. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static final int MAX_ATTEMPTS = 20;

    private final DataSource dataSource;
    private final int maxAttempts;

    Transactions(DataSource dataSource, int maxAttempts) {
        this.dataSource = dataSource;
        this.maxAttempts = maxAttempts;
    }

    <T> T run(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (!Sql.isConflict(e) || attempt >= maxAttempts) {
                    throw new IndexException(what + " failed: " + e.getMessage(), e);
                }
                pause(attempt);
            }
        }
    }

    /** A short random pause, growing with the attempts, so that racing writers fall out of step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + 5 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("Interrupted while retrying an index transaction");
        }
    }
}
