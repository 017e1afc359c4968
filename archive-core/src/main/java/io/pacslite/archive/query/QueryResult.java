package io.pacslite.archive.query;

import io.pacslite.dicom.data.Attributes;
import java.util.List;

/**
 * One page of matches, in the query's order (docs/query.md).
 *
 * @param matches one data set per match, text in UTF-8 (Specific Character Set ISO_IR 192)
 * @param more whether matches beyond this page exist (QIDO-RS warns of them, PS3.18 10.6.2)
 */
public record QueryResult(List<Attributes> matches, boolean more) {

    /** Keeps an unmodifiable copy of the matches. */
    public QueryResult {
        matches = List.copyOf(matches);
    }
}
