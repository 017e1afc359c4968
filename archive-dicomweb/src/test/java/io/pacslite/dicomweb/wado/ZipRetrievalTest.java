package io.pacslite.dicomweb.wado;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreStatus;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.FileSets;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** WADO-RS studies and series as {@code application/zip}, over real HTTP from a real archive. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZipRetrievalTest {

    private static final String STUDY = uid("61");
    private static final String SERIES_ONE = uid("61", "1");
    private static final String SERIES_TWO = uid("61", "2");
    private static final String OTHER_STUDY = uid("62");

    @TempDir
    static Path dir;

    private TestServer server;

    @BeforeAll
    void storeTwoStudies() {
        server = TestServer.start(dir.resolve("server"));
        for (int i = 1; i <= 3; i++) {
            store(ct("P61", STUDY, SERIES_ONE, uid("61", "1", "" + i), 16, i));
        }
        Attributes second = ct("P61", STUDY, SERIES_TWO, uid("61", "2", "1"), 16, 1);
        second.setInts(Tag.SeriesNumber, VR.IS, 2);
        store(second);
        store(ct("P62", OTHER_STUDY, uid("62", "1"), uid("62", "1", "1"), 16, 1));
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    private void store(Attributes instance) {
        server.archive.store(new ByteArrayInputStream(SyntheticInstances.partTen(instance,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)), StoreContext.partTen("test"));
    }

    /** The members of a ZIP answer, in order, read by a streaming reader. */
    private static Map<String, byte[]> members(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).as(TestServer.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                members.put(entry.getName(), zip.readAllBytes());
            }
        }
        return members;
    }

    private byte[] stored(StoredInstance instance) throws IOException {
        return Files.readAllBytes(server.archive.blobs().pathOf(instance.fileKey()));
    }

    @Test
    void aStudyZipHoldsEveryStoredFileByteForByte() throws IOException {
        HttpResponse<byte[]> response = server.get("/dicom-web/studies/" + STUDY, "Accept", "application/zip");

        Map<String, byte[]> members = members(response);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + STUDY + ".zip\"");
        List<StoredInstance> instances = server.archive.index().instances(STUDY, null, null);
        assertThat(members).hasSize(instances.size());
        for (StoredInstance instance : instances) {
            assertThat(members.get(STUDY + "/" + instance.seriesUid() + "/" + instance.sopUid() + ".dcm"))
                    .as(instance.sopUid()).isEqualTo(stored(instance));
        }
    }

    @Test
    void aSeriesZipHoldsThatSeriesAndTheAcceptQueryParameterAsksForIt() throws IOException {
        HttpResponse<byte[]> response = server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES_TWO
                + "?accept=application/zip");

        assertThat(members(response).keySet()).containsExactly(STUDY + "/" + SERIES_TWO + "/" + uid("61", "2", "1")
                + ".dcm");
    }

    @Test
    void withDicomdirTheZipIsAFileSetThatPydicomReads() throws IOException {
        Map<String, byte[]> members = members(server.get("/dicom-web/studies/" + STUDY + "?dicomdir=true",
                "Accept", "application/zip"));

        assertThat(members.keySet()).first().isEqualTo("DICOMDIR");
        Path fileSet = dir.resolve("unzipped");
        for (Map.Entry<String, byte[]> member : members.entrySet()) {
            Path file = fileSet.resolve(member.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, member.getValue());
        }
        List<FileSets.Found> found = FileSets.pydicomInstances(fileSet.resolve("DICOMDIR"));
        assertThat(found).extracting(FileSets.Found::recordSopUid).containsExactlyInAnyOrder(uid("61", "1", "1"),
                uid("61", "1", "2"), uid("61", "1", "3"), uid("61", "2", "1"));
        assertThat(found).allSatisfy(instance -> assertThat(instance.fileSopUid()).isEqualTo(instance.recordSopUid()));
    }

    @Test
    void aTransferSyntaxInTheRangeTranscodesTheMembers() throws IOException {
        Map<String, byte[]> members = members(server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES_TWO,
                "Accept", "application/zip; transfer-syntax=" + UID.ImplicitVRLittleEndian));

        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(members.values().iterator().next()))) {
            assertThat(reader.readFile().transferSyntax().uid()).isEqualTo(UID.ImplicitVRLittleEndian);
        }
    }

    @Test
    void refusesWhatItCannotSendWithAReason() {
        HttpResponse<byte[]> unknown = server.get("/dicom-web/studies/" + uid("69"), "Accept", "application/zip");
        HttpResponse<byte[]> badFlag = server.get("/dicom-web/studies/" + STUDY + "?dicomdir=yes", "Accept",
                "application/zip");
        HttpResponse<byte[]> notWritten = server.get("/dicom-web/studies/" + STUDY, "Accept",
                "application/zip; transfer-syntax=1.2.840.10008.1.2.4.91");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestServer.text(unknown)).contains("no such study");
        assertThat(badFlag.statusCode()).isEqualTo(400);
        assertThat(TestServer.text(badFlag)).contains("dicomdir must be true or false");
        assertThat(notWritten.statusCode()).isEqualTo(406);
        assertThat(TestServer.text(notWritten)).contains("cannot be exported in 1.2.840.10008.1.2.4.91");
    }

    @Test
    void multipartStillWinsWhenItComesFirst() {
        HttpResponse<byte[]> response = server.get("/dicom-web/studies/" + STUDY + "/series/" + SERIES_TWO, "Accept",
                "multipart/related; type=\"application/dicom\", application/zip");

        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/related");
    }

    @Test
    void aLinkTokenDownloadsItsOwnStudyOnly() throws IOException {
        String link = server.archive.viewerLinks().create(OTHER_STUDY, Instant.now().plusSeconds(600)).token();

        HttpResponse<byte[]> other = server.get("/dicom-web/studies/" + STUDY, "Accept", "application/zip",
                "Authorization", "Bearer " + link);
        HttpResponse<byte[]> own = server.get("/dicom-web/studies/" + OTHER_STUDY, "Accept", "application/zip",
                "Authorization", "Bearer " + link);

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(members(own)).hasSize(1);
    }

    @Test
    void aZipDownloadIsAuditedAsAnExport() throws IOException, InterruptedException {
        members(server.get("/dicom-web/studies/" + OTHER_STUDY, "Accept", "application/zip"));

        server.archive.audit().flush();
        List<AuditEvent> events = new ArrayList<>();
        server.archive.index().auditEvents().search(AuditQuery.ALL, row -> events.add(row.event()));
        assertThat(events).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo(AuditEvent.Action.EXPORT);
            assertThat(event.studyUid()).isEqualTo(OTHER_STUDY);
        });
    }

    @Test
    void aDownloadedZipImportsIntoAFreshArchiveAsTheSameInstances() throws IOException {
        Map<String, byte[]> members = members(server.get("/dicom-web/studies/" + STUDY, "Accept", "application/zip"));

        try (Archive fresh = Archive.open(dir.resolve("fresh"), ArchiveConfig.DEFAULTS.withFsync(false))) {
            for (byte[] member : members.values()) {
                assertThat(fresh.store(new ByteArrayInputStream(member), StoreContext.partTen("zip")).status())
                        .isEqualTo(StoreStatus.SUCCESS);
            }
            assertThat(fresh.index().instances(STUDY, null, null)).extracting(StoredInstance::sopUid,
                    StoredInstance::sha256).containsExactlyInAnyOrderElementsOf(server.archive.index()
                    .instances(STUDY, null, null).stream().map(i -> tuple(i.sopUid(),
                            i.sha256())).toList());
        }
    }
}
