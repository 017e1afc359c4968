package io.pacslite.dicomweb.wado;

import io.pacslite.archive.access.Role;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.image.VoiFunction;
import io.pacslite.dicom.image.Window;
import io.pacslite.dicomweb.multipart.MediaType;
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
 * WADO-URI (PS3.18 9): {@code GET /wado?requestType=WADO&studyUID=&seriesUID=&objectUID=}.
 * {@code contentType=application/dicom} sends the stored file (Retrieve DICOM Instance); a
 * {@code transferSyntax} other than the stored one is 406. Otherwise (PS3.18 9.3: without
 * {@code contentType} and with an Accept of any type the media type is {@code image/jpeg}) the
 * instance is rendered (Retrieve Rendered Instance, 9.5): {@code image/jpeg}, {@code image/png}
 * or {@code image/gif}, with {@code windowCenter} and {@code windowWidth}, {@code rows} and
 * {@code columns} (the largest size, aspect kept), {@code frameNumber}, {@code imageQuality},
 * {@code annotation}. {@code region}, {@code anonymize} and {@code presentationUID} are not
 * supported and ignored.
 */
public final class WadoUriService implements DicomWebService {

    private static final String DICOM = "application/dicom";

    private final DicomWebContext context;

    public WadoUriService(DicomWebContext context) {
        this.context = context;
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.VIEWER).get("/wado", "wado-uri", this::retrieve);
    }

    private void retrieve(HttpServerExchange exchange) throws IOException {
        if (!"WADO".equals(Requests.query(exchange, "requestType"))) {
            throw HttpError.badRequest("requestType=WADO is required");
        }
        String study = Requests.validUid(Requests.query(exchange, "studyUID"), "studyUID");
        String series = Requests.validUid(Requests.query(exchange, "seriesUID"), "seriesUID");
        String object = Requests.validUid(Requests.query(exchange, "objectUID"), "objectUID");
        List<MediaType> acceptable = acceptable(exchange);
        List<StoredInstance> found = context.archive().index().instances(study, series, object);
        if (found.isEmpty()) {
            throw HttpError.notFound("no such object");
        }
        StoredInstance instance = found.get(0);
        if (wantsDicom(acceptable)) {
            sendFile(exchange, instance);
        } else {
            sendRendered(exchange, instance, acceptable);
        }
    }

    /**
     * The acceptable types: {@code contentType}, else the Accept header; none, or only
     * {@code *}{@code /*}, means {@code image/jpeg} (PS3.18 9.3).
     */
    private static List<MediaType> acceptable(HttpServerExchange exchange) {
        String contentType = Requests.query(exchange, "contentType");
        List<MediaType> acceptable;
        try {
            acceptable = contentType != null ? MediaType.parseList(contentType) : Requests.accept(exchange);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("contentType: " + e.getMessage());
        }
        return acceptable.stream().allMatch(range -> range.is("*/*")) ? List.of(MediaType.parse("image/jpeg"))
                : acceptable;
    }

    /** Whether application/dicom comes before any rendered type in the acceptable list. */
    private static boolean wantsDicom(List<MediaType> acceptable) {
        for (MediaType range : acceptable) {
            if (range.is(DICOM)) {
                return true;
            }
            for (RenderedMediaType type : RenderedMediaType.values()) {
                if (range.includes(type.essence())) {
                    return false;
                }
            }
        }
        throw HttpError.notAcceptable("WADO-URI serves application/dicom, image/jpeg, image/png and image/gif");
    }

    private void sendFile(HttpServerExchange exchange, StoredInstance instance) throws IOException {
        String syntax = Requests.query(exchange, "transferSyntax");
        if (syntax != null && !syntax.equals(instance.transferSyntaxUid())) {
            throw HttpError.notAcceptable("the object is stored in " + instance.transferSyntaxUid()
                    + "; transcoding is not supported yet");
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, DICOM);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, instance.size());
        try (FileChannel file = FileChannel.open(context.archive().blobs().pathOf(instance.fileKey()),
                StandardOpenOption.READ)) {
            OutputStream out = exchange.getOutputStream();
            Responses.transfer(file, out);
            out.close();
        }
    }

    private void sendRendered(HttpServerExchange exchange, StoredInstance instance, List<MediaType> acceptable)
            throws IOException {
        RenderedMediaType type = RenderedMediaType.select(acceptable);
        RenderingParameters parameters = new RenderingParameters(window(exchange), viewport(exchange),
                integer(exchange, "imageQuality", RenderingParameters.DEFAULT_QUALITY, 1, 100), false, false,
                annotation(exchange));
        StoredDataset stored = StoredDataset.read(context.archive().blobs(), instance);
        if (!Rendering.isImage(stored)) {
            throw HttpError.notAcceptable("object " + instance.sopUid() + " has no pixels to render");
        }
        int frame = integer(exchange, "frameNumber", 1, 1, Rendering.frameCount(stored));
        byte[] image = Rendering.of(stored).frame(frame, parameters, type);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type.essence());
        exchange.setResponseContentLength(image.length);
        try (OutputStream out = exchange.getOutputStream()) {
            out.write(image);
        }
    }

    /** windowCenter and windowWidth (both or neither; PS3.18 9.4: linear). */
    private static Window window(HttpServerExchange exchange) {
        String center = Requests.query(exchange, "windowCenter");
        String width = Requests.query(exchange, "windowWidth");
        if (center == null && width == null) {
            return null;
        }
        if (center == null || width == null) {
            throw HttpError.badRequest("windowCenter and windowWidth go together");
        }
        try {
            return new Window(Double.parseDouble(center), Double.parseDouble(width), VoiFunction.LINEAR);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("windowCenter, windowWidth: " + e.getMessage());
        }
    }

    /** rows and columns as a viewport: the image scaled to fit them, aspect kept (either alone bounds one side). */
    /** {@code annotation}: {@code patient} and/or {@code technique}, as for WADO-RS ({@link Annotation}); 400 for another. */
    private static Annotation annotation(HttpServerExchange exchange) {
        try {
            return Annotation.parse(Requests.query(exchange, "annotation"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("annotation: " + e.getMessage());
        }
    }

    private static Viewport viewport(HttpServerExchange exchange) {
        int rows = integer(exchange, "rows", 0, 1, Viewport.MAX_SIDE);
        int columns = integer(exchange, "columns", 0, 1, Viewport.MAX_SIDE);
        if (rows == 0 && columns == 0) {
            return null;
        }
        return new Viewport(columns == 0 ? Viewport.MAX_SIDE : columns, rows == 0 ? Viewport.MAX_SIDE : rows, 0, 0, 0, 0);
    }

    private static int integer(HttpServerExchange exchange, String name, int absent, int min, int max) {
        String text = Requests.query(exchange, name);
        if (text == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HttpError.badRequest(name + " must be an integer from " + min + " to " + max + ", not \"" + text + "\"");
    }
}
