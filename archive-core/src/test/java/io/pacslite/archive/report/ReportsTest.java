package io.pacslite.archive.report;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.store.StorageKeys;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import io.pacslite.testing.TestPdfs;
import io.pacslite.testing.TestPeers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports filed as Encapsulated PDF instances in a real archive, checked by dciodvfy and pydicom. */
class ReportsTest {

    private static final String STUDY = uid("7");
    private static final String SERIES = uid("7", "1");

    @TempDir
    Path root;

    private Archive archive;
    private Reports reports;

    @BeforeEach
    void open() throws IOException {
        archive = Archive.open(root, ArchiveConfig.DEFAULTS);
        byte[] ct = SyntheticInstances.partTen(ct("P7", STUDY, SERIES, uid("7", "1", "1"), 8, 1),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(archive.store(new ByteArrayInputStream(ct), StoreContext.partTen("test")).isStored()).isTrue();
        reports = new Reports(archive);
    }

    @AfterEach
    void close() throws IOException {
        archive.close();
    }

    @Test
    void filesAPdfAsAnEncapsulatedPdfInstanceThatDciodvfyAndPydicomAccept() throws Exception {
        byte[] pdf = TestPdfs.onePage("Impression: normal", 3001);

        Reports.Report report = reports.attach(STUDY, PdfDocument.of(pdf), "CT report", "token radiologist");

        Path file = archive.blobs().pathOf(StorageKeys.of(STUDY, report.seriesUid(), report.sopUid()));
        TestPeers.require("dciodvfy");
        TestPeers.Result verified = TestPeers.run(List.of("dciodvfy", "-new", file.toString()), null);
        assertThat(verified.stderr()).contains("EncapsulatedPDF").doesNotContain("Error");
        TestPeers.requirePydicom();
        TestPeers.Result read = TestPeers.run(List.of(TestPeers.PYTHON, "-c", String.join("\n",
                "import sys, pydicom",
                "d = pydicom.dcmread(sys.argv[1])",
                "doc = d.EncapsulatedDocument[:d.EncapsulatedDocumentLength]",
                "sys.stdout.buffer.write(doc)",
                "print()",
                "print(d.Modality, d.SeriesDescription, d.PatientID, d.PatientName, d.AccessionNumber,"
                        + " d.MIMETypeOfEncapsulatedDocument, d.DocumentTitle, d.BurnedInAnnotation, d.InstanceNumber,"
                        + " d.ContributingEquipmentSequence[0].OperatorsName, len(d.EncapsulatedDocument) % 2, sep='|')"),
                file.toString()), null);
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        String expected = new String(pdf, StandardCharsets.ISO_8859_1) + "\n"
                + "DOC|Reports|P7|Doe^Jane^P7|AP7|application/pdf|CT report|YES|1|token radiologist|0\n";
        assertThat(read.stdout()).isEqualTo(expected);
    }

    @Test
    void laterReportsGoInTheSameSeriesWithTheNextInstanceNumber() throws Exception {
        Reports.Report first = reports.attach(STUDY, PdfDocument.of(TestPdfs.onePage("one", 0)), "First", null);
        Reports.Report second = reports.attach(STUDY, PdfDocument.of(TestPdfs.onePage("two", 0)), "Second", null);

        assertThat(second.seriesUid()).isEqualTo(first.seriesUid());
        assertThat(reports.list(STUDY)).extracting(Reports.Report::title, Reports.Report::instanceNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("First", 1),
                        org.assertj.core.groups.Tuple.tuple("Second", 2));
    }

    @Test
    void aReplacedReportIsKeptAndMarkedSupersededUntilItsSuccessorIsRemoved() throws Exception {
        Reports.Report first = reports.attach(STUDY, PdfDocument.of(TestPdfs.onePage("draft", 0)), "Report", null);
        Reports.Report second = reports.replace(STUDY, first.sopUid(), PdfDocument.of(TestPdfs.onePage("final", 0)),
                null, null);

        assertThat(second.title()).isEqualTo("Report");
        assertThat(reports.list(STUDY)).extracting(Reports.Report::sopUid, Reports.Report::supersededBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.sopUid(), second.sopUid()),
                        org.assertj.core.groups.Tuple.tuple(second.sopUid(), null));
        assertThatThrownBy(() -> reports.replace(STUDY, first.sopUid(), PdfDocument.of(TestPdfs.onePage("x", 0)),
                null, null)).isInstanceOf(ReportException.class)
                .extracting(e -> ((ReportException) e).reason()).isEqualTo(ReportReason.ALREADY_SUPERSEDED);

        reports.remove(STUDY, second.sopUid());

        assertThat(reports.list(STUDY)).extracting(Reports.Report::sopUid, Reports.Report::supersededBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.sopUid(), null));
        assertThat(archive.blobs().exists(StorageKeys.of(STUDY, second.seriesUid(), second.sopUid()))).isFalse();
    }

    @Test
    void refusesWhatIsNotAWholePdfAndStudiesThatAreNotStored() {
        assertThatThrownBy(() -> PdfDocument.of("<html>".getBytes(StandardCharsets.US_ASCII)))
                .extracting(e -> ((ReportException) e).reason()).isEqualTo(ReportReason.NOT_PDF);
        byte[] pdf = TestPdfs.onePage("cut", 0);
        byte[] cut = java.util.Arrays.copyOf(pdf, pdf.length - 10);
        assertThatThrownBy(() -> PdfDocument.of(cut))
                .extracting(e -> ((ReportException) e).reason()).isEqualTo(ReportReason.TRUNCATED_PDF);
        assertThatThrownBy(() -> reports.attach(uid("8"), PdfDocument.of(pdf), "x", null))
                .extracting(e -> ((ReportException) e).reason()).isEqualTo(ReportReason.NO_SUCH_STUDY);
        assertThat(archive.index().stats().instances()).isEqualTo(1);
    }
}
