package io.pacslite.archive.imports;

/**
 * What an import takes, and how it shares its work (docs/user-guide.md, "Uploads").
 *
 * @param maxInflatedBytes the most bytes the members of ZIP archives may inflate to, over the
 *     whole import and every level of nesting (a zip bomb stops here); files and bodies that are
 *     not ZIP archives are not counted
 * @param maxRatio the most a ZIP member may inflate per byte it takes in the archive, checked
 *     once it has inflated to {@code ratioFloor} bytes (a highly compressible member stops here)
 * @param ratioFloor the size from which {@code maxRatio} is checked: below it, any ratio is
 *     fine (a small blank image compresses a thousandfold)
 * @param maxDepth how deep ZIP archives may nest: 1 takes a ZIP, 2 a ZIP in a ZIP, ...
 * @param bufferThreshold the largest member read into memory and handed to a worker thread; a
 *     larger one is stored from the stream by the reading thread
 * @param bufferBudget the most bytes of members held in memory at once, waiting for or in the
 *     hands of the workers
 * @param threads how many instances are stored at once
 * @param maxAttachmentBytes the largest attachment kept
 * @param maxAttachments the most attachments one import keeps; the rest are reported, not kept
 * @param maxDirectoryBytes the largest DICOMDIR read
 */
public record ImportLimits(long maxInflatedBytes, int maxRatio, long ratioFloor, int maxDepth, int bufferThreshold,
        int bufferBudget, int threads, long maxAttachmentBytes, int maxAttachments, int maxDirectoryBytes) {

    /**
     * 32 GiB inflated, a ratio of 200 from 8 MiB on, three levels, members up to 8 MiB buffered
     * within 64 MiB, two threads per core but at least 8 (a store waits on its fsync far more
     * than it computes, so more stores at once than cores keep the disk busy), attachments up to
     * 2 GiB and 1,000 of them, DICOMDIRs up to 64 MiB.
     */
    public static final ImportLimits DEFAULTS = new ImportLimits(32L << 30, 200, 8L << 20, 3, 8 << 20, 64 << 20,
            Math.max(8, 2 * Runtime.getRuntime().availableProcessors()), 2L << 30, 1000, 64 << 20);

    public ImportLimits {
        if (maxInflatedBytes <= 0 || maxRatio < 1 || ratioFloor < 0 || maxDepth < 1 || bufferThreshold < 0
                || bufferBudget < bufferThreshold || threads < 1 || maxAttachmentBytes < 0 || maxAttachments < 0
                || maxDirectoryBytes < 1) {
            throw new IllegalArgumentException("invalid import limits: " + this);
        }
    }

    /** These limits with another cap on inflated bytes. */
    public ImportLimits withMaxInflatedBytes(long bytes) {
        return new ImportLimits(bytes, maxRatio, ratioFloor, maxDepth, bufferThreshold, bufferBudget, threads,
                maxAttachmentBytes, maxAttachments, maxDirectoryBytes);
    }

    /** These limits with another ratio cap, checked from {@code floor} bytes on. */
    public ImportLimits withMaxRatio(int ratio, long floor) {
        return new ImportLimits(maxInflatedBytes, ratio, floor, maxDepth, bufferThreshold, bufferBudget, threads,
                maxAttachmentBytes, maxAttachments, maxDirectoryBytes);
    }

    /** These limits with another nesting depth. */
    public ImportLimits withMaxDepth(int depth) {
        return new ImportLimits(maxInflatedBytes, maxRatio, ratioFloor, depth, bufferThreshold, bufferBudget, threads,
                maxAttachmentBytes, maxAttachments, maxDirectoryBytes);
    }

    /** These limits with {@code count} threads. */
    public ImportLimits withThreads(int count) {
        return new ImportLimits(maxInflatedBytes, maxRatio, ratioFloor, maxDepth, bufferThreshold, bufferBudget, count,
                maxAttachmentBytes, maxAttachments, maxDirectoryBytes);
    }

    /** These limits buffering members up to {@code threshold} bytes within {@code budget}. */
    public ImportLimits withBuffering(int threshold, int budget) {
        return new ImportLimits(maxInflatedBytes, maxRatio, ratioFloor, maxDepth, threshold, budget, threads,
                maxAttachmentBytes, maxAttachments, maxDirectoryBytes);
    }
}
