package io.pacslite.dimse.service;

import io.pacslite.archive.query.Query;
import io.pacslite.archive.query.QueryException;
import io.pacslite.archive.query.QueryLevel;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.text.SpecificCharacterSet;
import io.pacslite.dimse.message.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * A C-FIND Identifier (PS3.4 C.4.1.1.3.1) read into a {@link Query} for the shared query
 * engine, and the response Identifiers built from its matches (C.4.1.1.3.2).
 *
 * <ul>
 * <li>Query/Retrieve Level (0008,0052) must name a level of the model; otherwise A900.
 * <li>Text keys are decoded with the Identifier's Specific Character Set before they are
 *     matched, so a query in ISO 2022 IR 87 or ISO_IR 192 matches the same stored names.
 * <li>Keys of the level and the levels above are matched as the engine can (docs/query.md)
 *     and returned. Unique keys of the levels above may be absent or carry any matching:
 *     the engine answers such relational queries as cheaply as hierarchical ones.
 * <li>A sequence key (SQ) with one item is sequence matching (PS3.4 C.2.2.2.6) on the
 *     item's keys; with no item, or an empty one, it asks for the whole sequence. A sequence
 *     key of more than one item is refused (A900).
 * <li>Keys of a lower level, private attributes and group lengths are neither matched nor
 *     returned. When one of them, or a key the engine cannot match, carries a value, the
 *     matches are answered with FF01 (optional keys not supported) rather than FF00.
 * <li>A key value that breaks its VR (a date "2020-01-01") is refused: A900 with the reason.
 * <li>Retrieve AE Title (0008,0054), when asked for, is the archive's AE title.
 * </ul>
 *
 * <p>Responses are in the Identifier's character set (the default repertoire when it names
 * none) when every returned value can be written in it, else in ISO_IR 192 (UTF-8), as the
 * engine's matches are.
 */
public final class FindIdentifier {

    private final QueryLevel level;
    private final String levelValue;
    private final Query query;
    private final List<Integer> returned;
    private final boolean unsupportedKeys;
    private final SpecificCharacterSet characterSet;
    private final List<String> characterSetTerms;
    private final String retrieveAeTitle;

    private FindIdentifier(QueryLevel level, String levelValue, Query query, List<Integer> returned,
            boolean unsupportedKeys, Attributes identifier, String retrieveAeTitle) {
        this.level = level;
        this.levelValue = levelValue;
        this.query = query;
        this.returned = returned;
        this.unsupportedKeys = unsupportedKeys;
        this.characterSet = identifier.specificCharacterSet();
        this.characterSetTerms = List.of(identifier.getStrings(Tag.SpecificCharacterSet));
        this.retrieveAeTitle = identifier.contains(Tag.RetrieveAETitle) ? retrieveAeTitle : null;
    }

