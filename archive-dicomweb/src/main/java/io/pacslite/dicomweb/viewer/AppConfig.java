package io.pacslite.dicomweb.viewer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.dicomweb.server.Routes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The viewer's {@code app-config.js}: {@code window.config = {...};} written as JSON (which is
 * JavaScript), with OHIF's one DICOMweb data source pointing at this server. The roots are
 * absolute URLs on the origin the browser used, so the page works under any host name. The
 * keys are OHIF v3's documented configuration (docs/viewer.md lists them).
 */
final class AppConfig {

    private static final JsonFactory JSON = new JsonFactory();

    private AppConfig() {
    }

    /** The script for a page loaded from {@code origin} ({@code http://host:port}). */
    static String script(String origin) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("routerBasename", "/");
            json.writeArrayFieldStart("extensions");
            json.writeEndArray();
            json.writeArrayFieldStart("modes");
            json.writeEndArray();
            json.writeBooleanField("showStudyList", true);
            json.writeNumberField("maxNumberOfWebWorkers", 3);
            // Everything comes from this one origin, so there is no cross-origin setup to warn about.
            json.writeBooleanField("showWarningMessageForCrossOrigin", false);
            json.writeBooleanField("showCPUFallbackMessage", true);
            json.writeBooleanField("showLoadingIndicator", true);
            json.writeBooleanField("strictZSpacingForVolumeViewport", true);
            json.writeStringField("defaultDataSourceName", "pacslite");
            json.writeArrayFieldStart("dataSources");
            dataSource(json, origin);
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return "window.config = " + text + ";\n";
    }

    private static void dataSource(JsonGenerator json, String origin) throws IOException {
        json.writeStartObject();
        json.writeStringField("namespace", "@ohif/extension-default.dataSourcesModule.dicomweb");
        json.writeStringField("sourceName", "pacslite");
        json.writeObjectFieldStart("configuration");
        json.writeStringField("friendlyName", "PACS-lite");
        json.writeStringField("name", "pacslite");
        json.writeStringField("qidoRoot", origin + Routes.BASE);
        json.writeStringField("wadoRoot", origin + Routes.BASE);
        json.writeStringField("wadoUriRoot", origin + "/wado");
        json.writeBooleanField("qidoSupportsIncludeField", true);
        json.writeBooleanField("supportsFuzzyMatching", true);
        json.writeBooleanField("supportsWildcard", true);
        json.writeBooleanField("supportsReject", false);
        json.writeStringField("imageRendering", "wadors");
        json.writeStringField("thumbnailRendering", "wadors");
        json.writeBooleanField("enableStudyLazyLoad", true);
        json.writeBooleanField("dicomUploadEnabled", true);
        json.writeBooleanField("omitQuotationForMultipartRequest", true);
        // PDF reports are fetched whole from their /rendered resource, as application/pdf
        // (docs/viewer.md, "Reports"); other bulk data stays multipart.
        json.writeStringField("singlepart", "pdf");
        json.writeObjectFieldStart("bulkDataURI");
        json.writeBooleanField("enabled", true);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }
}
