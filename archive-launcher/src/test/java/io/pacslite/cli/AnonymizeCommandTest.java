package io.pacslite.cli;

import static io.pacslite.cli.CommandRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditQuery;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.cli.CommandRunner.Run;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.PhiInstances;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacslite anonymize}: a copy into the archive, a copy into a folder, and the refusals. */
class AnonymizeCommandTest {

    private static final String STUDY = SyntheticInstances.uid("6");
    private static final Pattern COPY = Pattern.compile("study (2\\.25\\.\\d+), 1 series, 2 instances");

    @TempDir
    Path dir;

    @BeforeEach
    void storeStudy() throws IOException {
        try (Archive archive = Archive.open(dir.resolve("archive"), ArchiveConfig.DEFAULTS)) {
            for (int n = 1; n <= 2; n++) {
                Attributes instance = PhiInstances.ct(STUDY, SyntheticInstances.uid("6", "1"),
                        SyntheticInstances.uid("6", "1", String.valueOf(n)), n, null);
                archive.store(new ByteArrayInputStream(SyntheticInstances.partTen(instance,
                        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)), StoreContext.partTen("test"));
            }
        }
    }

    @Test
    void storesACopyAsANewStudyAndAuditsIt() throws Exception {
        Run run = run("anonymize", "--data-dir", data(), "--study", STUDY, "--option", "retain-patient-characteristics",
                "--patient-id", "SUBJ-9");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher copy = COPY.matcher(run.out());
        assertThat(copy.find()).as(run.out()).isTrue();
        try (Archive archive = Archive.open(dir.resolve("archive"), ArchiveConfig.DEFAULTS)) {
            assertThat(archive.index().stats().studies()).isEqualTo(2);
            assertThat(archive.index().instances(copy.group(1), null, null)).hasSize(2);
            List<AuditEvent> events = new ArrayList<>();
            archive.index().auditEvents().search(AuditQuery.ALL, row -> events.add(row.event()));
            assertThat(events).extracting(AuditEvent::action, AuditEvent::studyUid)
                    .contains(tuple(AuditEvent.Action.ANONYMIZE, STUDY));
        }
    }

    @Test
    void writesTheCopyToAFolderAndStoresNothing() throws IOException {
        Path out = dir.resolve("out");

        Run run = run("anonymize", "--data-dir", data(), "--study", STUDY, "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern(COPY);
        try (Stream<Path> files = Files.list(out)) {
            List<Path> copies = files.toList();
            assertThat(copies).hasSize(2);
            try (DicomReader reader = DicomReader.open(copies.getFirst())) {
                Attributes copy = reader.readFile().dataset();
                assertThat(copy.getString(Tag.PatientName)).startsWith("ANONYMOUS^ANON");
                assertThat(copy.getString(Tag.PatientBirthDate)).isNull();
            }
        }
        assertThat(run("stats", "--json", "--data-dir", data()).out()).contains("\"studies\": 1");
    }

    @Test
    void refusesAnUnknownOptionAnInvalidUidAndAStudyThatIsNotStored() {
        Run option = run("anonymize", "--data-dir", data(), "--study", STUDY, "--option", "retain-everything");
        Run uid = run("anonymize", "--data-dir", data(), "--study", "1.02.3");
        Run missing = run("anonymize", "--data-dir", data(), "--study", SyntheticInstances.uid("404"));

        assertThat(option.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(option.err()).contains("unknown de-identification option \"retain-everything\"");
        assertThat(uid.exitCode()).isEqualTo(PacsLite.EXIT_BAD_INPUT);
        assertThat(uid.err()).contains("invalid study UID: component with a leading zero");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no study " + SyntheticInstances.uid("404") + " is stored");
    }

    private String data() {
        return dir.resolve("archive").toString();
    }
}
