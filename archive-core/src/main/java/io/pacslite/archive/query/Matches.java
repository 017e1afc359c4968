package io.pacslite.archive.query;

import io.pacslite.archive.index.StoredMetadata;
import io.pacslite.archive.query.Columns.Column;
import io.pacslite.archive.index.StoredMetadata;
import io.pacslite.archive.query.Columns.Kind;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Builds the data set of one match: first from the index columns of its row, then from the
 * stored DICOM JSON metadata of an instance (PS3.18 F; deflated by the ingest path). Text is
 * kept as UTF-8, so every match says Specific Character Set ISO_IR 192.
 */
final class Matches {

    private Matches() {
    }

    /** A match with the values of {@code columns}, read from the row from column {@code first} (1-based) on. */
    static Attributes fromRow(ResultSet rs, int first, Iterable<Column> columns) throws SQLException {
        Attributes match = new Attributes();
        match.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        int index = first;
        for (Column column : columns) {
            VR vr = ElementDictionary.vrOf(column.tag());
            if (column.kind() == Kind.INTEGER || column.kind() == Kind.COUNT) {
                long value = rs.getLong(index);
                if (!rs.wasNull()) {
                    match.setInts(column.tag(), vr, value);
                }
            } else {
                String value = rs.getString(index);
                if (value != null) {
                    match.setString(column.tag(), vr, value);
                }
            }
            index++;
        }
        return match;
    }

    /**
     * Adds to {@code match} the attributes of {@code returned} that are only in the metadata,
     * or all of it but binary values (OB, OW, UN...: pixel data is WADO-RS's), never replacing what the columns gave.
     */
    static void addFromMetadata(Attributes match, Attributes metadata, ReturnKeys returned) {
        if (metadata == null) {
            return;
        }
        if (returned.allMetadata()) {
            for (int i = 0; i < metadata.size(); i++) {
                if (!metadata.vrAt(i).isBulk()) {
                    copy(metadata, metadata.tagAt(i), match);
                }
            }
        } else {
            for (int tag : returned.fromMetadata()) {
                copy(metadata, tag, match);
            }
        }
    }

    /** For C-FIND: every attribute asked for that has no value is returned empty (PS3.4 C.4.1.1.3.2). */
    static void addEmpty(Attributes match, ReturnKeys returned) {
        for (Column column : returned.columns()) {
            addEmpty(match, column.tag());
        }
        for (int tag : returned.fromMetadata()) {
            addEmpty(match, tag);
        }
    }

    private static void addEmpty(Attributes match, int tag) {
        if (!match.contains(tag)) {
            match.set(tag, ElementDictionary.vrOf(tag), null);
        }
    }

    private static void copy(Attributes from, int tag, Attributes to) {
        Object value = from.getValue(tag);
        boolean copyable = value instanceof byte[] || value instanceof Sequence;
        if (copyable && tag != Tag.SpecificCharacterSet && !to.contains(tag)) {
            to.set(tag, from.vrOf(tag), value);
        }
    }

    /**
     * The stored metadata as a data set ({@link StoredMetadata#dataset(byte[])}), or null for null.
     * Its text is UTF-8 or ASCII, which the match's ISO_IR 192 describes, so values are copied as
     * they are.
     */
    static Attributes read(byte[] deflated) {
        return StoredMetadata.dataset(deflated);
    }
}
