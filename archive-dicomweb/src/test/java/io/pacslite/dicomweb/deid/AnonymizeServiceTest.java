package io.pacslite.dicomweb.deid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.server.TestServer;
import io.pacslite.testing.PhiInstances;
import io.pacslite.testing.ProfileRow;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/studies/{study}/anonymize} on a real server: the copy is a new study that
 * QIDO-RS finds, nothing the profile removes is left in its files (checked against the table
 * resource), its UIDs hold together, the original is untouched, and the request is audited.
 */
class AnonymizeServiceTest {

    private static final String STUDY = SyntheticInstances.uid("8");
    private static final String SERIES = SyntheticInstances.uid("8", "1");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The TSV fields of the columns of the options asked for, to leave out the rows they keep or clean. */
    private static final int PATIENT_CHARACTERISTICS_FIELD = 6;
    private static final int CLEAN_DESCRIPTORS_FIELD = 9;

    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        for (int n = 1; n <= 3; n++) {
            Attributes instance = PhiInstances.ct(STUDY, SERIES, SyntheticInstances.uid("8", "1", String.valueOf(n)), n,
                    n == 1 ? null : SyntheticInstances.uid("8", "1", "1"));
            byte[] file = SyntheticInstances.partTen(instance, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            assertThat(server.archive.store(new ByteArrayInputStream(file), StoreContext.partTen("test")).isStored())
                    .isTrue();
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void storesADeidentifiedCopyAsANewStudy() throws Exception {
        List<String> originalHashes = hashes(STUDY);

        HttpResponse<byte[]> response = anonymize(STUDY, """
                {"profile": "basic", "options": ["retain-patient-characteristics", "clean-descriptors"],
                 "patientName": "Subject^One", "patientId": "SUBJ-1"}""");

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        String copy = body.get("studyInstanceUID").asText();
        assertThat(copy).startsWith("2.25.");
        assertThat(body.get("instances").asInt()).isEqualTo(3);
        assertThat(body.get("series").asInt()).isEqualTo(1);
        assertThat(body.get("burnedInAnnotation")).isEmpty();
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/dicom-web/studies/" + copy));

        List<Attributes> copies = datasets(copy);
        assertThat(copies).hasSize(3);
        assertThat(leftovers(copies)).isEmpty();
        assertThat(copies).allSatisfy(dataset -> {
            assertThat(dataset.getString(Tag.PatientName)).isEqualTo("Subject^One");
            assertThat(dataset.getString(Tag.PatientID)).isEqualTo("SUBJ-1");
            assertThat(dataset.getString(Tag.PatientAge)).as("retained characteristic").isEqualTo("054Y");
            assertThat(dataset.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
            assertThat(dataset.contains(0x00090010)).as("private creator").isFalse();
        });
        Set<String> sopUids = new HashSet<>();
        copies.forEach(dataset -> sopUids.add(dataset.getString(Tag.SOPInstanceUID)));
        assertThat(sopUids).hasSize(3);
        assertThat(copies).extracting(dataset -> dataset.getString(Tag.SeriesInstanceUID))
                .containsOnly(copies.getFirst().getString(Tag.SeriesInstanceUID)).doesNotContain(SERIES);
        copies.stream().filter(dataset -> dataset.contains(Tag.ReferencedImageSequence)).forEach(dataset ->
                assertThat(sopUids).contains(dataset.getSequence(Tag.ReferencedImageSequence).get(0)
                        .getString(Tag.ReferencedSOPInstanceUID)));

        assertThat(hashes(STUDY)).as("the original's files").isEqualTo(originalHashes);
        JsonNode found = JSON.readTree(server.get("/dicom-web/studies?PatientID=SUBJ-1").body());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("0020000D").get("Value").get(0).asText()).isEqualTo(copy);
        assertThat(JSON.readTree(server.get("/dicom-web/studies?StudyInstanceUID=" + STUDY).body())).hasSize(1);

        server.archive.audit().flush();
        List<AuditEvent> events = new ArrayList<>();
        server.archive.index().auditEvents().search(AuditQuery.ALL, row -> events.add(row.event()));
        assertThat(events).filteredOn(event -> event.action() == AuditEvent.Action.ANONYMIZE).singleElement()
                .satisfies(event -> {
                    assertThat(event.studyUid()).isEqualTo(STUDY);
                    assertThat(event.outcome()).isEqualTo("201");
                });
    }

    @Test
    void withoutABodyAppliesTheBasicProfileWithAPseudonym() throws Exception {
        HttpResponse<byte[]> response = anonymize(STUDY, "");

        assertThat(response.statusCode()).isEqualTo(201);
        List<Attributes> copies = datasets(JSON.readTree(response.body()).get("studyInstanceUID").asText());
        assertThat(copies).extracting(dataset -> dataset.getString(Tag.PatientID))
                .allMatch(id -> id.matches("ANON[0-9A-F]{12}"));
        assertThat(copies).allSatisfy(dataset -> assertThat(dataset.getString(Tag.PatientAge)).isNull());
    }

    @Test
    void refusesWhatItCannotDoAndStoresNothing() {
        assertThat(anonymize(SyntheticInstances.uid("404"), "").statusCode()).isEqualTo(404);
        assertThat(anonymize("not-a-uid", "").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> unknownOption = anonymize(STUDY, "{\"options\": [\"retain-everything\"]}");
        assertThat(unknownOption.statusCode()).isEqualTo(400);
        assertThat(new String(unknownOption.body(), StandardCharsets.UTF_8)).contains("retain-everything");
        assertThat(anonymize(STUDY, "{\"options\": [\"retain-longitudinal-full-dates\","
                + " \"retain-longitudinal-modified-dates\"]}").statusCode()).isEqualTo(400);
        assertThat(anonymize(STUDY, "{\"profile\": \"extended\"}").statusCode()).isEqualTo(400);
        assertThat(anonymize(STUDY, "{\"patientName\": 7}").statusCode()).isEqualTo(400);
        assertThat(anonymize(STUDY, "[not json").statusCode()).isEqualTo(400);

        assertThat(server.archive.index().stats().studies()).isEqualTo(1);
    }

    private HttpResponse<byte[]> anonymize(String study, String body) {
        return server.post("/api/studies/" + study + "/anonymize", "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The elements of the copies that the Basic Profile removes (X) and the options asked for
     * (Retain Patient Characteristics, Clean Descriptors) do not keep, anywhere in the data
     * sets, by keyword; and the descriptors cleaned that still have a value.
     */
    private static List<String> leftovers(List<Attributes> copies) {
        Set<Integer> removed = new HashSet<>();
        for (ProfileRow row : ProfileRow.all()) {
            if (row.basic().equals("X") && !row.pattern() && row.column(PATIENT_CHARACTERISTICS_FIELD).equals("-")
                    && row.column(CLEAN_DESCRIPTORS_FIELD).equals("-")) {
                removed.add(row.tag());
            }
        }
        for (Attributes dataset : copies) {
            assertThat(dataset.getString(Tag.StudyDescription)).as("cleaned").isNull();
            assertThat(dataset.contains(Tag.StudyDescription)).as("cleaned, not removed").isTrue();
        }
        assertThat(removed).contains(Tag.PatientAddress, Tag.OtherPatientIDsSequence, Tag.InstitutionAddress);
        List<String> found = new ArrayList<>();
        copies.forEach(dataset -> collect(dataset, removed, found));
        return found;
    }

    private static void collect(Attributes dataset, Set<Integer> removed, List<String> found) {
        for (int i = 0; i < dataset.size(); i++) {
            int tag = dataset.tagAt(i);
            if (removed.contains(tag) || Tags.isPrivate(tag)) {
                found.add(ElementDictionary.keywordOf(tag) + " " + Tags.toString(tag));
            }
            if (dataset.valueAt(i) instanceof Sequence sequence) {
                sequence.forEach(item -> collect(item, removed, found));
            }
        }
    }

    private List<Attributes> datasets(String study) throws IOException {
        List<Attributes> datasets = new ArrayList<>();
        for (StoredInstance instance : server.archive.index().instances(study, null, null)) {
            try (DicomReader reader = DicomReader.open(server.archive.blobs().pathOf(instance.fileKey()))) {
                datasets.add(reader.readFile().dataset());
            }
        }
        return datasets;
    }

    private List<String> hashes(String study) throws IOException {
        List<String> hashes = new ArrayList<>();
        for (StoredInstance instance : server.archive.index().instances(study, null, null)) {
            hashes.add(instance.sopUid() + " " + instance.sha256() + " "
                    + Files.size(server.archive.blobs().pathOf(instance.fileKey())));
        }
        return hashes;
    }
}
