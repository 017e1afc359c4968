package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.multipart.MultipartWriter;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.SecurityHeaders;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.IntStream;

/**
 * WADO-RS bulk data (PS3.18 10.4.1.1.5) for the BulkDataURIs the metadata gives:
 * {@code .../instances/{i}/bulkdata/<tag>[/<item>/<tag>...]}, the element path the core's
 * DICOM JSON writer names. Sent as {@code multipart/related; type="application/octet-stream"},
 * or as a single {@code application/octet-stream} body when the Accept asks for that (or
 * anything), which honours a Range (RFC 9110 14). Encapsulated Pixel Data is sent as its frames.
 * An Encapsulated Document (0042,0011) may also be asked for as the media type its MIME Type of
 * Encapsulated Document (0042,0012) names ({@code application/pdf}), single or multipart (PS3.18
 * 8.7.3.5: bulk data media types); so a PDF report opens straight from its BulkDataURI.
 */
final class BulkDataRetrieval {

    private static final String OCTET_STREAM = PixelMediaTypes.OCTET_STREAM;

    private BulkDataRetrieval() {
    }

    static void send(HttpServerExchange exchange, StoredDataset stored, String path) throws IOException {
        Attributes dataset = stored.dataset();
        String[] steps = path.split("/");
        for (int i = 0; i + 2 < steps.length; i += 2) {
            if (!(dataset.getValue(tag(steps[i])) instanceof Sequence items)) {
                throw HttpError.notFound("no sequence " + steps[i] + " in the instance");
            }
            int item = index(steps[i + 1]);
            if (item >= items.size()) {
                throw HttpError.notFound("no item " + item + " in " + steps[i]);
            }
            dataset = items.get(item);
        }
        if (steps.length % 2 == 0) {
            throw HttpError.notFound("a bulk data path ends with a tag: " + path);
        }
        int tag = tag(steps[steps.length - 1]);
        int index = dataset.indexOf(tag);
        if (index < 0 || dataset.valueAt(index) instanceof Sequence) {
            throw HttpError.notFound("no bulk data at " + path);
        }
        if (dataset.valueAt(index) instanceof Fragments) {
            PixelFrames frames = PixelFrames.of(stored);
            FrameRetrieval.send(exchange, frames, IntStream.rangeClosed(1, frames.count()).boxed().toList());
            return;
        }
        StoredValue value = stored.littleEndian(dataset.valueAt(index), dataset.vrAt(index));
        String documentType = steps.length == 1 && tag == Tag.EncapsulatedDocument
                ? documentType(dataset.getString(Tag.MIMETypeOfEncapsulatedDocument)) : null;
        Form form = form(Requests.accept(exchange), documentType);
        if (form.singlePart()) {
            if (documentType != null && form.mediaType().equals(documentType)) {
                SecurityHeaders.allowPluginDocument(exchange);
            }
            sendSingle(exchange, value, form.mediaType());
        } else {
            sendMultipart(exchange, value, form.mediaType());
        }
    }

    /** How the value goes out: as the whole body or as a part of multipart/related, and as which media type. */
    private record Form(boolean singlePart, String mediaType) {
    }

    /**
     * The form the first range that fits asks for; {@code documentType} (or null) is offered
     * before application/octet-stream.
     */
    private static Form form(List<MediaType> accept, String documentType) {
        List<String> offered = documentType == null ? List.of(OCTET_STREAM) : List.of(documentType, OCTET_STREAM);
        for (MediaType range : accept) {
            boolean multipart = range.is("multipart/related");
            String type = multipart ? range.parameter("type") : null;
            for (String mediaType : offered) {
                if (multipart ? type == null || MediaType.parse(type).includes(mediaType) : range.includes(mediaType)) {
                    return new Form(!multipart, mediaType);
                }
            }
        }
        throw HttpError.notAcceptable("bulk data is sent as " + String.join(" or ", offered)
                + ", single or in multipart/related");
    }

    /** The MIME Type of Encapsulated Document, if it is a media type (without parameters); else null. */
    private static String documentType(String mimeType) {
        try {
            return mimeType == null ? null : MediaType.parse(mimeType).essence();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void sendMultipart(HttpServerExchange exchange, StoredValue value, String mediaType)
            throws IOException {
        String boundary = MultipartWriter.newBoundary();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, MultipartWriter.contentType(mediaType, boundary));
        OutputStream out = exchange.getOutputStream(); // closed on success only: see WadoService
        MultipartWriter multipart = new MultipartWriter(out, boundary);
        multipart.startPart(mediaType, value.length());
        value.writeTo(out);
        multipart.finish();
        out.close();
    }

    private static void sendSingle(HttpServerExchange exchange, StoredValue value, String mediaType)
            throws IOException {
        long length = value.length();
        StoredValue body = value;
        exchange.getResponseHeaders().put(Headers.ACCEPT_RANGES, "bytes");
        String range = exchange.getRequestHeaders().getFirst(Headers.RANGE);
        if (range != null) {
            long[] span = span(range, length);
            if (span == null) {
                exchange.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes */" + length);
                throw new HttpError(416, "the range " + range + " is not within the " + length + " bytes");
            }
            body = value.slice(span[0], span[1] - span[0] + 1);
            exchange.setStatusCode(206);
            exchange.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes " + span[0] + "-" + span[1] + "/" + length);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, mediaType);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length());
        OutputStream out = exchange.getOutputStream(); // closed on success only: see WadoService
        body.writeTo(out);
        out.close();
    }

    /** First and last byte of a single {@code bytes=} range, or null if it cannot be satisfied. */
    static long[] span(String header, long length) {
        String spec = header.trim();
        if (!spec.startsWith("bytes=") || spec.contains(",")) {
            return null;
        }
        String[] ends = spec.substring(6).trim().split("-", -1);
        try {
            if (ends.length != 2) {
                return null;
            }
            long first;
            long last;
            if (ends[0].isEmpty()) {
                long suffix = Long.parseLong(ends[1]);
                first = Math.max(0, length - suffix);
                last = length - 1;
            } else {
                first = Long.parseLong(ends[0]);
                last = ends[1].isEmpty() ? length - 1 : Math.min(Long.parseLong(ends[1]), length - 1);
            }
            return first < 0 || first > last || first >= length ? null : new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int tag(String hex) {
        if (!hex.matches("[0-9A-Fa-f]{8}")) {
            throw HttpError.notFound("\"" + hex + "\" is not a tag in a bulk data path");
        }
        return Integer.parseUnsignedInt(hex, 16);
    }

    private static int index(String text) {
        if (!text.matches("\\d{1,6}")) {
            throw HttpError.notFound("\"" + text + "\" is not an item number in a bulk data path");
        }
        return Integer.parseInt(text);
    }
}
