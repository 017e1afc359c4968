package io.pacslite.dimse.net;

import io.pacslite.archive.Archive;
import io.pacslite.archive.tls.TlsClient;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dimse.message.CFindRq;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.CGetRq;
import io.pacslite.dimse.message.CMoveRq;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.service.Retrieval;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The DIMSE services the archive provides as SCP, called on the association's own virtual
 * thread: C-ECHO, C-STORE, and C-FIND, C-GET and C-MOVE (Query/Retrieve, PS3.4 Annex C).
 * Any other request aborts the association (see {@code docs/dimse-network.md}).
 */
public interface DimseServices {

    /**
     * The archive's {@link #pendingInterval()} unless configured: a second, as a progress
     * display needs, instead of a response for each of the hundreds of instances a series
     * takes a second to send.
     */
    Duration DEFAULT_PENDING_INTERVAL = Duration.ofSeconds(1);

    /** Where a C-FIND's matches go: one pending C-FIND-RSP each (PS3.4 C.4.1.2). */
    @FunctionalInterface
    interface FindResponses {
        /**
         * Sends {@code match} as the Identifier of a pending response with {@code status}
         * (FF00 or FF01); false once the peer has cancelled (C-CANCEL-RQ) or the association has
         * ended: send no more.
         */
        boolean pending(Status status, Attributes match);
    }

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

    /**
     * Answers a C-FIND-RQ, PS3.7 section 9.1.2 and PS3.4 C.4.1: each match goes to {@code
     * responses}; the final response is returned (the association replaces it with Cancel,
     * FE00, after a C-CANCEL-RQ). An exception is answered with Unable to process (C000).
     *
     * <p>By default SOP Class not supported (0122H).
     */
    default CFindRsp find(AssociationInfo association, CFindRq request, Attributes identifier,
            FindResponses responses) {
        return CFindRsp.last(request, Status.SOP_CLASS_NOT_SUPPORTED, null);
    }

    /**
     * The least time between two pending C-GET-RSPs or C-MOVE-RSPs of one operation (PS3.4
     * C.4.2.3.1 and C.4.3.3.1 make them optional): a sub-operation that ends sooner after the
     * last one sent is not reported on its own; its counts go in the next. Zero reports every
     * sub-operation, the default here.
     */
    default Duration pendingInterval() {
        return Duration.ZERO;
    }

    /**
     * Answers a C-GET-RQ, PS3.7 section 9.1.3 and PS3.4 C.4.3: the instances go through {@code
     * sender}, C-STORE sub-operations on this association, and the counts to {@code progress}
     * after each. An exception is answered with Unable to process (C000).
     *
     * <p>By default SOP Class not supported (0122H).
     */
    default Retrieval.Outcome get(AssociationInfo association, CGetRq request, Attributes identifier,
            StoreSender sender, Retrieval.Progress progress) {
        return Retrieval.Outcome.refused(Status.SOP_CLASS_NOT_SUPPORTED, null);
    }

    /**
     * Answers a C-MOVE-RQ, PS3.7 section 9.1.4 and PS3.4 C.4.2: the instances go to the Move
     * Destination over an association of the service's own, the counts to {@code progress}
     * after each. An exception is answered with Unable to process (C000).
     *
     * <p>By default SOP Class not supported (0122H).
     */
    default Retrieval.Outcome move(AssociationInfo association, CMoveRq request, Attributes identifier,
            Retrieval.Progress progress) {
        return Retrieval.Outcome.refused(Status.SOP_CLASS_NOT_SUPPORTED, null);
    }

    /**
     * Learns that {@code association}, whose requests this served, has ended (released,
     * aborted or lost); called once, on its thread. By default nothing is done.
     */
    default void ended(AssociationInfo association) {
    }

    /**
     * Learns that the association {@code request} from {@code peer} asked for was rejected,
     * and why (PS3.8 section 9.3.4). By default nothing is done.
     */
    default void rejected(AssociateRq request, InetSocketAddress peer, String why) {
    }

    /** Services that answer every C-ECHO with Success and refuse every C-STORE. */
    static DimseServices verificationOnly() {
        return association -> Status.SUCCESS;
    }

    /** {@link #archive(Archive, AeTable)} without Move Destinations: every C-MOVE is answered A801. */
    static DimseServices archive(Archive archive) {
        return archive(archive, AeTable.none());
    }

    /**
     * Services that answer C-ECHO with Success, store each C-STORE data set in {@code archive},
     * answer C-FIND, C-GET and C-MOVE from its index and files, send C-MOVE sub-operations to
     * the destinations of {@code destinations}, and record what requestors do, and rejected
     * associations, in the archive's audit trail. Pending C-GET and C-MOVE responses go out at
     * most every {@link #DEFAULT_PENDING_INTERVAL}.
     */
    static DimseServices archive(Archive archive, AeTable destinations) {
        return archive(archive, destinations, null, DEFAULT_PENDING_INTERVAL);
    }

    /**
     * As {@link #archive(Archive, AeTable)}, reaching the destinations marked {@code tls} through
     * {@code tls} (PS3.15 Annex B.9): the archive's own TLS identity, with pending C-GET and
     * C-MOVE responses at most every {@code pendingInterval} ({@link #pendingInterval()}).
     */
    static DimseServices archive(Archive archive, AeTable destinations, TlsClient tls, Duration pendingInterval) {
        return new ArchiveServices(archive, destinations, tls, pendingInterval);
    }
}
