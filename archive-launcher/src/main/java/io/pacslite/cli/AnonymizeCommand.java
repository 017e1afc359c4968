package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.deid.StudyDeidentification;
import io.pacslite.dicom.data.UIDs;
import io.pacslite.dicom.deid.DeidentificationSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacslite anonymize --study UID [--option O]... [--out DIR]}: a de-identified copy of a
 * stored study (PS3.15 Annex E, docs/deidentification.md), stored in the archive as a new study
 * or, with {@code --out}, written to a folder. Exit status 2 for an invalid UID or option, 1 if
 * the study is not stored; the copy is recorded in the audit trail.
 */
@Command(name = "anonymize", mixinStandardHelpOptions = true,
        description = "Make a de-identified copy of a study (DICOM PS3.15 Basic Application Level Confidentiality"
                + " Profile): a new study in the archive, or files in a folder.")
final class AnonymizeCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "The study to copy.")
    private String study;

    @Option(names = "--option", paramLabel = "OPTION",
            description = "An option of the profile, repeatable: retain-longitudinal-full-dates,"
                    + " retain-longitudinal-modified-dates, retain-patient-characteristics, retain-device-identity,"
                    + " retain-institution-identity, clean-descriptors.")
    private List<String> options = new ArrayList<>();

    @Option(names = "--patient-name", paramLabel = "NAME",
            description = "The copy's Patient's Name. Default: a pseudonym (ANONYMOUS^ANON...).")
    private String patientName;

    @Option(names = "--patient-id", paramLabel = "ID", description = "The copy's Patient ID. Default: a pseudonym.")
    private String patientId;

    @Option(names = "--keep-private", paramLabel = "CREATOR",
            description = "Keep the private elements of this Private Creator, repeatable. Default: none kept.")
    private List<String> safePrivateCreators = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the copy's files to DIR instead of storing it in the archive.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        DeidentificationSettings settings;
        try {
            if (!UIDs.isValid(study)) {
                throw new IllegalArgumentException("invalid study UID: " + UIDs.problemWith(study));
            }
            Set<io.pacslite.dicom.deid.Option> chosen = EnumSet.noneOf(io.pacslite.dicom.deid.Option.class);
            options.forEach(label -> chosen.add(io.pacslite.dicom.deid.Option.of(label)));
            settings = new DeidentificationSettings(chosen, patientName, patientId, Set.copyOf(safePrivateCreators));
        } catch (IllegalArgumentException e) {
            System.err.println("pacslite anonymize: " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        }
        Optional<StudyDeidentification.Report> report;
        try (Archive opened = archive.open()) {
            StudyDeidentification copier = new StudyDeidentification(opened, settings);
            report = out == null ? copier.copyIntoArchive(study) : copier.writeTo(study, out);
            opened.audit().record(new AuditEvent(Instant.now(), System.getProperty("user.name"), null, "cli",
                    AuditEvent.Action.ANONYMIZE, study, null, null, null, report.isPresent() ? "OK" : "not stored"));
        }
        if (report.isEmpty()) {
            System.err.println("pacslite anonymize: no study " + study + " is stored");
            return 1;
        }
        StudyDeidentification.Report copy = report.get();
        System.out.printf("%s a de-identified copy: study %s, %d series, %d instances%n",
                out == null ? "stored" : "wrote to " + out + ":", copy.studyInstanceUid(), copy.series(),
                copy.instances());
        copy.burnedInAnnotation().forEach(sopUid -> System.out.println(
                "warning: the pixels may show burned-in text (not removed): instance " + sopUid));
        return 0;
    }
}
