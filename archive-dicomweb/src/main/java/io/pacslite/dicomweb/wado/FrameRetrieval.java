package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.transcode.Decompression;
import io.pacslite.dicomweb.multipart.MultipartWriter;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
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

    static void send(HttpServerExchange exchange, PixelFrames frames, List<Integer> numbers) throws IOException {
        Negotiation.require(Requests.accept(exchange), PixelMediaTypes.OCTET_STREAM, frames.mediaType(),
                frames.transferSyntaxes());
        String boundary = MultipartWriter.newBoundary();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE,
                MultipartWriter.contentType(frames.mediaType(), boundary));
        String partType = frames.mediaType() + "; transfer-syntax=" + frames.transferSyntaxes().get(0);
        OutputStream out = exchange.getOutputStream(); // closed on success only: see WadoService
        MultipartWriter multipart = new MultipartWriter(out, boundary);
        List<Long> lengths = numbers.stream().map(number -> PixelFrames.length(frames.frame(number))).toList();
        exchange.setResponseContentLength(multipart.bodyLength(Collections.nCopies(numbers.size(), partType), lengths));
        for (int i = 0; i < numbers.size(); i++) {
            multipart.startPart(partType, lengths.get(i));
            for (StoredValue piece : frames.frame(numbers.get(i))) {
                piece.writeTo(out);
            }
        }
        multipart.finish();
        out.close();
    }

    /**
     * Sends frames of a compressed instance decompressed, as Explicit VR Little Endian
     * {@code application/octet-stream} parts ({@link Decompression#nativeFrame}), each decoded
     * alone; 406 when the instance's pixels cannot be decoded here.
     */
    static void sendDecompressed(HttpServerExchange exchange, StoredDataset stored, List<Integer> numbers)
            throws IOException {
        Decompression decompression;
        try {
            decompression = Decompression.check(stored.file());
        } catch (DicomException e) {
            throw HttpError.notAcceptable("the frames of " + stored.instance().sopUid() + " can be sent only as stored, in "
                    + stored.instance().transferSyntaxUid() + ": " + e.getMessage());
        }
        List<byte[]> decoded = new ArrayList<>(numbers.size());
        for (int number : numbers) {
            decoded.add(decompression.nativeFrame(number - 1));
        }
        String partType = PixelMediaTypes.OCTET_STREAM + "; transfer-syntax=" + UID.ExplicitVRLittleEndian;
        String boundary = MultipartWriter.newBoundary();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE,
                MultipartWriter.contentType(PixelMediaTypes.OCTET_STREAM, boundary));
        OutputStream out = exchange.getOutputStream(); // closed on success only: see WadoService
        MultipartWriter multipart = new MultipartWriter(out, boundary);
        exchange.setResponseContentLength(multipart.bodyLength(Collections.nCopies(decoded.size(), partType),
                decoded.stream().map(frame -> (long) frame.length).toList()));
        for (byte[] frame : decoded) {
            multipart.startPart(partType, frame.length);
            out.write(frame);
        }
        multipart.finish();
        out.close();
    }
}
