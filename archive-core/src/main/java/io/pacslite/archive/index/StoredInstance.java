package io.pacslite.archive.index;

/** What the index knows of a stored instance: where its file is and what it holds. */
public record StoredInstance(String studyUid, String seriesUid, String sopUid, String sopClassUid,
        String transferSyntaxUid, String fileKey, long size, String sha256) {
}
