package io.pacslite.cli;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dimse.service.QueryRetrieveModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The Identifier options of {@code find}, {@code get} and {@code move} (PS3.4 C.4.1.1.3.1): the
 * information model, the Query/Retrieve Level and the keys, written as dcmtk's findscu takes
 * them ({@code -k PatientName=Doe*}, {@code -k 0010,0020}, a key without {@code =} asks for the
 * attribute without matching on it; {@code -k ProcedureCodeSequence[0].CodeValue=CT-CHEST} or
 * {@code -k (0008,1032)[0].(0008,0100)=CT-CHEST}, a key in the one item of a sequence key, for
 * sequence matching, PS3.4 C.2.2.2.6).
 */
final class QueryOptions {

    /** Patient Root or Study Root (the default). */
    static final class Model {
        @Option(names = {"-P", "--patient-root"}, description = "Patient Root information model.")
        boolean patientRoot;

        @Option(names = {"-S", "--study-root"}, description = "Study Root information model (the default).")
        boolean studyRoot;
    }

    @ArgGroup(exclusive = true)
    Model model = new Model();

    @Option(names = {"-L", "--level"}, paramLabel = "LEVEL", defaultValue = "STUDY",
            description = "Query/Retrieve Level: PATIENT (Patient Root only), STUDY, SERIES or IMAGE. "
                    + "Default: ${DEFAULT-VALUE}.")
    String level;

    @Option(names = {"-k", "--key"}, paramLabel = "KEY[=VALUE]",
            description = "A key: a keyword or gggg,eeee, with =VALUE to match (repeatable); "
                    + "SEQUENCE[0].KEY for a key in a sequence's item.")
    List<String> keys = new ArrayList<>();

    QueryRetrieveModel model() {
        return model.patientRoot ? QueryRetrieveModel.PATIENT_ROOT : QueryRetrieveModel.STUDY_ROOT;
    }

    /** The tags of the keys (a sequence key's own tag), in the order given. */
    List<Integer> keyTags() {
        return keys.stream().map(key -> tagOf(path(key.split("=", 2)[0]).get(0))).toList();
    }

    /**
     * The Identifier: Query/Retrieve Level, the keys, and Specific Character Set ISO_IR 192
     * when a value is not plain ASCII.
     *
     * @throws IllegalArgumentException for an unknown keyword, a malformed tag or level
     */
    Attributes identifier() {
        String levelValue = level.toUpperCase(Locale.ROOT);
        if (model().level(levelValue).isEmpty()) {
            throw new IllegalArgumentException("--level " + level + " is not a level of " + model()
                    + " (PATIENT, STUDY, SERIES, IMAGE; PATIENT with -P only)");
        }
        Attributes identifier = new Attributes(false, keys.size() + 2);
        if (keys.stream().anyMatch(key -> !key.chars().allMatch(c -> c < 0x80))) {
            identifier.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        }
        identifier.setString(Tag.QueryRetrieveLevel, VR.CS, levelValue);
        for (String key : keys) {
            String[] parts = key.split("=", 2);
            List<String> path = path(parts[0]);
            Attributes item = identifier;
            for (String sequence : path.subList(0, path.size() - 1)) {
                item = onlyItem(item, tagOf(sequence));
            }
            int tag = tagOf(path.get(path.size() - 1));
            VR vr = ElementDictionary.vrOf(tag);
            if (parts.length == 1 || parts[1].isEmpty()) {
                item.set(tag, vr, null);
            } else {
                item.setString(tag, vr, parts[1]);
            }
        }
        return identifier;
    }

    /**
     * The names along a key's path: {@code A[0].B[0].C} is A, B, C. Each sequence of the path
     * has one item in a query (PS3.4 C.2.2.2.6), so only {@code [0]} is taken.
     */
    private static List<String> path(String key) {
        String[] steps = key.strip().split("\\.");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            if (!last && !step.endsWith("[0]")) {
                throw new IllegalArgumentException("'" + key + "': a sequence in a key is written SEQUENCE[0].KEY"
                        + " (a query has one item per sequence)");
            }
            names.add(last ? step : step.substring(0, step.length() - 3));
        }
        return names;
    }

    /** The one item of sequence {@code tag} of {@code dataset}, added with the sequence when absent. */
    private static Attributes onlyItem(Attributes dataset, int tag) {
        if (ElementDictionary.vrOf(tag) != VR.SQ) {
            throw new IllegalArgumentException(ElementDictionary.keywordOf(tag) + " is not a sequence");
        }
        Sequence sequence = dataset.getSequence(tag);
        if (sequence == null) {
            sequence = new Sequence();
            dataset.set(tag, VR.SQ, sequence);
        }
        if (sequence.isEmpty()) {
            sequence.add(new Attributes(false, 4));
        }
        return sequence.get(0);
    }

    /** The tag of a keyword, {@code gggg,eeee} or {@code (gggg,eeee)}. */
    static int tagOf(String name) {
        String trimmed = name.strip();
        if (trimmed.matches("\\(?[0-9A-Fa-f]{4},[0-9A-Fa-f]{4}\\)?")) {
            int tag = (int) Long.parseLong(trimmed.replaceAll("[(),]", ""), 16);
            if (Tags.isPrivate(tag)) {
                throw new IllegalArgumentException("private attributes are not query keys: " + name);
            }
            return tag;
        }
        int tag = ElementDictionary.tagOf(trimmed);
        if (tag == -1) {
            throw new IllegalArgumentException("unknown key '" + name + "': use a keyword such as PatientName, "
                    + "or gggg,eeee");
        }
        return tag;
    }
}
