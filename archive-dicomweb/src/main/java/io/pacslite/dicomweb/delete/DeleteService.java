package io.pacslite.dicomweb.delete;

import io.pacslite.archive.Archive;
import io.pacslite.archive.access.Role;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.dicomweb.server.DicomWebContext;
import io.pacslite.dicomweb.server.DicomWebService;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.pacslite.dicomweb.server.Responses;
import io.pacslite.dicomweb.server.Routes;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE} of a study, series or instance (the archive's own extension, as PS3.18 has
 * no delete transaction): each instance's index row goes first (the change log records it),
 * then its file, so no row ever points at a missing file. Answers 204, or 404 if nothing is
 * indexed there. Open to any client until the security issue adds roles.
 */
public final class DeleteService implements DicomWebService {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteService.class);

    private final DicomWebContext context;

    public DeleteService(DicomWebContext context) {
        this.context = context;
    }

    @Override
    public void register(Routes routes) {
        routes.requiring(Role.ADMIN).delete(Routes.STUDY, "delete", this::delete)
                .delete(Routes.SERIES, "delete", this::delete)
                .delete(Routes.INSTANCE, "delete", this::delete);
    }

    private void delete(HttpServerExchange exchange) throws IOException {
        Archive archive = context.archive();
        List<StoredInstance> instances = archive.index().instances(Requests.uid(exchange, "study"),
                Requests.optionalUid(exchange, "series"), Requests.optionalUid(exchange, "instance"));
        if (instances.isEmpty()) {
            throw HttpError.notFound("nothing is stored there");
        }
        int deleted = 0;
        for (StoredInstance stored : instances) {
            if (archive.index().delete(stored.sopUid())) {
                archive.blobs().delete(stored.fileKey());
                deleted++;
            }
        }
        String study = Requests.uid(exchange, "study");
        if (archive.index().instances(study, null, null).isEmpty()) {
            archive.attachments().deleteStudy(study); // a study that is gone keeps no attachments
        }
        LOG.info("deleted {} instances at the request of {}", deleted, Requests.client(exchange));
        Responses.text(exchange, 204, "text/plain", "");
    }
}
