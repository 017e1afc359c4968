package io.pacslite.testing;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.deid.Deidentifier;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.TsvResource;
import java.util.List;

/**
 * The rows of PS3.15 Table E.1-1 as the resource confidentiality-profile.tsv holds them, read
 * here independently of the engine, and a data set with a value in every attribute they name.
 *
 * @param tag the tag (patterns such as (60xx,3000) with x as 0)
 * @param pattern whether the row is a pattern
 * @param basic the Basic Profile's code
 * @param columns the option columns, by TSV field (field 2 first)
 */
public record ProfileRow(int tag, boolean pattern, String basic, List<String> columns) {

    /** Every row of the table. */
    public static List<ProfileRow> all() {
        return TsvResource.rows(Deidentifier.class, "confidentiality-profile.tsv").stream()
                .map(row -> new ProfileRow(Integer.parseUnsignedInt(row[0].replace('x', '0'), 16), row[0].contains("x"),
                        row[1], List.of(row).subList(2, 12)))
                .toList();
    }

    /** The action of an option column (field 2 to 11 of the TSV), or "-". */
    public String column(int field) {
        return columns.get(field - 2);
    }

    /** Whether the row names an element of a data set (not File Meta, group 0002, nor a command, group 0000). */
    public boolean inDataSet() {
        return Tags.group(tag) > 0x0002;
    }

    /**
     * A data set holding every attribute the table names (one of each pattern), each with a
     * non-empty value valid for its VR; a sequence holds one item with a Patient's Name.
     */
    public static Attributes everyAttribute() {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        int uid = 1;
        for (ProfileRow row : all()) {
            if (row.inDataSet()) {
                put(dataset, row.tag(), ElementDictionary.vrOf(row.tag()), uid++);
            }
        }
        return dataset;
    }

    /** Puts a value valid for {@code vr}; {@code n} makes UIDs unique. */
    public static void put(Attributes dataset, int tag, VR vr, int n) {
        switch (vr) {
            case AE, CS -> dataset.setString(tag, vr, "PHI");
            case AS -> dataset.setString(tag, vr, "045Y");
            case DA -> dataset.setString(tag, vr, "20240131");
            case DT -> dataset.setString(tag, vr, "20240131101500");
            case TM -> dataset.setString(tag, vr, "101500");
            case DS -> dataset.setString(tag, vr, "1.5");
            case IS -> dataset.setString(tag, vr, "7");
            case LO, LT, SH, ST, UC, UT -> dataset.setString(tag, vr, "Jane Doe 19700101");
            case PN -> dataset.setString(tag, vr, "Doe^Jane");
            case UI -> dataset.setString(tag, vr, SyntheticInstances.uid("77", String.valueOf(n)));
            case UR -> dataset.setString(tag, vr, "http://example.org/jane-doe");
            case AT, SL, SS, SV, UL, US, UV -> dataset.setInts(tag, vr, 7);
            case FD, FL -> dataset.setDoubles(tag, vr, 1.5);
            case OB, OD, OF, OL, OV, OW, UN -> dataset.set(tag, vr, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            case SQ -> {
                Attributes item = new Attributes();
                item.setString(Tag.PatientName, VR.PN, "Doe^Jane");
                Sequence sequence = new Sequence();
                sequence.add(item);
                dataset.set(tag, vr, sequence);
            }
        }
    }
}
