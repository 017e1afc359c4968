package io.pacslite.archive.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Audit events as one line of JSON each. The canonical content that the hash chain covers is
 * the line without its {@code hash} member: every field, in a fixed order, nulls included;
 * except {@code detail}, added in index version 6, which is there only when it is set, so that
 * the rows written before it hash as they did.
 */
final class AuditJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AuditJson() {
    }

    /** The content of event {@code seq} that its hash covers. */
    static String canonical(long seq, AuditEvent event) {
        return write(seq, event, null);
    }

    /** The line of the JSON-lines file for {@code chained}, its hash included. */
    static String line(ChainedEvent chained) {
        return write(chained.seq(), chained.event(), chained.hash());
    }

    private static String write(long seq, AuditEvent e, String hash) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("seq", seq);
            json.writeStringField("at", e.at().toString());
            json.writeStringField("who", e.who());
            json.writeStringField("role", e.role());
            json.writeStringField("address", e.address());
            json.writeStringField("action", e.action().name());
            json.writeStringField("studyUid", e.studyUid());
            json.writeStringField("seriesUid", e.seriesUid());
            json.writeStringField("sopUid", e.sopUid());
            json.writeArrayFieldStart("queryKeys");
            for (String key : e.queryKeys()) {
                json.writeString(key);
            }
            json.writeEndArray();
            json.writeStringField("outcome", e.outcome());
            if (e.detail() != null) {
                json.writeStringField("detail", e.detail());
            }
            if (hash != null) {
                json.writeStringField("hash", hash);
            }
            json.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}
