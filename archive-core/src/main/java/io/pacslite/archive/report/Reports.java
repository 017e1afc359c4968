package io.pacslite.archive.report;

import io.pacslite.archive.Archive;
import io.pacslite.archive.index.ReportTable;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.index.StoredMetadata;
import io.pacslite.archive.index.StoredReport;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.store.StorageKeys;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.UIDs;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Radiology reports filed with a study as Encapsulated PDF instances (PS3.3 A.45.1; docs/dicomweb.md,
 * "Reports"). Each goes through the archive's one ingest path into the study's report series
 * (Modality DOC, Series Description "Reports", made with the first report and reused). A
 * replaced report is kept, marked in the index as superseded by its successor, as archives keep
 * every version of a document; removing the successor makes it current again.
 */
public final class Reports {

    /** The Modality of the report series (PS3.3 C.7.3.1.1.1: DOC, Document). */
    public static final String MODALITY = "DOC";
    /** The Series Description of the report series. */
    public static final String SERIES_DESCRIPTION = "Reports";
    /** The Series Number of the report series: high, so that viewers list it after the images. */
    static final int SERIES_NUMBER = 9999;
    /** The source the ingest path and the index record for reports. */
    static final String SOURCE = "api:reports";
    /** The study's attributes all sit in groups up to 0020: the header is read no further. */
    private static final int AFTER_STUDY_ATTRIBUTES = 0x00210000;

    private final Archive archive;
    /**
     * Held while a report is numbered and stored (and a replaced one marked), so that two reports
     * never make two series or share a number, and a report is replaced once.
     */
    private final ReentrantLock filing = new ReentrantLock();

    public Reports(Archive archive) {
        this.archive = archive;
    }

    /**
     * A report of a study.
     *
     * @param title its Document Title (0042,0010)
     * @param supersededBy the SOP Instance UID of the report that replaced it, or null if current
     */
    public record Report(String studyUid, String seriesUid, String sopUid, Integer instanceNumber, String title,
            Instant receivedAt, String supersededBy) {
    }

    /**
     * Files {@code pdf} as a new report of {@code studyUid}.
     *
     * @param uploader who uploaded it (recorded as Operators' Name), or null
     * @throws ReportException NO_SUCH_STUDY, or STORE_FAILED
     */
    public Report attach(String studyUid, PdfDocument pdf, String title, String uploader)
            throws ReportException, IOException {
        Attributes study = studyAttributes(studyUid);
        filing.lock();
        try {
            ReportTable.ReportSeries series = archive.index().reports()
                    .series(studyUid, MODALITY, SERIES_DESCRIPTION)
                    .orElseGet(() -> new ReportTable.ReportSeries(UIDs.random(), 0));
            EncapsulatedPdf.Placement placement = new EncapsulatedPdf.Placement(series.seriesUid(), SERIES_NUMBER,
                    SERIES_DESCRIPTION, series.lastInstanceNumber() + 1);
            Attributes dataset = EncapsulatedPdf.dataset(study, placement, pdf, title, uploader, LocalDateTime.now());
            StoreResult result = archive.store(new ByteArrayInputStream(EncapsulatedPdf.partTen(dataset)),
                    StoreContext.derived(SOURCE).withExpectedStudy(studyUid));
            if (!result.isStored()) {
                throw new ReportException(ReportReason.STORE_FAILED, "the report could not be stored: " + result);
            }
            return new Report(studyUid, placement.seriesUid(), result.sopInstanceUID(), placement.instanceNumber(),
                    title, Instant.now(), null);
        } finally {
            filing.unlock();
        }
    }

    /**
     * Files {@code pdf} as a new report that replaces the current report {@code sopUid}, which is
     * kept and marked superseded.
     *
     * @param title the new Document Title, or null to keep the replaced report's
     * @throws ReportException NO_SUCH_REPORT, ALREADY_SUPERSEDED, NO_SUCH_STUDY or STORE_FAILED
     */
    public Report replace(String studyUid, String sopUid, PdfDocument pdf, String title, String uploader)
            throws ReportException, IOException {
        filing.lock();
        try {
            Report replaced = find(studyUid, sopUid);
            if (replaced.supersededBy() != null) {
                throw new ReportException(ReportReason.ALREADY_SUPERSEDED, "report " + sopUid
                        + " was replaced already, by " + replaced.supersededBy() + "; replace that one");
            }
            Report successor = attach(studyUid, pdf, title != null ? title : replaced.title(), uploader);
            archive.index().reports().supersede(sopUid, successor.sopUid());
            return successor;
        } finally {
            filing.unlock();
        }
    }

    /** The reports of {@code studyUid}, current and superseded, in series and instance number order. */
    public List<Report> list(String studyUid) {
        return archive.index().reports().list(studyUid).stream().map(stored -> report(studyUid, stored)).toList();
    }

    /**
     * Removes the report {@code sopUid}: its index row, then its file. The reports it replaced
     * become current again.
     *
     * @throws ReportException NO_SUCH_REPORT
     */
    public void remove(String studyUid, String sopUid) throws ReportException, IOException {
        Report report = find(studyUid, sopUid);
        if (archive.index().delete(sopUid)) {
            archive.blobs().delete(StorageKeys.of(studyUid, report.seriesUid(), sopUid));
        }
        archive.index().reports().reinstate(sopUid);
    }

    private Report find(String studyUid, String sopUid) throws ReportException {
        return list(studyUid).stream().filter(report -> report.sopUid().equals(sopUid)).findFirst()
                .orElseThrow(() -> new ReportException(ReportReason.NO_SUCH_REPORT,
                        "study " + studyUid + " has no report " + sopUid));
    }

    private static Report report(String studyUid, StoredReport stored) {
        Attributes metadata = StoredMetadata.dataset(stored.deflatedMetadata());
        return new Report(studyUid, stored.seriesUid(), stored.sopUid(), stored.instanceNumber(),
                metadata == null ? null : metadata.getString(Tag.DocumentTitle), stored.receivedAt(),
                stored.supersededBy());
    }

    /** The header of a stored instance of the study, up to its Patient and General Study attributes. */
    private Attributes studyAttributes(String studyUid) throws ReportException, IOException {
        List<StoredInstance> instances = archive.index().instances(studyUid, null, null);
        if (instances.isEmpty()) {
            throw new ReportException(ReportReason.NO_SUCH_STUDY, "no instance of study " + studyUid + " is stored");
        }
        try (InputStream in = archive.blobs().open(instances.get(0).fileKey());
                DicomReader reader = new DicomReader(in)
                        .stopBefore(tag -> Integer.compareUnsigned(tag, AFTER_STUDY_ATTRIBUTES) >= 0)) {
            return reader.readFile().dataset();
        }
    }
}
