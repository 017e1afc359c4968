package io.pacslite.dicomweb.wado;

import io.pacslite.archive.access.Role;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.image.ImageFrames;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.multipart.MultipartWriter;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Routes;
import io.pacslite.dicomweb.server.SecurityHeaders;
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
 *     an Encapsulated PDF instance as its {@code application/pdf} document; a video instance
 *     as its stored stream ({@code video/mpeg}, {@code video/mp4} or {@code video/H265});
 * <li>{@code .../frames/{list}/rendered}: one frame as an image, several as
 *     {@code multipart/related} of images;
 * <li>{@code /studies/{s}/rendered}, {@code .../series/{se}/rendered}: {@code multipart/related},
 *     the first frame of each image instance, in series and instance number order;
 * <li>{@code .../thumbnail} at each level: one small image (128 pixels on its longer side by
 *     default, {@link DicomWebConfig#thumbnailSide()}, unless a {@code viewport} says otherwise) of a representative frame: the
 *     middle instance of the first series with images, its first frame (or the frame asked for);
 *     kept in a bounded cache on disk under {@code <root>/cache/thumbnails}.
 * </ul>
 */
public final class RenderedService implements DicomWebService {

    private static final String PDF = "application/pdf";

    private final DicomWebContext context;
    private final ThumbnailCache thumbnails;

    public RenderedService(DicomWebContext context) {
        this.context = context;
        this.thumbnails = new ThumbnailCache(context.archive().root().resolve("cache").resolve("thumbnails"),
                context.config().thumbnailCacheBytes());
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.VIEWER).get(Routes.STUDY + "/rendered", "wado.rendered.study", this::renderedImages)
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
        if (PixelMediaTypes.isVideo(stored.file().transferSyntax())) {
            sendVideo(exchange, stored);
            return;
        }
        RenderedMediaType type = RenderedMediaType.select(Requests.acceptable(exchange));
        requireImage(stored);
        send(exchange, type.essence(), Rendering.of(stored).frame(1, parameters, type));
    }

    private void renderedFrames(HttpServerExchange exchange) throws IOException {
        RenderingParameters parameters = RenderingParameters.of(exchange);
        RenderedMediaType type = RenderedMediaType.select(Requests.acceptable(exchange));
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
     * and sent one at a time. Instances without pixels (reports, key objects) and videos are left out;
     * an instance whose pixels cannot be decoded ends the response early (the client sees a
     * cut body), so those are checked by transfer syntax before anything is sent.
     */
    private void renderedImages(HttpServerExchange exchange) throws IOException {
        RenderingParameters parameters = RenderingParameters.of(exchange);
        RenderedMediaType type = RenderedMediaType.select(Requests.acceptable(exchange));
        List<StoredInstance> instances = instances(exchange);
        List<TransferSyntax> undecodable = instances.stream()
                .map(instance -> TransferSyntax.of(instance.transferSyntaxUid()))
                .filter(syntax -> !ImageFrames.decodes(syntax) && !PixelMediaTypes.isVideo(syntax)).toList();
        if (!undecodable.isEmpty()) {
            throw HttpError.notAcceptable(undecodable.size() + " of the instances are in transfer syntaxes whose pixels "
                    + "are not decoded yet, such as " + undecodable.get(0).uid());
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
                asked.viewport() != null ? asked.viewport() : Viewport.square(context.config().thumbnailSide()), asked.quality(),
                asked.invert(), asked.overlays(), asked.annotation());
        RenderedMediaType type = RenderedMediaType.select(Requests.acceptable(exchange));
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

    /**
     * The encapsulated document of an Encapsulated PDF instance (PS3.3 A.45), as it is stored,
     * without the padding byte of an odd-length document: Encapsulated Document Length
     * (0042,0015) gives its length, when it is there (PS3.3 C.24.2).
     */
    private static void sendDocument(HttpServerExchange exchange, StoredDataset stored) throws IOException {
        Object document = stored.dataset().getValue(Tag.EncapsulatedDocument);
        if (document == null) {
            throw HttpError.notFound("instance " + stored.instance().sopUid() + " has no Encapsulated Document");
        }
        StoredValue value = StoredValue.of(document, stored.blobs(), stored.instance().fileKey());
        long length = stored.dataset().getInt(Tag.EncapsulatedDocumentLength, -1) & 0xFFFFFFFFL;
        if (length < value.length()) {
            value = value.slice(0, length);
        }
        SecurityHeaders.allowPluginDocument(exchange);
        sendStored(exchange, stored, PDF, "an Encapsulated PDF", List.of(value));
    }

    /**
     * The video stream of an instance in an MPEG-2, MPEG-4 AVC/H.264 or HEVC/H.265 transfer
     * syntax (PS3.5 8.2.5 to 8.2.8), passed through as stored: its fragments, after the Basic
     * Offset Table, one after the other, as the media type PS3.18 gives the syntax.
     */
    private static void sendVideo(HttpServerExchange exchange, StoredDataset stored) throws IOException {
        if (!(stored.dataset().getValue(Tag.PixelData) instanceof Fragments fragments)) {
            throw HttpError.notAcceptable("instance " + stored.instance().sopUid() + " has no encapsulated video stream");
        }
        List<StoredValue> stream = new ArrayList<>();
        for (int i = 1; i < fragments.size(); i++) {
            stream.add(StoredValue.of(fragments.get(i), stored.blobs(), stored.instance().fileKey()));
        }
        TransferSyntax syntax = stored.file().transferSyntax();
        sendStored(exchange, stored, PixelMediaTypes.of(syntax), "a video in " + syntax.uid(), stream);
    }

    /** Stored values, one after the other, as the body of type {@code mediaType}, if the client accepts that type. */
    private static void sendStored(HttpServerExchange exchange, StoredDataset stored, String mediaType, String what,
            List<StoredValue> values) throws IOException {
        if (Requests.acceptable(exchange).stream().noneMatch(range -> range.quality() > 0 && range.includes(mediaType))) {
            throw HttpError.notAcceptable("instance " + stored.instance().sopUid() + " is " + what + ": it is rendered as "
                    + mediaType);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, mediaType);
        exchange.setResponseContentLength(values.stream().mapToLong(StoredValue::length).sum());
        OutputStream out = exchange.getOutputStream();
        for (StoredValue value : values) {
            value.writeTo(out);
        }
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

    private List<StoredInstance> instances(HttpServerExchange exchange) {
        return WadoService.instances(context.archive().index(), exchange);
    }
}
