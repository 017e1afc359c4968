package io.pacslite.dicomweb.wado;

import io.pacslite.archive.index.StoredInstance;
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
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * WADO-URI (PS3.18 9): {@code GET /wado?requestType=WADO&studyUID=&seriesUID=&objectUID=} with
 * {@code contentType=application/dicom} (the default here: rendering to image/jpeg is a later
 * issue) sends the stored file; a {@code transferSyntax} other than the stored one is 406.
 */
public final class WadoUriService implements DicomWebService {

    private final DicomWebContext context;

    public WadoUriService(DicomWebContext context) {
        this.context = context;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/wado", "wado-uri", this::retrieve);
    }

    private void retrieve(HttpServerExchange exchange) throws IOException {
        if (!"WADO".equals(Requests.query(exchange, "requestType"))) {
            throw HttpError.badRequest("requestType=WADO is required");
        }
        String study = Requests.validUid(Requests.query(exchange, "studyUID"), "studyUID");
        String series = Requests.validUid(Requests.query(exchange, "seriesUID"), "seriesUID");
        String object = Requests.validUid(Requests.query(exchange, "objectUID"), "objectUID");
        String contentType = Requests.query(exchange, "contentType");
        if (contentType != null && !List.of(contentType.split(",")).stream().map(String::trim)
                .anyMatch(type -> type.equals("application/dicom") || type.equals("*/*"))) {
            throw HttpError.notAcceptable("contentType " + contentType + " is not supported; only application/dicom");
        }
        List<StoredInstance> found = context.archive().index().instances(study, series, object);
        if (found.isEmpty()) {
            throw HttpError.notFound("no such object");
        }
        StoredInstance instance = found.get(0);
        String syntax = Requests.query(exchange, "transferSyntax");
        if (syntax != null && !syntax.equals(instance.transferSyntaxUid())) {
            throw HttpError.notAcceptable("the object is stored in " + instance.transferSyntaxUid()
                    + "; transcoding is not supported yet");
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/dicom");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, instance.size());
        try (FileChannel file = FileChannel.open(context.archive().blobs().pathOf(instance.fileKey()),
                StandardOpenOption.READ)) {
            OutputStream out = exchange.getOutputStream();
            Responses.transfer(file, out);
            out.close();
        }
    }
}
