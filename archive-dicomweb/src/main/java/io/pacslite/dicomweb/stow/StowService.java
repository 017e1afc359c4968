package io.pacslite.dicomweb.stow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.Archive;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.ingest.Ingest;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.ingest.StoreStatus;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.json.DicomJsonWriter;
import io.pacslite.dicomweb.auth.RequestAudit;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.multipart.MultipartException;
import io.pacslite.dicomweb.multipart.MultipartReader;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.pacslite.dicomweb.xml.NativeXml;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STOW-RS, the Studies Store transaction (PS3.18 10.5): {@code POST /studies} and
 * {@code POST /studies/{study}} with a {@code multipart/related; type="application/dicom"}
 * body, or a single {@code application/dicom} body. Each part streams into the archive's one
 * ingest path as it arrives (nothing is held whole) and commits while the next one arrives
 * ({@link StowParts}); once all are committed, the answer is the Store Instances
 * Response Module as DICOM JSON, or XML when the Accept asks for {@code application/dicom+xml}.
 */
public final class StowService implements DicomWebService {

    private static final Logger LOG = LoggerFactory.getLogger(StowService.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final String DICOM = "application/dicom";
    private static final String DICOM_JSON = "application/dicom+json";
    private static final String DICOM_XML = "application/dicom+xml";

    private final DicomWebContext context;

    public StowService(DicomWebContext context) {
        this.context = context;
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.UPLOADER)
                .post(Routes.BASE + "/studies", "stow", this::store)
                .post(Routes.STUDY, "stow", this::store);
    }

    private void store(HttpServerExchange exchange) throws IOException {
        String study = Requests.optionalUid(exchange, "study");
        String responseType = responseType(Requests.accept(exchange));
        MediaType contentType = contentType(exchange);
        exchange.setMaxEntitySize(context.config().maxRequestBytes());
        if (exchange.getRequestContentLength() > context.config().maxRequestBytes()) {
            throw tooLarge(List.of());
        }
        StoreContext storeContext = StoreContext.partTen(Requests.client(exchange));
        if (study != null) {
            storeContext = storeContext.withExpectedStudy(study);
        }
        Instant started = Instant.now();
        List<StowOutcome> outcomes = new ArrayList<>();
        exchange.putAttachment(RequestAudit.STUDIES, () -> outcomes.stream().map(StowOutcome::studyInstanceUID)
                .filter(Objects::nonNull).distinct().toList());
        StowParts parts = new StowParts();
        InputStream body = exchange.getInputStream();
        try {
            if (contentType.is(DICOM)) {
                storeOne(body, storeContext, parts);
            } else {
                storeParts(new MultipartReader(body, boundary(contentType)), storeContext, parts);
            }
        } catch (MultipartException e) {
            outcomes.addAll(parts.await());
            logUpload(exchange, started, outcomes, "malformed multipart: " + e.getMessage());
            throw HttpError.badRequest("malformed multipart body: " + e.getMessage() + storedSoFar(outcomes));
        } catch (RequestTooBigException e) {
            outcomes.addAll(parts.await());
            logUpload(exchange, started, outcomes, "request too large");
            throw tooLarge(outcomes);
        } catch (IOException e) {
            outcomes.addAll(parts.await());
            logUpload(exchange, started, outcomes, "body unreadable: " + e.getMessage());
            throw HttpError.badRequest("the request body could not be read: " + e.getMessage() + storedSoFar(outcomes));
        }
        outcomes.addAll(parts.await());
        if (outcomes.isEmpty()) {
            throw HttpError.badRequest("the multipart body has no parts");
        }
        logUpload(exchange, started, outcomes, null);
        answer(exchange, outcomes, study, responseType);
    }

