package io.pacslite.dimse.net;

import io.pacslite.archive.Archive;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.Status;
import java.io.InputStream;

/**
 * The DIMSE services the archive provides as SCP, called on the association's own virtual
 * thread: C-ECHO and C-STORE. Any other request aborts the association (see
 * {@code docs/dimse-network.md}).
 */
public interface DimseServices {

    /**
     * Answers a C-ECHO-RQ, PS3.7 section 9.1.5: the status of the C-ECHO-RSP. An exception
     * is answered with Processing failure (0110H).
     */
    Status echo(AssociationInfo association);

    /**
     * Answers a C-STORE-RQ, PS3.7 section 9.1.1 and PS3.4 Annex B.2.3. {@code dataset} yields
     * the data set as it arrives, in {@code syntax}, and ends after its last fragment; it
     * throws {@link java.io.IOException} if the association ends first. The service need not
     * read it to the end: the rest is discarded before the response is sent. An exception is
     * answered with Processing failure (0110H).
     *
     * <p>By default the request is refused with SOP Class not supported (0122H): services
     * without a store accept no data.
     */
    default CStoreRsp store(AssociationInfo association, CStoreRq request, TransferSyntax syntax,
            InputStream dataset) {
        return CStoreRsp.answering(request, Status.SOP_CLASS_NOT_SUPPORTED);
    }

    /** Services that answer every C-ECHO with Success and refuse every C-STORE. */
    static DimseServices verificationOnly() {
        return association -> Status.SUCCESS;
    }

    /** Services that answer C-ECHO with Success and store each C-STORE data set in {@code archive}. */
    static DimseServices archive(Archive archive) {
        return new ArchiveServices(archive);
    }
}
