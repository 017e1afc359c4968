package io.pacslite.dicomweb.correction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.correction.Correction;
import io.pacslite.archive.correction.CorrectionException;
import io.pacslite.archive.correction.StudyCorrector;
import io.pacslite.dicomweb.auth.RequestAudit;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PATCH /api/studies/{study}} (admin): corrects the patient and study attributes of
 * every instance of the study (docs/dicomweb.md, "Corrections"). The body is a JSON object of
 * PS3.6 keywords and new values, {@code {"PatientID": "123", "PatientName": "Doe^Jane"}}; the
 * answer says how many files were rewritten and what changed. The values before and after go
 * in the request's audit event.
 */
public final class CorrectionService implements DicomWebService {

    private static final JsonFactory JSON = new JsonFactory();

    private final StudyCorrector corrector;

    public CorrectionService(DicomWebContext context) {
        this.corrector = context.archive().corrector();
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.ADMIN).patch("/api/studies/{study}", "studies.correct", this::correct);
    }

    private void correct(HttpServerExchange exchange) throws IOException {
        String study = Requests.uid(exchange, "study");
        StudyCorrector.Result result;
        try {
            result = corrector.correct(study, Correction.of(keywords(exchange)));
        } catch (CorrectionException e) {
            throw error(e);
        }
        exchange.putAttachment(RequestAudit.DETAIL, result.detail());
        try (OutputStream out = Responses.body(exchange, "application/json", false);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("studyInstanceUID", study);
            json.writeNumberField("instances", result.instances());
            json.writeNumberField("rewritten", result.rewritten());
            json.writeFieldName("changes");
            json.writeRawValue(result.detail());
            json.writeEndObject();
        }
    }

    /** The body: one JSON object of keywords and text (or null: empty) values. */
    private static Map<String, String> keywords(HttpServerExchange exchange) throws IOException {
        Map<String, String> keywords = new LinkedHashMap<>();
        try (JsonParser json = JSON.createParser(exchange.getInputStream())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw HttpError.badRequest("the body is a JSON object of DICOM keywords and new values");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String keyword = json.currentName();
                JsonToken value = json.nextToken();
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    throw HttpError.badRequest("the value of " + keyword + " is not text");
                }
                keywords.put(keyword, json.getValueAsString());
            }
        } catch (JsonParseException e) {
            throw HttpError.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        return keywords;
    }

    /** The one place a correction failure becomes an HTTP status. */
    private static HttpError error(CorrectionException e) {
        int status = switch (e.reason()) {
            case NOT_CORRECTABLE, INVALID_VALUE -> 400;
            case NO_SUCH_STUDY -> 404;
            case PATIENT_CONFLICT -> 409;
            case FILE_MISSING -> 503;
            case FAILED -> 500;
        };
        return new HttpError(status, e.getMessage());
    }
}
