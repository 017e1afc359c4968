package io.pacslite.archive.index;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The study and series rows of recently written series, by Series Instance UID, so that the
 * instances of a series after its first (the common case: a modality sends a series in order)
 * are indexed without looking up their patient, study and series rows again.
 *
 * <p>An entry is added only after the transaction that used it has committed, and every change
 * that removes or moves study or series rows clears the whole map ({@link Index#delete},
 * {@link Index#clear}). An insert that races such a change and still uses a stale entry fails
 * on the series foreign key and is run again without it ({@link Index#insert}).
 */
final class SeriesKeys {

    /** The rows one insert used: study and series primary keys, and what they were checked against. */
    record Keys(long study, long series, String studyUid, String patientKey) {
    }

    private static final int CAPACITY = 256;

    private final Map<String, Keys> recent = new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Keys> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Keys get(String seriesUid) {
        return seriesUid == null ? null : recent.get(seriesUid);
    }

    synchronized void put(String seriesUid, Keys keys) {
        recent.put(seriesUid, keys);
    }

    synchronized void remove(String seriesUid) {
        recent.remove(seriesUid);
    }

    synchronized void clear() {
        recent.clear();
    }
}
