package io.pacslite.dicomweb.qido;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.query.Query;
import io.pacslite.archive.query.QueryEngine;
import io.pacslite.archive.query.QueryException;
import io.pacslite.archive.query.QueryLevel;
import io.pacslite.archive.query.QueryParameters;
import io.pacslite.archive.query.QueryResult;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.json.DicomJsonWriter;
import io.pacslite.dicomweb.auth.StudyScope;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.multipart.MultipartWriter;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.pacslite.dicomweb.xml.NativeXml;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * QIDO-RS, the Search transaction (PS3.18 10.6): studies, series and instances, at the top
 * level or under a study or series, answered by the archive's one {@link QueryEngine} (the
 * parameters are read by {@link QueryParameters}; matching in docs/query.md). Matches go out
 * as a DICOM JSON array (the default) or as {@code multipart/related;
 * type="application/dicom+xml"}, one PS3.19 document per match, each with its RetrieveURL.
 * No match is 200 with an empty array, not 204 (docs/dicomweb.md says why).
 */
public final class QidoService implements DicomWebService {

    /** The most matches one response holds; a larger or absent limit gets this many and a Warning. */
    static final int MAX_LIMIT = 1000;

    private static final JsonFactory JSON = new JsonFactory();
    private static final HttpString WARNING = new HttpString("Warning");
    private static final String DICOM_JSON = "application/dicom+json";
    private static final String DICOM_XML = "application/dicom+xml";

    private final QueryEngine engine;

    public QidoService(DicomWebContext context) {
        this.engine = new QueryEngine(context.archive().index());
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.VIEWER)
                .get(Routes.BASE + "/studies", "qido.studies", exchange -> search(exchange, QueryLevel.STUDY))
                .get(Routes.BASE + "/series", "qido.series", exchange -> search(exchange, QueryLevel.SERIES))
                .get(Routes.STUDY + "/series", "qido.series", exchange -> search(exchange, QueryLevel.SERIES))
                .get(Routes.BASE + "/instances", "qido.instances", exchange -> search(exchange, QueryLevel.INSTANCE))
                .get(Routes.STUDY + "/instances", "qido.instances", exchange -> search(exchange, QueryLevel.INSTANCE))
                .get(Routes.SERIES + "/instances", "qido.instances", exchange -> search(exchange, QueryLevel.INSTANCE));
    }

    private void search(HttpServerExchange exchange, QueryLevel level) throws IOException {
        // A caller limited to one study searches within it (the path names that study, if any: StudyScope).
        String path = Requests.optionalUid(exchange, "study");
        String study = path != null ? path : StudyScope.of(exchange);
        String series = Requests.optionalUid(exchange, "series");
        boolean xml = prefersXml(Requests.accept(exchange));
        QueryResult result;
        List<Integer> unmatchable;
        try {
            Query query = QueryParameters.parse(level, parameters(exchange), study, series);
            unmatchable = query.unmatchableKeys();
            result = engine.search(capped(query));
        } catch (QueryException e) {
            throw new HttpError(e.reason().httpStatus(), e.getMessage());
        }
        warn(exchange, result.more(), unmatchable);
        String base = Requests.baseUrl(exchange);
        for (Attributes match : result.matches()) {
            match.setString(Tag.RetrieveURL, VR.UR, retrieveUrl(base, level, match));
        }
        if (xml) {
            writeXml(exchange, result.matches());
        } else {
            writeJson(exchange, result.matches());
        }
    }

    /** The query with its limit brought within {@link #MAX_LIMIT} (PS3.18 8.3.4.4: the server may return fewer). */
    private static Query capped(Query query) {
        return query.limit() == 0 || query.limit() > MAX_LIMIT ? query.page(query.offset(), MAX_LIMIT) : query;
    }

    /** Query parameters as Undertow decoded them (UTF-8, {@code +} as space), by name, values in order. */
    private static Map<String, List<String>> parameters(HttpServerExchange exchange) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        exchange.getQueryParameters().forEach((name, values) -> parameters.put(name, new ArrayList<>(values)));
        return parameters;
    }

    /**
     * The Warning header fields of PS3.18 8.3.4.4 and 10.6.3: more matches than this page
     * holds, and keys that were ignored because they cannot be matched.
     */
    private static void warn(HttpServerExchange exchange, boolean more, List<Integer> unmatchable) {
        if (more) {
            exchange.getResponseHeaders().add(WARNING,
                    "299 pacslite \"There are additional results that can be requested\"");
        }
        if (!unmatchable.isEmpty()) {
            exchange.getResponseHeaders().add(WARNING, "299 pacslite \"The following query keys are not supported "
                    + "for matching and were ignored: " + unmatchable.stream().map(QidoService::name)
                            .collect(Collectors.joining(", ")) + "\"");
        }
    }

    private static String name(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        return keyword == null || keyword.isEmpty() ? Tags.toHex(tag) : keyword + " (" + Tags.toHex(tag) + ")";
    }

    /** The RetrieveURL (0008,1190) of a match: its WADO-RS resource at the query's level. */
    private static String retrieveUrl(String base, QueryLevel level, Attributes match) {
        String url = base + "/studies/" + match.getString(Tag.StudyInstanceUID);
        if (level == QueryLevel.STUDY) {
            return url;
        }
        url += "/series/" + match.getString(Tag.SeriesInstanceUID);
        return level == QueryLevel.SERIES ? url : url + "/instances/" + match.getString(Tag.SOPInstanceUID);
    }

    /**
     * Whether the Accept prefers {@code multipart/related; type="application/dicom+xml"} over
     * DICOM JSON (PS3.18 8.7.3, 10.6.2); a range of neither is not acceptable (406).
     */
    private static boolean prefersXml(List<MediaType> accept) {
        MediaType best = null;
        boolean bestIsXml = false;
        for (MediaType range : accept) {
            boolean json = range.includes(DICOM_JSON) || range.is("application/json");
            boolean xml = !json && range.is("multipart/related") && range.parameter("type") != null
                    && MediaType.parse(range.parameter("type")).is(DICOM_XML);
            if ((json || xml) && (best == null || range.quality() > best.quality())) {
                best = range;
                bestIsXml = xml;
            }
        }
        if (best == null) {
            throw HttpError.notAcceptable("QIDO-RS answers application/dicom+json or multipart/related; "
                    + "type=\"application/dicom+xml\"");
        }
        return bestIsXml;
    }

    private static void writeJson(HttpServerExchange exchange, List<Attributes> matches) throws IOException {
        try (OutputStream out = Responses.body(exchange, DICOM_JSON, true);
                JsonGenerator json = JSON.createGenerator(out)) {
            DicomJsonWriter writer = DicomJsonWriter.inline(json);
            json.writeStartArray();
            for (Attributes match : matches) {
                writer.write(match);
            }
            json.writeEndArray();
        }
    }

    private static void writeXml(HttpServerExchange exchange, List<Attributes> matches) throws IOException {
        String boundary = MultipartWriter.newBoundary();
        try (OutputStream out = Responses.body(exchange, MultipartWriter.contentType(DICOM_XML, boundary), true)) {
            MultipartWriter multipart = new MultipartWriter(out, boundary);
            for (Attributes match : matches) {
                multipart.startPart(DICOM_XML, -1);
                NativeXml.write(match, out);
            }
            multipart.finish();
        }
    }
}
