package io.pacslite.dimse.net;

import io.pacslite.archive.Archive;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.archive.ingest.StoreStatus;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.Status;
import java.io.InputStream;
import java.util.Objects;

/**
 * The Storage SCP (PS3.4 Annex B) over the archive's one ingest path: each data set streams
 * into {@link Archive#store}, and its result gives the C-STORE status (PS3.4 B.2.3) and the
 * Error Comment. Success is answered only once the instance is durable.
 *
 * <p>The request's Affected SOP Class and Instance UIDs go with the data set as the announced
 * ones (PS3.7 9.1.1.1.2, 9.1.1.1.3: they name the SOP Instance to be stored): a data set of
 * another SOP Class is refused with A900 (PS3.4 B.2.3, Error: Data Set does not match SOP
 * Class), one with another SOP Instance UID with C000 (Error: Cannot understand, see
 * {@link io.pacslite.archive.ingest.StoreReason#SOP_INSTANCE_MISMATCH}); nothing is stored.
 */
final class ArchiveServices implements DimseServices {

    private final Archive archive;

    ArchiveServices(Archive archive) {
        this.archive = Objects.requireNonNull(archive, "archive");
    }

    @Override
    public Status echo(AssociationInfo association) {
        return Status.SUCCESS;
    }

    @Override
    public CStoreRsp store(AssociationInfo association, CStoreRq request, TransferSyntax syntax,
            InputStream dataset) {
        StoreResult result = archive.store(dataset, StoreContext.dataset(syntax, association.callingAeTitle(),
                association.peer().getHostString())
                .announcing(request.affectedSopClassUid(), request.affectedSopInstanceUid()));
        String comment = result.status() == StoreStatus.SUCCESS ? null
                : Objects.requireNonNullElse(result.detail(), result.reason().description());
        return new CStoreRsp(request.messageId(), request.affectedSopClassUid(), request.affectedSopInstanceUid(),
                new Status(result.reason().dimseStatus()), comment);
    }
}