    /**
     * Reads {@code identifier} under {@code model}.
     *
     * @param retrieveAeTitle what to answer for Retrieve AE Title (0008,0054)
     * @throws IdentifierException A900 for a missing or unknown level, or a malformed key
     */
    public static FindIdentifier read(QueryRetrieveModel model, Attributes identifier, String retrieveAeTitle)
            throws IdentifierException {
        QueryLevel level = model.level(identifier);
        Query.Builder query = Query.builder(level).defaultAttributes(false).absentAsEmpty(true);
        List<Integer> returned = new ArrayList<>();
        boolean unsupported = false;
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            if (tag == Tag.SpecificCharacterSet || tag == Tag.QueryRetrieveLevel || tag == Tag.RetrieveAETitle) {
                continue;
            }
            String value = String.join("\\", identifier.getStrings(tag));
            Sequence sequence = identifier.getSequence(tag);
            boolean below = QueryLevel.holding(tag).map(holder -> holder.compareTo(level) > 0).orElse(false);
            if (below || Tags.isPrivate(tag) || Tags.element(tag) == 0) {
                unsupported |= !value.isEmpty() || sequence != null && !sequence.isEmpty();
                continue;
            }
            if (identifier.vrAt(i) == VR.SQ) {
                sequenceKey(query, List.of(tag), sequence);
            } else {
                query.match(tag, value);
            }
            returned.add(tag);
        }
        Query built;
        try {
            built = query.build();
        } catch (QueryException e) {
            throw IdentifierException.doesNotMatch(e.getMessage());
        }
        return new FindIdentifier(level, QueryRetrieveModel.valueOf(level), built, returned,
                unsupported || !built.unmatchableKeys().isEmpty(), identifier, retrieveAeTitle);
    }

    /**
     * The keys of a sequence key at {@code path} (PS3.4 C.2.2.2.6): those of its one item,
     * sequences in it read the same way; no item, or an empty one, asks for the whole sequence.
     * Private attributes and group lengths in the item are left out.
     */
    private static void sequenceKey(Query.Builder query, List<Integer> path, Sequence sequence)
            throws IdentifierException {
        if (sequence == null || sequence.isEmpty() || sequence.get(0).isEmpty()) {
            query.match(path, "");
            return;
        }
        if (sequence.size() > 1) {
            throw IdentifierException.doesNotMatch(Tags.toString(path.getLast()) + " "
                    + ElementDictionary.keywordOf(path.getLast()) + ": a sequence key has one item (PS3.4 C.2.2.2.6)");
        }
        Attributes item = sequence.get(0);
        for (int i = 0; i < item.size(); i++) {
            int tag = item.tagAt(i);
            if (Tags.isPrivate(tag) || Tags.element(tag) == 0) {
                continue;
            }
            List<Integer> itemPath = new ArrayList<>(path);
            itemPath.add(tag);
            if (item.vrAt(i) == VR.SQ) {
                sequenceKey(query, itemPath, item.getSequence(tag));
            } else {
                query.match(itemPath, String.join("\\", item.getStrings(tag)));
            }
        }
    }

    /** The query for the engine: exactly the Identifier's keys, empty when without value. */
    public Query query() {
        return query;
    }

    /** The level asked for. */
    public QueryLevel level() {
        return level;
    }

    /** The status of each pending response: FF01 when some key with a value was not supported, else FF00. */
    public Status pendingStatus() {
        return unsupportedKeys ? Status.PENDING_WARNING : Status.PENDING;
    }

    /**
     * The response Identifier for one match of the engine (text in UTF-8): Specific Character
     * Set, Query/Retrieve Level, Retrieve AE Title if asked, and each returned key, empty when
     * the match has no value for it.
     */
    public Attributes response(Attributes match) {
        boolean inQueryCharacterSet = fits(match);
        Attributes response = new Attributes(false, returned.size() + 3);
        if (!inQueryCharacterSet) {
            response.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        } else if (!characterSetTerms.isEmpty()) {
            response.setString(Tag.SpecificCharacterSet, VR.CS, characterSetTerms.toArray(String[]::new));
        }
        response.setString(Tag.QueryRetrieveLevel, VR.CS, levelValue);
        if (retrieveAeTitle != null) {
            response.setString(Tag.RetrieveAETitle, VR.AE, retrieveAeTitle);
        }
        for (int tag : returned) {
            int i = match.indexOf(tag);
            if (i < 0) {
                response.set(tag, ElementDictionary.vrOf(tag), null);
            } else if (inQueryCharacterSet && match.vrAt(i).usesSpecificCharacterSet()) {
                response.setString(tag, match.vrAt(i), match.getStrings(tag));
            } else {
                response.set(tag, match.vrAt(i), match.valueAt(i));
            }
        }
        return response;
    }

    /** Whether every returned value can be written in the Identifier's character set (no sequences). */
    private boolean fits(Attributes match) {
        for (int tag : returned) {
            int i = match.indexOf(tag);
            if (i < 0) {
                continue;
            }
            if (match.vrAt(i) == VR.SQ) {
                return false;
            }
            if (match.vrAt(i).usesSpecificCharacterSet()
                    && !characterSet.canEncode(String.join("\\", match.getStrings(tag)))) {
                return false;
            }
        }
        return true;
    }
}
