package io.pacslite.dicomweb.deid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.deid.StudyDeidentification;
import io.pacslite.dicom.deid.DeidentificationSettings;
import io.pacslite.dicom.deid.Option;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/studies/{study}/anonymize}, for admins (docs/deidentification.md): stores a
 * de-identified copy of the study (PS3.15 Annex E, {@link StudyDeidentification}) as a new
 * study and answers 201 with its Study Instance UID, its counts and the instances whose pixels
 * may show burned-in text; the original is unchanged. 404 if the study is not stored; 400 for
 * a body that is not a valid {@link AnonymizeRequest}.
 */
public final class AnonymizeService implements DicomWebService {

    private static final Logger LOG = LoggerFactory.getLogger(AnonymizeService.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final DicomWebContext context;

    public AnonymizeService(DicomWebContext context) {
        this.context = context;
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.ADMIN).post("/api/studies/{study}/anonymize", "anonymize", this::anonymize);
    }

    private void anonymize(HttpServerExchange exchange) throws IOException {
        String study = Requests.uid(exchange, "study");
        DeidentificationSettings settings = AnonymizeRequest.read(exchange.getInputStream());
        StudyDeidentification.Report report = new StudyDeidentification(context.archive(), settings)
                .copyIntoArchive(study)
                .orElseThrow(() -> HttpError.notFound("no study " + study + " is stored"));
        LOG.info("stored a de-identified copy of a study ({} instances) at the request of {}", report.instances(),
                Requests.client(exchange));
        exchange.setStatusCode(201);
        exchange.getResponseHeaders().put(Headers.LOCATION,
                Requests.baseUrl(exchange) + "/studies/" + report.studyInstanceUid());
        try (OutputStream out = Responses.body(exchange, "application/json", false);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("studyInstanceUID", report.studyInstanceUid());
            json.writeNumberField("series", report.series());
            json.writeNumberField("instances", report.instances());
            json.writeArrayFieldStart("burnedInAnnotation");
            for (String sopUid : report.burnedInAnnotation()) {
                json.writeString(sopUid);
            }
            json.writeEndArray();
            json.writeStringField("profile", AnonymizeRequest.BASIC_PROFILE);
            json.writeArrayFieldStart("options");
            for (Option option : settings.options()) {
                json.writeString(option.label());
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
