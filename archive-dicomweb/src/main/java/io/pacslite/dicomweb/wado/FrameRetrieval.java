package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicom.transcode.Transcoder;
import io.pacslite.dicomweb.multipart.MultipartWriter;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.IoThreadBody;
import io.pacslite.dicomweb.server.Requests;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * WADO-RS frames (PS3.18 10.4.1.1.3, 8.7.3.3): {@code /frames/1,3,5} as
 * {@code multipart/related} with one part per frame, each labelled
 * {@code Content-Type: <type>; transfer-syntax=<UID>}; status 200 (OHIF's parser expects it,
 * not 206).
 */
final class FrameRetrieval {

    private FrameRetrieval() {
    }

    /** The frame numbers of a frame list ("1,3,5"), each checked against the count. */
    static List<Integer> numbers(String list, int count) {
        List<Integer> numbers = new ArrayList<>();
        for (String piece : list.split(",")) {
            int number;
            try {
                number = Integer.parseInt(piece.trim());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("\"" + piece + "\" is not a frame number");
            }
            if (number < 1 || number > count) {
                throw HttpError.notFound("frame " + number + " does not exist; the instance has frames 1 to " + count);
            }
            numbers.add(number);
        }
        return numbers;
    }

    /**
     * Sends the frames as stored, each part's bytes cut from the file by sendfile, written and
     * ended on the IO thread ({@link IoThreadBody}: a viewer fetches hundreds of frames one
     * request after another on each connection).
     */
    static void send(HttpServerExchange exchange, PixelFrames frames, List<Integer> numbers) throws IOException {
        Negotiation.require(Requests.accept(exchange), PixelMediaTypes.OCTET_STREAM, frames.mediaType(),
                frames.transferSyntaxes());
        String boundary = MultipartWriter.newBoundary();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE,
                MultipartWriter.contentType(frames.mediaType(), boundary));
        String partType = frames.mediaType() + "; transfer-syntax=" + frames.transferSyntaxes().get(0);
        ByteArrayOutputStream delimiters = new ByteArrayOutputStream();
        MultipartWriter multipart = new MultipartWriter(delimiters, boundary);
        IoThreadBody body = new IoThreadBody();
        try {
            for (int number : numbers) {
                List<StoredValue> frame = frames.frame(number);
                multipart.startPart(partType, PixelFrames.length(frame));
                body.bytes(delimiters.toByteArray());
                delimiters.reset();
                for (StoredValue piece : frame) {
                    piece.addTo(body);
                }
            }
            multipart.finish();
            body.bytes(delimiters.toByteArray());
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
        body.send(exchange);
    }

    /**
     * Sends frames transcoded into {@code target} ({@link Transcoder#frame}), each decoded and
     * encoded alone, as parts of the target's media type (PS3.18 Table 8.7.3-2); 406 when the
     * instance's frames cannot be written in it, with the reason.
     */
    static void sendTranscoded(HttpServerExchange exchange, StoredDataset stored, List<Integer> numbers, String target)
            throws IOException {
        Transcoder transcoder;
        try {
            transcoder = Transcoder.checkFrames(stored.file(), target);
        } catch (DicomException e) {
            throw HttpError.notAcceptable("the frames of " + stored.instance().sopUid() + " can be sent only as stored, in "
                    + stored.instance().transferSyntaxUid() + ": " + e.getMessage());
        }
        List<byte[]> encoded = new ArrayList<>(numbers.size());
        for (int number : numbers) {
            encoded.add(transcoder.frame(number - 1));
        }
        String mediaType = PixelMediaTypes.of(TransferSyntax.of(target));
        String partType = mediaType + "; transfer-syntax=" + target;
        String boundary = MultipartWriter.newBoundary();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, MultipartWriter.contentType(mediaType, boundary));
        OutputStream out = exchange.getOutputStream(); // closed on success only: see WadoService
        MultipartWriter multipart = new MultipartWriter(out, boundary);
        exchange.setResponseContentLength(multipart.bodyLength(Collections.nCopies(encoded.size(), partType),
                encoded.stream().map(frame -> (long) frame.length).toList()));
        for (byte[] frame : encoded) {
            multipart.startPart(partType, frame.length);
            out.write(frame);
        }
        multipart.finish();
        out.close();
    }
}
