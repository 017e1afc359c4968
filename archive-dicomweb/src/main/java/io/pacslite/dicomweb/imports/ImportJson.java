package io.pacslite.dicomweb.imports;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.imports.ImportReport;
import io.pacslite.archive.index.AttachmentTable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The JSON of an import's report and of attachments (docs/dicomweb.md, "Imports"). */
final class ImportJson {

    private ImportJson() {
    }

    /**
     * An import's report.
     *
     * @param url the report's own URL
     * @param viewer whether the server shows the OHIF viewer (then each study has a viewer link)
     */
    static void write(JsonGenerator json, ImportReport report, String url, boolean viewer) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", report.id());
        json.writeStringField("status", report.status().label());
        json.writeStringField("url", url);
        json.writeStringField("started", report.started().toString());
        json.writeStringField("finished", report.finished() == null ? null : report.finished().toString());
        json.writeObjectFieldStart("progress");
        json.writeNumberField("bytesReceived", report.bytesReceived());
        json.writeNumberField("expectedBytes", report.expectedBytes());
        json.writeNumberField("members", report.members());
        json.writeNumberField("membersDone", report.membersDone());
        json.writeEndObject();
        json.writeNumberField("bytes", report.bytes());
        json.writeNumberField("instances", report.instances());
        json.writeNumberField("stored", report.stored());
        json.writeNumberField("alreadyStored", report.alreadyStored());
        json.writeNumberField("duplicates", report.duplicates());
        json.writeNumberField("failed", report.failed());
        json.writeNumberField("notDicom", report.notDicom());
        json.writeNumberField("skipped", report.skipped());
        json.writeStringField("failure", report.failure());
        json.writeArrayFieldStart("failures");
        for (ImportReport.Failure failure : report.failures()) {
            failure(json, failure);
        }
        json.writeEndArray();
        json.writeNumberField("failuresOmitted", report.failuresOmitted());
        json.writeArrayFieldStart("studies");
        for (ImportReport.Study study : report.studies()) {
            json.writeStartObject();
            json.writeStringField("studyInstanceUID", study.studyInstanceUID());
            json.writeNumberField("instances", study.instances());
            json.writeStringField("viewer", viewer ? "/viewer?StudyInstanceUIDs=" + encode(study.studyInstanceUID()) : null);
            json.writeStringField("attachments", attachmentsUrl(study.studyInstanceUID()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("directories");
        for (ImportReport.DirectoryCheck check : report.directories()) {
            json.writeStartObject();
            json.writeStringField("member", check.member());
            json.writeNumberField("references", check.references());
            json.writeArrayFieldStart("missing");
            for (String missing : check.missing()) {
                json.writeString(missing);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("mismatched");
            for (ImportReport.Failure mismatch : check.mismatched()) {
                failure(json, mismatch);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("attachments");
        for (ImportReport.Attachment attachment : report.attachments()) {
            json.writeStartObject();
            json.writeStringField("name", attachment.name());
            if (attachment.size() >= 0) {
                json.writeNumberField("size", attachment.size());
            }
            json.writeStringField("type", attachment.mediaType());
            json.writeStringField("sha256", attachment.sha256());
            json.writeArrayFieldStart("kept");
            for (Map.Entry<String, Long> kept : attachment.ids().entrySet()) {
                json.writeStartObject();
                json.writeStringField("study", kept.getKey());
                json.writeNumberField("id", kept.getValue());
                json.writeStringField("url", attachmentsUrl(kept.getKey()) + "/" + kept.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("notKept", attachment.notKept());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** One attachment of a study, as the attachments list gives it. */
    static void attachment(JsonGenerator json, AttachmentTable.Row row) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", row.id());
        json.writeStringField("name", row.name());
        json.writeNumberField("size", row.size());
        json.writeStringField("type", row.mediaType());
        json.writeStringField("sha256", row.sha256());
        json.writeStringField("created", row.created().toString());
        json.writeStringField("import", row.importId());
        json.writeStringField("url", attachmentsUrl(row.studyUid()) + "/" + row.id());
        json.writeEndObject();
    }

    private static void failure(JsonGenerator json, ImportReport.Failure failure) throws IOException {
        json.writeStartObject();
        json.writeStringField("member", failure.member());
        json.writeStringField("reason", failure.reason());
        json.writeEndObject();
    }

    private static String attachmentsUrl(String study) {
        return "/api/studies/" + study + "/attachments";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
