package io.pacslite.archive.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For tests outside this package: what an archive's commit journal would replay. */
public final class JournalFiles {

    private JournalFiles() {
    }

    /**
     * The keys of the files the journal under {@code archiveRoot} would put back (those whose
     * last record is not a tombstone): the files committed through it since the last
     * checkpoint, which a power loss could have taken.
     */
    public static List<String> pendingKeys(Path archiveRoot) throws IOException {
        try (Journal journal = Journal.open(archiveRoot.resolve("journal"), Journal.SEGMENT_SIZE, () -> { })) {
            Map<String, Byte> last = new LinkedHashMap<>();
            for (JournalSegment.Entry record : journal.records()) {
                last.put(record.key(), record.kind());
            }
            last.values().removeIf(kind -> kind != JournalSegment.FILE);
            return List.copyOf(last.keySet());
        }
    }
}
