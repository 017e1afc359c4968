package io.pacslite.archive.query;

import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads QIDO-RS query parameters (PS3.18 8.3.4, 10.6.1) into a {@link Query}: matching keys by
 * keyword or 8 hex digits ({@code PatientName=Doe*}, {@code 00100010=Doe*}), {@code limit},
 * {@code offset}, {@code fuzzymatching}, {@code includefield} (repeated, comma-separated, or
 * {@code all}). Parameters it does not know are ignored, as PS3.18 asks. A key on an attribute
 * in sequence items ({@code 00400275.00401001}, {@code RequestAttributesSequence.RequestedProcedureID})
 * is sequence matching (PS3.4 C.2.2.2.6), at any depth.
 * Combined date-time matching is on, as PS3.18 requires of StudyDate and StudyTime together.
 */
public final class QueryParameters {

    private static final Pattern HEX_TAG = Pattern.compile("[0-9A-Fa-f]{8}");

    private QueryParameters() {
    }

    /**
     * The query that {@code parameters} (decoded, by name, each with its values in order) ask
     * for at {@code level}, under the study and series that the resource path names (null
     * when it names none: {@code /studies/{study}/series/{series}/instances} gives both).
     *
     * @throws QueryException if a key value breaks its VR, or limit, offset or fuzzymatching is malformed
     */
    public static Query parse(QueryLevel level, Map<String, List<String>> parameters, String studyUid,
            String seriesUid) {
        Query.Builder query = Query.builder(level).combinedDateTime(true);
        parameters.forEach((name, values) -> {
            for (String value : values) {
                read(query, name, value);
            }
        });
        if (studyUid != null) {
            query.match(Tag.StudyInstanceUID, studyUid);
        }
        if (seriesUid != null) {
            query.match(Tag.SeriesInstanceUID, seriesUid);
        }
        return query.build();
    }

    private static void read(Query.Builder query, String name, String value) {
        switch (name) {
            case "limit" -> query.limit(number(name, value));
            case "offset" -> query.offset(number(name, value));
            case "fuzzymatching" -> query.fuzzy(bool(name, value));
            case "includefield" -> {
                for (String field : value.split(",")) {
                    if (field.strip().equals("all")) {
                        query.includeAll();
                    } else {
                        int tag = tagOf(field.strip());
                        if (tag != -1) {
                            query.include(tag);
                        }
                    }
                }
            }
            default -> {
                List<Integer> path = pathOf(name);
                if (path != null) {
                    query.match(path, value);
                }
            }
        }
    }

    /**
     * The attribute a matching parameter names (PS3.18 8.3.4.1): a tag or keyword, or a path of
     * them separated by '.' through sequences into their items ({@code 00081032.00080100},
     * {@code ProcedureCodeSequence.CodeValue}); null if it names none, or goes into an
     * attribute that is not a sequence.
     */
    private static List<Integer> pathOf(String name) {
        List<Integer> path = new ArrayList<>();
        for (String part : name.split("\\.", -1)) {
            int tag = tagOf(part);
            boolean intoSequence = path.isEmpty() || ElementDictionary.vrOf(path.getLast()) == VR.SQ;
            if (tag == -1 || !intoSequence) {
                return null;
            }
            path.add(tag);
        }
        return path;
    }

    /** The tag a parameter names by keyword or 8 hex digits; -1 if it names none. */
    static int tagOf(String name) {
        if (HEX_TAG.matcher(name).matches()) {
            return Integer.parseUnsignedInt(name, 16);
        }
        return ElementDictionary.tagOf(name);
    }

    private static int number(String name, String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new QueryException(QueryReason.INVALID_PARAMETER, name + " must be a number of 0 or more, not \""
                + value + "\"");
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new QueryException(QueryReason.INVALID_PARAMETER,
                    name + " must be true or false, not \"" + value + "\"");
        };
    }
}