    private void storeParts(MultipartReader reader, StoreContext storeContext, StowParts parts) throws IOException {
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            MediaType partType = part.contentType();
            if (partType != null && !partType.is(DICOM)) {
                parts.add(StowOutcome.notDicom(partType.essence()));
                continue;
            }
            storeOne(part.body(), storeContext, parts);
        }
    }

    /**
     * Receives one part, then leaves its commit to {@code parts}. A failed read of the body is
     * thrown again as itself (it decides the answer), the part's temp file removed.
     */
    private void storeOne(InputStream in, StoreContext storeContext, StowParts parts) throws IOException {
        Archive archive = context.archive();
        WatchedInputStream watched = new WatchedInputStream(in);
        Ingest.Received received = archive.receive(watched, storeContext);
        try {
            watched.rethrowFailure();
        } catch (IOException e) {
            received.close();
            throw e;
        }
        parts.commit(received, result -> StowOutcome.of(result, retrievedSeries(archive, result)));
    }

    /**
     * The series the stored instance is retrieved under: the data set's when this store wrote
     * it; when an instance with its SOP Instance UID was already there (a duplicate), the one
     * that instance is indexed in.
     */
    private static String retrievedSeries(Archive archive, StoreResult result) {
        if (!result.isStored()) {
            return null;
        }
        if (result.reason() == StoreReason.STORED) {
            return result.seriesInstanceUID();
        }
        StoredInstance stored = archive.index().find(result.sopInstanceUID());
        return stored == null ? null : stored.seriesUid();
    }

    private void answer(HttpServerExchange exchange, List<StowOutcome> outcomes, String study, String responseType)
            throws IOException {
        Attributes response = StowResponse.dataset(outcomes, Requests.baseUrl(exchange), study);
        exchange.setStatusCode(StowResponse.httpStatus(outcomes));
        try (OutputStream out = Responses.body(exchange, responseType, true)) {
            if (responseType.equals(DICOM_XML)) {
                NativeXml.write(response, out);
            } else {
                try (JsonGenerator json = JSON.createGenerator(out)) {
                    DicomJsonWriter.inline(json).write(response);
                }
            }
        }
    }

    /** DICOM JSON unless the Accept prefers XML; 406 if it allows neither. */
    private static String responseType(List<MediaType> accept) {
        MediaType best = null;
        for (MediaType range : accept) {
            boolean fits = range.includes(DICOM_JSON) || range.includes(DICOM_XML) || range.is("application/json");
            if (fits && (best == null || range.quality() > best.quality())) {
                best = range;
            }
        }
        if (best == null) {
            throw HttpError.notAcceptable("the STOW-RS response is application/dicom+json or application/dicom+xml");
        }
        return best.is(DICOM_XML) ? DICOM_XML : DICOM_JSON;
    }

    private static MediaType contentType(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (header == null) {
            throw HttpError.unsupportedMediaType("a STOW-RS request needs a Content-Type: multipart/related; "
                    + "type=\"application/dicom\", or application/dicom");
        }
        MediaType type;
        try {
            type = MediaType.parse(header);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("unreadable Content-Type: " + e.getMessage());
        }
        if (type.is(DICOM)) {
            return type;
        }
        if (!type.is("multipart/related")) {
            throw HttpError.unsupportedMediaType("Content-Type " + type.essence() + " is not supported; send "
                    + "multipart/related; type=\"application/dicom\", or application/dicom");
        }
        String partType = type.parameter("type");
        if (partType != null && !MediaType.parse(partType).is(DICOM)) {
            throw HttpError.unsupportedMediaType("multipart/related of type " + partType
                    + " is not supported; only application/dicom parts are (no metadata and bulk data uploads)");
        }
        return type;
    }

    private static String boundary(MediaType type) {
        String boundary = type.parameter("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw HttpError.badRequest("the multipart/related Content-Type has no usable boundary parameter");
        }
        return boundary;
    }

    private void logUpload(HttpServerExchange exchange, Instant started, List<StowOutcome> outcomes, String error) {
        int stored = (int) outcomes.stream().filter(o -> o.status() != StoreStatus.FAILURE).count();
        int failed = outcomes.size() - stored;
        context.metrics().stored(stored);
        for (StowOutcome outcome : outcomes) {
            if (outcome.status() == StoreStatus.FAILURE) {
                LOG.info("STOW-RS part from {} failed ({}): {}", Requests.client(exchange),
                        String.format("%04X", outcome.code()), outcome.detail());
            }
        }
        String outcome = error != null ? error : failed == 0 ? "stored" : stored == 0 ? "all failed" : "some failed";
        try {
            context.archive().index().logUpload(started, Instant.now(), "http:" + Requests.client(exchange), stored, 0,
                    failed, outcome);
        } catch (RuntimeException e) {
            LOG.warn("the upload could not be logged", e);
        }
    }

    private HttpError tooLarge(List<StowOutcome> outcomes) {
        return new HttpError(413, "the request is larger than the limit of " + context.config().maxRequestBytes()
                + " bytes" + storedSoFar(outcomes));
    }

    private static String storedSoFar(List<StowOutcome> outcomes) {
        long stored = outcomes.stream().filter(o -> o.status() != StoreStatus.FAILURE).count();
        return stored == 0 ? "; nothing was stored" : "; the " + stored + " instances before it were stored";
    }
}
