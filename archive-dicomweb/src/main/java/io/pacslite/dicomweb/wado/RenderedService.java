package io.pacslite.dicomweb.wado;

import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.image.ImageFrames;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.multipart.MultipartWriter;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rendered and thumbnail resources of the WADO-RS Retrieve transaction (PS3.18 10.4,
 * parameters 8.3.5.1), for pages that show images without a viewer (docs/dicomweb.md):
 *
 * <ul>
 * <li>{@code .../instances/{i}/rendered}: the instance's first frame as JPEG (default) or PNG;
 *     an Encapsulated PDF instance as its {@code application/pdf} document;
 * <li>{@code .../frames/{list}/rendered}: one frame as an image, several as
 *     {@code multipart/related} of images;
 * <li>{@code /studies/{s}/rendered}, {@code .../series/{se}/rendered}: {@code multipart/related},
 *     the first frame of each image instance, in series and instance number order;
 * <li>{@code .../thumbnail} at each level: one small image ({@value #THUMBNAIL_SIDE} pixels on
 *     its longer side unless a {@code viewport} says otherwise) of a representative frame: the
 *     middle instance of the first series with images, its first frame (or the frame asked for);
 *     kept in a bounded cache on disk under {@code <root>/cache/thumbnails}.
 * </ul>
 */
public final class RenderedService implements DicomWebService {

    /** The longer side of a thumbnail without a viewport, in pixels. */
    static final int THUMBNAIL_SIDE = 128;
    /** The room the thumbnail cache may take on disk. */
    static final long THUMBNAIL_CACHE_BYTES = 256L << 20;

    private static final String PDF = "application/pdf";

    private final DicomWebContext context;
    private final ThumbnailCache thumbnails;

    public RenderedService(DicomWebContext context) {
        this.context = context;
        this.thumbnails = new ThumbnailCache(context.archive().root().resolve("cache").resolve("thumbnails"),
                THUMBNAIL_CACHE_BYTES);
    }

    @Override
    public void register(Routes routes) {
        routes.get(Routes.STUDY + "/rendered", "wado.rendered.study", this::renderedImages)
                .get(Routes.SERIES + "/rendered", "wado.rendered.series", this::renderedImages)
                .get(Routes.INSTANCE + "/rendered", "wado.rendered.instance", this::renderedInstance)
                .get(Routes.INSTANCE + "/frames/{frames}/rendered", "wado.rendered.frames", this::renderedFrames)
                .get(Routes.STUDY + "/thumbnail", "wado.thumbnail.study", this::thumbnail)
                .get(Routes.SERIES + "/thumbnail", "wado.thumbnail.series", this::thumbnail)
                .get(Routes.INSTANCE + "/thumbnail", "wado.thumbnail.instance", this::thumbnail)
                .get(Routes.INSTANCE + "/frames/{frames}/thumbnail", "wado.thumbnail.frames", this::thumbnail);
    }

    private void renderedInstance(HttpServerExchange exchange) throws IOException {
        RenderingParameters parameters = RenderingParameters.of(exchange);
        StoredDataset stored = StoredDataset.read(context.archive().blobs(), instances(exchange).get(0));
        if (UID.EncapsulatedPDFStorage.equals(stored.instance().sopClassUid())) {
            sendDocument(exchange, stored);
            return;
        }
        RenderedMediaType type = RenderedMediaType.select(acceptable(exchange));
        requireImage(stored);
        send(exchange, type.essence(), Rendering.of(stored).frame(1, parameters, type));
    }

    private void renderedFrames(HttpServerExchange exchange) throws IOException {
        RenderingParameters parameters = RenderingParameters.of(exchange);
        RenderedMediaType type = RenderedMediaType.select(acceptable(exchange));
        StoredDataset stored = StoredDataset.read(context.archive().blobs(), instances(exchange).get(0));
        requireImage(stored);
        List<Integer> numbers = FrameRetrieval.numbers(Requests.pathParameter(exchange, "frames"),
                Rendering.frameCount(stored));
        Rendering rendering = Rendering.of(stored);
        if (numbers.size() == 1) {
            send(exchange, type.essence(), rendering.frame(numbers.get(0), parameters, type));
            return;
        }
        List<byte[]> images = new ArrayList<>();
        for (int number : numbers) {
            images.add(rendering.frame(number, parameters, type));
        }
        sendMultipart(exchange, type, images);
    }

    /**
     * The study or series rendered: each image instance's first frame, one part each, rendered
     * and sent one at a time. Instances without pixels (reports, key objects) are left out;
     * an instance whose pixels cannot be decoded ends the response early (the client sees a
     * cut body), so those are checked by transfer syntax before anything is sent.
     */
    private void renderedImages(HttpServerExchange exchange) throws IOException {
        RenderingParameters parameters = RenderingParameters.of(exchange);
        RenderedMediaType type = RenderedMediaType.select(acceptable(exchange));
        List<StoredInstance> instances = instances(exchange);
        List<StoredInstance> undecodable = instances.stream()
                .filter(instance -> !ImageFrames.decodes(TransferSyntax.of(instance.transferSyntaxUid()))).toList();
        if (!undecodable.isEmpty()) {
            throw HttpError.notAcceptable(undecodable.size() + " of the instances are in transfer syntaxes whose pixels "
                    + "are not decoded yet, such as " + undecodable.get(0).transferSyntaxUid());
        }
        String boundary = MultipartWriter.newBoundary();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, MultipartWriter.contentType(type.essence(), boundary));
        OutputStream out = exchange.getOutputStream(); // closed on success only: see WadoService
        MultipartWriter multipart = new MultipartWriter(out, boundary);
        for (StoredInstance instance : instances) {
            StoredDataset stored = StoredDataset.read(context.archive().blobs(), instance);
            if (Rendering.isImage(stored)) {
                byte[] image = Rendering.of(stored).frame(1, parameters, type);
                multipart.startPart(type.essence(), image.length);
                out.write(image);
            }
        }
        multipart.finish();
        out.close();
    }

    /** A thumbnail of the resource: from the cache, else rendered and kept there. */
    private void thumbnail(HttpServerExchange exchange) throws IOException {
        RenderingParameters asked = RenderingParameters.of(exchange);
        RenderingParameters parameters = new RenderingParameters(asked.window(),
                asked.viewport() != null ? asked.viewport() : Viewport.square(THUMBNAIL_SIDE), asked.quality(),
                asked.invert(), asked.overlays());
        RenderedMediaType type = RenderedMediaType.select(acceptable(exchange));
        String frames = Requests.pathParameter(exchange, "frames");
        for (StoredInstance candidate : representatives(instances(exchange))) {
            String key = candidate.sopUid() + "/" + (frames == null ? "1" : frames) + "/" + type + "/"
                    + parameters.cacheKey();
            Optional<byte[]> cached = thumbnails.get(key);
            if (cached.isPresent()) {
                send(exchange, type.essence(), cached.get());
                return;
            }
            StoredDataset stored = StoredDataset.read(context.archive().blobs(), candidate);
            if (!Rendering.isImage(stored)) {
                continue;
            }
            int frame = frames == null ? 1 : single(FrameRetrieval.numbers(frames, Rendering.frameCount(stored)));
            byte[] image = Rendering.of(stored).frame(frame, parameters, type);
            thumbnails.put(key, image);
            send(exchange, type.essence(), image);
            return;
        }
        throw HttpError.notFound("no image to make a thumbnail of");
    }

    /** The middle instance of each series, in series order: the thumbnail's candidates. */
    private static List<StoredInstance> representatives(List<StoredInstance> instances) {
        Map<String, List<StoredInstance>> bySeries = new LinkedHashMap<>();
        for (StoredInstance instance : instances) {
            bySeries.computeIfAbsent(instance.seriesUid(), series -> new ArrayList<>()).add(instance);
        }
        return bySeries.values().stream().map(series -> series.get(series.size() / 2)).toList();
    }

    private static int single(List<Integer> numbers) {
        if (numbers.size() != 1) {
            throw HttpError.badRequest("a thumbnail is of one frame, not " + numbers.size());
        }
        return numbers.get(0);
    }

    private static void requireImage(StoredDataset stored) {
        if (!Rendering.isImage(stored)) {
            throw HttpError.notAcceptable("instance " + stored.instance().sopUid() + " of SOP class "
                    + stored.instance().sopClassUid() + " has no pixels to render");
        }
    }

    /** The encapsulated document of an Encapsulated PDF instance (PS3.3 A.45), as it is stored. */
    private static void sendDocument(HttpServerExchange exchange, StoredDataset stored) throws IOException {
        if (acceptable(exchange).stream().noneMatch(range -> range.quality() > 0 && range.includes(PDF))) {
            throw HttpError.notAcceptable("instance " + stored.instance().sopUid()
                    + " is an Encapsulated PDF: it is rendered as application/pdf");
        }
        Object document = stored.dataset().getValue(Tag.EncapsulatedDocument);
        if (document == null) {
            throw HttpError.notFound("instance " + stored.instance().sopUid() + " has no Encapsulated Document");
        }
        StoredValue value = StoredValue.of(document, stored.blobs(), stored.instance().fileKey());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PDF);
        exchange.setResponseContentLength(value.length());
        OutputStream out = exchange.getOutputStream();
        value.writeTo(out);
        out.close();
    }

    private static void send(HttpServerExchange exchange, String contentType, byte[] image) throws IOException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.setResponseContentLength(image.length);
        try (OutputStream out = exchange.getOutputStream()) {
            out.write(image);
        }
    }

    private static void sendMultipart(HttpServerExchange exchange, RenderedMediaType type, List<byte[]> images)
            throws IOException {
        String boundary = MultipartWriter.newBoundary();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, MultipartWriter.contentType(type.essence(), boundary));
        OutputStream out = exchange.getOutputStream();
        MultipartWriter multipart = new MultipartWriter(out, boundary);
        exchange.setResponseContentLength(multipart.bodyLength(images.stream().map(image -> type.essence()).toList(),
                images.stream().map(image -> (long) image.length).toList()));
        for (byte[] image : images) {
            multipart.startPart(type.essence(), image.length);
            out.write(image);
        }
        multipart.finish();
        out.close();
    }

    /** The acceptable media types: the {@code accept} query parameter (PS3.18 8.3.3.1) if given, else the Accept header. */
    private static List<MediaType> acceptable(HttpServerExchange exchange) {
        String query = Requests.query(exchange, "accept");
        if (query == null) {
            return Requests.accept(exchange);
        }
        try {
            return MediaType.parseList(query);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("accept: " + e.getMessage());
        }
    }

    private List<StoredInstance> instances(HttpServerExchange exchange) {
        return WadoService.instances(context.archive().index(), exchange);
    }
}
