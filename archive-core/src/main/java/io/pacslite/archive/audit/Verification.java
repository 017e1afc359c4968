package io.pacslite.archive.audit;

import io.pacslite.archive.index.AuditTable;

/**
 * The result of walking the audit chain from its first row: how many rows were checked, and
 * the first that breaks the chain, if any. A row breaks it when its sequence number is not one
 * more than the previous row's (a row was deleted) or its hash is not that of the previous
 * hash and its own content (it, or a row before it, was edited).
 *
 * @param rows the rows read
 * @param firstBroken the sequence number where the chain breaks, or 0 if it holds
 * @param reason why it breaks there; null if it holds
 */
public record Verification(long rows, long firstBroken, String reason) {

    /** Whether the chain holds. */
    public boolean intact() {
        return firstBroken == 0;
    }

    /** One line for people: intact with how many rows, or where and why it breaks. */
    public String describe() {
        return intact() ? "audit chain intact: " + rows + " rows"
                : "audit chain broken at row " + firstBroken + " (of " + rows + " rows): " + reason;
    }

    static Verification of(AuditTable table) {
        Walk walk = new Walk();
        table.search(AuditQuery.ALL, walk::accept);
        return new Verification(walk.rows, walk.firstBroken, walk.reason);
    }

    private static final class Walk {
        long rows;
        long firstBroken;
        String reason;
        private long previousSeq;
        private String previousHash = ChainedEvent.GENESIS;

        void accept(ChainedEvent row) {
            rows++;
            if (firstBroken == 0) {
                if (row.seq() != previousSeq + 1) {
                    firstBroken = row.seq();
                    reason = "rows " + (previousSeq + 1) + " to " + (row.seq() - 1) + " are missing";
                } else if (!row.follows(previousHash)) {
                    firstBroken = row.seq();
                    reason = "its hash does not match its content and the previous row's hash";
                }
            }
            previousSeq = row.seq();
            previousHash = row.hash();
        }
    }
}
