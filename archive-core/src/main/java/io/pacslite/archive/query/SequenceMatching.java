package io.pacslite.archive.query;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import java.util.List;

/**
 * Sequence Matching (PS3.4 C.2.2.2.6) on the stored metadata of an entity (its instance's, or
 * its first instance's above the instance level): the index keeps no sequence in a column, so
 * the engine tests sequence keys here after the SQL statement. An entity matches a sequence
 * key if one item of its sequence matches every item key ({@link ValueMatching}; sequences in
 * items recursively); a key whose item keys are all universal asks for the sequence and
 * matches every entity. The match returns the matching items with the item keys' attributes
 * only.
 */
final class SequenceMatching {

    private SequenceMatching() {
    }

    /** Whether {@code dataset} (null: nothing stored) matches every one of {@code keys}. */
    static boolean matches(Attributes dataset, List<MatchKey> keys) {
        for (MatchKey key : keys) {
            if (!matches(dataset == null ? new Attributes() : dataset, key)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Attributes dataset, MatchKey key) {
        if (!(key.match() instanceof Match.Sequence sequence)) {
            return ValueMatching.matches(key.match(), ElementDictionary.vrOf(key.tag()),
                    List.of(dataset.getStrings(key.tag())));
        }
        if (isUniversal(sequence)) {
            return true;
        }
        Sequence items = dataset.getSequence(key.tag());
        return items != null && items.stream().anyMatch(item -> matches(item, sequence.itemKeys()));
    }

    private static boolean isUniversal(Match.Sequence sequence) {
        return sequence.itemKeys().stream().allMatch(key -> key.match() instanceof Match.Universal);
    }

    /**
     * Sets in {@code match} the sequence of each of {@code keys} (sequence keys) that
     * {@code metadata} holds to its matching items, each with the item keys' attributes only;
     * with {@code absentAsEmpty} (C-FIND), an item key without a value is there empty.
     */
    static void addMatchingItems(Attributes match, Attributes metadata, List<MatchKey> keys, boolean absentAsEmpty) {
        for (MatchKey key : keys) {
            Sequence stored = metadata == null ? null : metadata.getSequence(key.tag());
            if (stored != null) {
                match.set(key.tag(), VR.SQ, matchingItems(stored, (Match.Sequence) key.match(), absentAsEmpty));
            }
        }
    }

    private static Sequence matchingItems(Sequence stored, Match.Sequence sequence, boolean absentAsEmpty) {
        Sequence items = new Sequence();
        for (Attributes item : stored) {
            if (!matches(item, sequence.itemKeys())) {
                continue;
            }
            Attributes returned = new Attributes();
            for (MatchKey key : sequence.itemKeys()) {
                int tag = key.tag();
                if (key.match() instanceof Match.Sequence nested && item.getSequence(tag) != null) {
                    returned.set(tag, VR.SQ, matchingItems(item.getSequence(tag), nested, absentAsEmpty));
                } else if (item.contains(tag)) {
                    returned.set(tag, item.vrOf(tag), item.getValue(tag));
                } else if (absentAsEmpty) {
                    returned.set(tag, ElementDictionary.vrOf(tag), null);
                }
            }
            items.add(returned);
        }
        return items;
    }
}
