package io.pacslite.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.Archive;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.correction.Correction;
import io.pacslite.archive.correction.CorrectionException;
import io.pacslite.archive.correction.StudyCorrector;
import io.pacslite.cli.config.Configuration;
import io.pacslite.dicom.data.UIDs;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacslite correct --study UID -k PatientID=123 -k PatientName=Doe^Jane}: corrects the
 * patient and study attributes of every instance of a study (docs/dicomweb.md, "Corrections").
 * Like {@code pacslite audit}, it opens the archive when no server holds it (and records the
 * correction in the audit trail as the command's user), else asks the server
 * ({@code PATCH /api/studies/{study}}, {@link RunningServer}). It prints what changed, as JSON.
 * Exit 0 when done, 1 when the correction failed or was refused, 2 for a keyword, value or UID
 * that is not valid.
 */
@Command(name = "correct", mixinStandardHelpOptions = true,
        description = "Correct the patient and study attributes of every instance of a study.")
final class CorrectCommand implements Callable<Integer> {

    private static final JsonFactory JSON = new JsonFactory();

    @Mixin
    private ArchiveOptions archive;

    @Mixin
    private ServerOption server;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "The study to correct.")
    private String study;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEYWORD=VALUE",
            description = "A new value: PatientID, IssuerOfPatientID, PatientName, PatientBirthDate, PatientSex,"
                    + " AccessionNumber, StudyDescription, ReferringPhysicianName, StudyDate or StudyTime"
                    + " (repeat -k for several; an empty value empties the attribute).")
    private Map<String, String> keys;

    @Override
    public Integer call() throws Exception {
        Correction correction;
        try {
            correction = Correction.of(keys);
        } catch (CorrectionException e) {
            System.err.println("pacslite correct: " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        }
        String problem = UIDs.problemWith(study);
        if (problem != null) {
            System.err.println("pacslite correct: --study " + study + ": " + problem);
            return PacsLite.EXIT_BAD_INPUT;
        }
        Configuration config = archive.configuration(new GivenFlags());
        try {
            return server.openOrAsk(config, opened -> correct(opened, correction), this::throughServer);
        } catch (IOException e) {
            System.err.println("pacslite correct: " + e.getMessage());
            return 1;
        }
    }

    private int correct(Archive opened, Correction correction) throws IOException {
        String who = "cli " + System.getProperty("user.name");
        try {
            StudyCorrector.Result result = opened.corrector().correct(study, correction);
            audit(opened, who, "OK", result.detail());
            System.out.println("{\"studyInstanceUID\":\"" + study + "\",\"instances\":" + result.instances()
                    + ",\"rewritten\":" + result.rewritten() + ",\"changes\":" + result.detail() + "}");
            return 0;
        } catch (CorrectionException e) {
            audit(opened, who, e.reason() + " " + e.getMessage(), null);
            System.err.println("pacslite correct: " + e.getMessage());
            return 1;
        }
    }

    private void audit(Archive opened, String who, String outcome, String detail) {
        opened.audit().record(new AuditEvent(Instant.now(), who, null, null, AuditEvent.Action.CORRECT, study, null,
                null, List.of(), outcome, detail));
    }

    private int throughServer(RunningServer running) throws IOException, InterruptedException {
        HttpResponse<String> answer = running.send(running.request("/api/studies/" + study)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw running.refused(answer.statusCode(), answer.body());
        }
        System.out.println(answer.body().strip());
        return 0;
    }

    /** The keywords and values as the JSON object the server takes. */
    private String body() throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, String> key : keys.entrySet()) {
                json.writeStringField(key.getKey(), key.getValue());
            }
            json.writeEndObject();
        }
        return text.toString();
    }
}
