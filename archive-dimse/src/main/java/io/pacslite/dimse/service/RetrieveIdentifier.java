package io.pacslite.dimse.service;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.query.Query;
import io.pacslite.archive.query.QueryEngine;
import io.pacslite.archive.query.QueryException;
import io.pacslite.archive.query.QueryLevel;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A C-GET or C-MOVE Identifier (PS3.4 C.4.2.1.4.1, C.4.3.1.3.1) read into the instances to
 * send. The Query/Retrieve Level names a level of the model, and the unique key of that level
 * must have a value: one UID or a list of UIDs (PatientID at the PATIENT level, a single
 * value). Unique keys of the levels above narrow the search when present (PS3.4 C.4.2.2.1);
 * any other key is ignored. Otherwise A900 with the reason.
 */
public final class RetrieveIdentifier {

    private static final Map<QueryLevel, Integer> UNIQUE_KEYS = Map.of(QueryLevel.PATIENT, Tag.PatientID,
            QueryLevel.STUDY, Tag.StudyInstanceUID, QueryLevel.SERIES, Tag.SeriesInstanceUID,
            QueryLevel.INSTANCE, Tag.SOPInstanceUID);

    private RetrieveIdentifier() {
    }

    /**
     * The stored instances {@code identifier} names under {@code model}, in the engine's order
     * (by series, then instance number).
     *
     * @throws IdentifierException A900 for a missing or unknown level, a missing unique key, or a malformed one
     */
    public static List<StoredInstance> instances(QueryRetrieveModel model, Attributes identifier, QueryEngine engine,
            Index index) throws IdentifierException {
        QueryLevel level = model.level(identifier);
        Query.Builder query = Query.builder(QueryLevel.INSTANCE).defaultAttributes(false);
        for (QueryLevel above : QueryLevel.values()) {
            int tag = UNIQUE_KEYS.get(above);
            String value = String.join("\\", identifier.getStrings(tag)).strip();
            if (above == level && (value.isEmpty() || value.equals("*"))) {
                throw IdentifierException.doesNotMatch(ElementDictionary.keywordOf(tag) + " " + Tags.toString(tag)
                        + " is required for a " + QueryRetrieveModel.valueOf(level) + " retrieve");
            }
            if (!value.isEmpty()) {
                query.match(tag, value);
            }
            if (above == level) {
                break;
            }
        }
        List<String> sopInstanceUids = new ArrayList<>();
        try {
            engine.forEach(query.build(), match -> sopInstanceUids.add(match.getString(Tag.SOPInstanceUID)));
        } catch (QueryException e) {
            throw IdentifierException.doesNotMatch(e.getMessage());
        }
        List<StoredInstance> instances = new ArrayList<>(sopInstanceUids.size());
        for (String sopInstanceUid : sopInstanceUids) {
            StoredInstance instance = index.find(sopInstanceUid);
            if (instance != null) { // deleted since the query
                instances.add(instance);
            }
        }
        return instances;
    }
}
