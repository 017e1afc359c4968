package io.pacslite.dicomweb.wado;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.index.StoredMetadata;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.InflaterInputStream;

/**
 * WADO-RS metadata (PS3.18 10.4.1.1.2) of a study, series or instance as a DICOM JSON array,
 * from the metadata the index stored at ingest (no file is opened). The stored BulkDataURIs
 * are relative to the instance; they are made absolute against the URL the client used. An
 * ETag (the instances and when each was received) and Last-Modified let clients revalidate.
 */
final class MetadataRetrieval {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String BULK_DATA_URI = "BulkDataURI";

    private MetadataRetrieval() {
    }

    static void send(HttpServerExchange exchange, List<StoredMetadata> metadata) throws IOException {
        requireJson(Requests.accept(exchange));
        Instant lastModified = metadata.stream().map(StoredMetadata::receivedAt).max(Instant::compareTo).orElseThrow();
        String etag = etag(metadata);
        exchange.getResponseHeaders().put(Headers.ETAG, etag);
        exchange.getResponseHeaders().put(Headers.LAST_MODIFIED, DateUtils.toDateString(Date.from(lastModified)));
        if (notModified(exchange, etag, lastModified)) {
            exchange.setStatusCode(304);
            return;
        }
        String base = Requests.baseUrl(exchange);
        try (OutputStream out = Responses.body(exchange, "application/dicom+json", true);
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (StoredMetadata instance : metadata) {
                copyResolving(instance.deflatedMetadata(), instanceUrl(base, instance.instance()) + "/", json);
            }
            json.writeEndArray();
        }
    }

    static String instanceUrl(String base, StoredInstance instance) {
        return base + "/studies/" + instance.studyUid() + "/series/" + instance.seriesUid() + "/instances/"
                + instance.sopUid();
    }

    /** Copies one stored JSON object, BulkDataURIs made absolute against {@code instanceUrl}. */
    private static void copyResolving(byte[] deflated, String instanceUrl, JsonGenerator json) throws IOException {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(deflated));
                JsonParser parser = JSON.createParser(in)) {
            boolean bulkDataUri = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (bulkDataUri && token == JsonToken.VALUE_STRING) {
                    String uri = parser.getText();
                    json.writeString(uri.contains("://") ? uri : instanceUrl + uri);
                } else {
                    json.copyCurrentEvent(parser);
                }
                bulkDataUri = token == JsonToken.FIELD_NAME && parser.currentName().equals(BULK_DATA_URI);
            }
        }
    }

    private static void requireJson(List<MediaType> accept) {
        for (MediaType range : accept) {
            if (range.includes("application/dicom+json") || range.is("application/json")) {
                return;
            }
        }
        throw HttpError.notAcceptable("metadata is sent as application/dicom+json only");
    }

    private static String etag(List<StoredMetadata> metadata) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (StoredMetadata instance : metadata) {
                digest.update((instance.instance().sopUid() + "@" + instance.receivedAt().toEpochMilli() + ";")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean notModified(HttpServerExchange exchange, String etag, Instant lastModified) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return ifNoneMatch.trim().equals("*") || List.of(ifNoneMatch.split(",")).stream()
                    .map(String::trim).map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag).anyMatch(etag::equals);
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst(Headers.IF_MODIFIED_SINCE);
        Date since = ifModifiedSince == null ? null : DateUtils.parseDate(ifModifiedSince);
        return since != null && lastModified.getEpochSecond() <= since.toInstant().getEpochSecond();
    }
}
