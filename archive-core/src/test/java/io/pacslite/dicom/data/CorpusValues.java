package io.pacslite.dicom.data;

import io.pacslite.testing.Corpus;
import java.util.ArrayList;
import java.util.List;

/** Every value of a given VR in pydicom's corpus, sequences included, with the file it came from. */
final class CorpusValues {

    /** One value, and where it was found (file name and tag). */
    record Found(String file, String tag, String value) {
        @Override
        public String toString() {
            return file + " " + tag + " \"" + value + "\"";
        }
    }

    private CorpusValues() {
    }

    static List<Found> of(VR vr) {
        List<Found> found = new ArrayList<>();
        for (Corpus.Readable readable : Corpus.readableFiles()) {
            collect(readable.toString(), readable.dicom().dataset(), vr, found);
        }
        return found;
    }

    private static void collect(String file, Attributes attributes, VR vr, List<Found> found) {
        for (int i = 0; i < attributes.size(); i++) {
            int tag = attributes.tagAt(i);
            if (attributes.valueAt(i) instanceof Sequence sequence) {
                sequence.forEach(item -> collect(file, item, vr, found));
            } else if (attributes.vrAt(i) == vr) {
                for (String value : attributes.getStrings(tag)) {
                    if (!value.isEmpty()) {
                        found.add(new Found(file, String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF), value));
                    }
                }
            }
        }
    }
}
