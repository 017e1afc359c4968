package io.pacslite.archive.index;

import io.pacslite.dicom.dict.UID;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reports of each study in the index: its Encapsulated PDF instances, the series that
 * holds the ones the archive made, and which report replaced which ({@code superseded_by}).
 * See docs/dicomweb.md, "Reports".
 */
public final class ReportTable {

    private final Transactions transactions;

    ReportTable(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The series of the study the archive puts reports in, and its highest Instance Number. */
    public record ReportSeries(String seriesUid, int lastInstanceNumber) {
    }

    /**
     * The series of {@code studyUid} with Modality {@code modality} and Series Description
     * {@code description} (the first made, if several), if there is one.
     */
    public Optional<ReportSeries> series(String studyUid, String modality, String description) {
        return transactions.run("Finding the report series of " + studyUid, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT se.series_uid, (SELECT MAX(i.instance_number)"
                    + " FROM instance i WHERE i.series_fk = se.pk) FROM series se JOIN study st ON st.pk = se.study_fk"
                    + " WHERE st.study_uid = ? AND se.modality = ? AND se.series_description = ? ORDER BY se.pk")) {
                p.setString(1, studyUid);
                p.setString(2, modality);
                p.setString(3, description);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new ReportSeries(rs.getString(1), rs.getInt(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The Encapsulated PDF instances of {@code studyUid}, in series and instance number order. */
    public List<StoredReport> list(String studyUid) {
        return transactions.run("Listing the reports of " + studyUid, c -> {
            List<StoredReport> reports = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT se.series_uid, i.sop_uid, i.instance_number,"
                    + " i.received_at, i.superseded_by, i.metadata FROM instance i JOIN series se ON se.pk = i.series_fk"
                    + " JOIN study st ON st.pk = se.study_fk WHERE st.study_uid = ? AND i.sop_class_uid = ?"
                    + " ORDER BY se.series_number NULLS LAST, se.pk, i.instance_number NULLS LAST, i.pk")) {
                p.setString(1, studyUid);
                p.setString(2, UID.EncapsulatedPDFStorage);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        int number = rs.getInt(3);
                        reports.add(new StoredReport(rs.getString(1), rs.getString(2), rs.wasNull() ? null : number,
                                Sql.instant(rs.getObject(4, LocalDateTime.class)), rs.getString(5), rs.getBytes(6)));
                    }
                }
            }
            return reports;
        });
    }

    /**
     * Marks the report {@code sopUid} as replaced by {@code successorUid}.
     *
     * @return false if it is not indexed
     */
    public boolean supersede(String sopUid, String successorUid) {
        return transactions.run("Superseding " + sopUid, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE instance SET superseded_by = ? WHERE sop_uid = ?")) {
                p.setString(1, Sql.required(successorUid, InstanceWriter.UID, "SOP Instance UID"));
                p.setString(2, sopUid);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Makes the reports that {@code successorUid} replaced current again (it is being removed). */
    public void reinstate(String successorUid) {
        transactions.run("Reinstating what " + successorUid + " replaced", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE instance SET superseded_by = NULL WHERE superseded_by = ?")) {
                p.setString(1, successorUid);
                return p.executeUpdate();
            }
        });
    }
}
