package io.pacslite.dicomweb.wado;

import io.pacslite.archive.access.Role;
import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.index.StoredMetadata;
import io.pacslite.archive.store.FileSystemBlobStore;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.transcode.Transcoder;
import io.pacslite.dicomweb.multipart.MediaType;
import io.pacslite.dicomweb.multipart.MultipartWriter;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WADO-RS, the Studies Retrieve transaction (PS3.18 10.4): instances of a study, series or one
 * instance as {@code multipart/related; type="application/dicom"} with the stored bytes, a
 * study or series also as {@code application/zip} ({@link ZipRetrieval}); the Accept header
 * or the {@code accept} query parameter (PS3.18 8.3.3.1) chooses;
 * {@code /metadata} at each level from the index; {@code /frames/{list}}; {@code /bulkdata}.
 */
public final class WadoService implements DicomWebService {

    private static final String DICOM = "application/dicom";

    private final DicomWebContext context;

    public WadoService(DicomWebContext context) {
        this.context = context;
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.VIEWER).get(Routes.STUDY, "wado.study", this::retrieve)
                .get(Routes.SERIES, "wado.series", this::retrieve)
                .get(Routes.INSTANCE, "wado.instance", this::retrieve)
                .get(Routes.STUDY + "/metadata", "wado.metadata.study", this::metadata)
                .get(Routes.SERIES + "/metadata", "wado.metadata.series", this::metadata)
                .get(Routes.INSTANCE + "/metadata", "wado.metadata.instance", this::metadata)
                .get(Routes.INSTANCE + "/frames/{frames}", "wado.frames", this::frames)
                .get(Routes.INSTANCE + "/bulkdata/*", "wado.bulkdata", this::bulkData);
    }

    private void retrieve(HttpServerExchange exchange) throws IOException {
        List<MediaType> accept = Requests.acceptable(exchange);
        MediaType zip = Negotiation.zip(accept);
        if (zip != null && Requests.pathParameter(exchange, "instance") == null) {
            ZipRetrieval.send(exchange, context.archive(), zip);
            return;
        }
        List<StoredInstance> instances = instances(exchange);
        Map<String, String> targets = new HashMap<>();
        for (String syntax : instances.stream().map(StoredInstance::transferSyntaxUid).distinct().toList()) {
            targets.put(syntax, Negotiation.target(accept, DICOM, syntax));
        }
        if (targets.entrySet().stream().allMatch(target -> target.getKey().equals(target.getValue()))) {
            send(exchange, context.archive().blobs(), instances);
        } else {
            sendTranscoding(exchange, instances, targets);
        }
    }

    /**
     * Sends the instances, those whose stored syntax {@code targets} maps to another one
     * transcoded into it frame by frame ({@link Transcoder}), the others as stored. Every
     * instance to transcode is checked first (406 naming one that cannot be); the length is not
     * known beforehand, so the body is chunked.
     */
    private void sendTranscoding(HttpServerExchange exchange, List<StoredInstance> instances,
            Map<String, String> targets) throws IOException {
        FileSystemBlobStore blobs = context.archive().blobs();
        Map<StoredInstance, Transcoder> transcoders = new HashMap<>();
        for (StoredInstance instance : instances) {
            String target = targets.get(instance.transferSyntaxUid());
            if (!target.equals(instance.transferSyntaxUid())) {
                StoredDataset stored = StoredDataset.read(blobs, instance);
                try {
                    transcoders.put(instance, Transcoder.check(stored.file(), target));
                } catch (DicomException e) {
                    throw HttpError.notAcceptable("instance " + instance.sopUid() + " can be sent only as stored, in "
                            + instance.transferSyntaxUid() + ": " + e.getMessage());
                }
            }
        }
        String boundary = MultipartWriter.newBoundary();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, MultipartWriter.contentType(DICOM, boundary));
        OutputStream out = exchange.getOutputStream(); // closed on success only: see send
        MultipartWriter multipart = new MultipartWriter(out, boundary);
        for (StoredInstance instance : instances) {
            String target = targets.get(instance.transferSyntaxUid());
            Transcoder transcoder = transcoders.get(instance);
            if (transcoder == null) {
                try (FileChannel file = FileChannel.open(blobs.pathOf(instance.fileKey()), StandardOpenOption.READ)) {
                    multipart.startPart(DICOM + "; transfer-syntax=" + target, file.size());
                    Responses.transfer(file, out);
                }
                continue;
            }
            multipart.startPart(DICOM + "; transfer-syntax=" + target, -1);
            try {
                transcoder.write(out, true);
            } catch (DicomException e) {
                // After the answer began: the body is cut, so the client sees it truncated, not wrong.
                throw new IOException("instance " + instance.sopUid() + " could not be transcoded: "
                        + e.getMessage(), e);
            }
        }
        multipart.finish();
        out.close();
    }

    /**
     * Sends the stored files as {@code multipart/related; type="application/dicom"}, each part
     * labelled with its transfer syntax, the file bytes zero copy (DESIGN principle 1). The
     * body's length is known before it starts (the files' sizes), so it is announced: a
     * chunked body would make Undertow copy each file through its buffers instead of sendfile.
     */
    private static void send(HttpServerExchange exchange, FileSystemBlobStore blobs, List<StoredInstance> instances)
            throws IOException {
        String boundary = MultipartWriter.newBoundary();
        List<Path> paths = new ArrayList<>(instances.size());
        List<String> types = new ArrayList<>(instances.size());
        List<Long> sizes = new ArrayList<>(instances.size());
        for (StoredInstance instance : instances) {
            Path path = blobs.pathOf(instance.fileKey());
            paths.add(path);
            types.add(DICOM + "; transfer-syntax=" + instance.transferSyntaxUid());
            sizes.add(Files.size(path));
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, MultipartWriter.contentType(DICOM, boundary));
        // Not closed on failure: closing would send what is buffered as a complete answer.
        OutputStream out = exchange.getOutputStream();
        MultipartWriter multipart = new MultipartWriter(out, boundary);
        exchange.setResponseContentLength(multipart.bodyLength(types, sizes));
        for (int i = 0; i < paths.size(); i++) {
            try (FileChannel file = FileChannel.open(paths.get(i), StandardOpenOption.READ)) {
                if (file.size() != sizes.get(i)) {
                    throw new IOException(paths.get(i) + " changed while it was being sent");
                }
                multipart.startPart(types.get(i), sizes.get(i));
                Responses.transfer(file, out);
            }
        }
        multipart.finish();
        out.close();
    }

    private void metadata(HttpServerExchange exchange) throws IOException {
        List<StoredMetadata> metadata = context.archive().index().metadata(Requests.uid(exchange, "study"),
                Requests.optionalUid(exchange, "series"), Requests.optionalUid(exchange, "instance"));
        if (metadata.isEmpty()) {
            throw HttpError.notFound("no such " + level(exchange));
        }
        MetadataRetrieval.send(exchange, metadata);
    }

    private void frames(HttpServerExchange exchange) throws IOException {
        StoredDataset stored = StoredDataset.read(context.archive().blobs(), instances(exchange).get(0));
        PixelFrames frames = PixelFrames.of(stored);
        List<Integer> numbers = FrameRetrieval.numbers(Requests.pathParameter(exchange, "frames"), frames.count());
        String target = Negotiation.frameTarget(Requests.accept(exchange), frames.mediaType(),
                frames.transferSyntaxes());
        if (target != null) {
            FrameRetrieval.sendTranscoded(exchange, stored, numbers, target);
        } else {
            FrameRetrieval.send(exchange, frames, numbers);
        }
    }

    private void bulkData(HttpServerExchange exchange) throws IOException {
        StoredDataset stored = StoredDataset.read(context.archive().blobs(), instances(exchange).get(0));
        BulkDataRetrieval.send(exchange, stored, Requests.pathParameter(exchange, "*"));
    }

    /** The indexed instances the path names; 404 if none. */
    private List<StoredInstance> instances(HttpServerExchange exchange) {
        return instances(context.archive().index(), exchange);
    }

    /** The indexed instances the path (study, series, instance) names; 404 if none. */
    static List<StoredInstance> instances(Index index, HttpServerExchange exchange) {
        List<StoredInstance> instances = index.instances(Requests.uid(exchange, "study"),
                Requests.optionalUid(exchange, "series"), Requests.optionalUid(exchange, "instance"));
        if (instances.isEmpty()) {
            throw HttpError.notFound("no such " + level(exchange));
        }
        return instances;
    }

    private static String level(HttpServerExchange exchange) {
        return Requests.pathParameter(exchange, "instance") != null ? "instance"
                : Requests.pathParameter(exchange, "series") != null ? "series" : "study";
    }
}
