package io.pacslite.dimse.net;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.association.AcceptedContext;
import io.pacslite.dimse.message.CCancelRq;
import io.pacslite.dimse.message.CFindRq;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.CGetRq;
import io.pacslite.dimse.message.CGetRsp;
import io.pacslite.dimse.message.CMoveRq;
import io.pacslite.dimse.message.CMoveRsp;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Priority;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.message.SubOperations;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The requestor's side of C-FIND, C-MOVE and C-GET (PS3.7 9.1.2-9.1.4, PS3.4 Annex C) on an
 * {@link Association} that accepted the Query/Retrieve SOP Class: sends the request and its
 * Identifier, takes the pending responses, answers a C-GET's C-STORE sub-operations, and returns
 * the final response. One operation at a time (no asynchronous operations window).
 */
public final class QueryRetrieveScu {

    /**
     * The Storage SOP Classes {@code pacslite get} proposes to receive by default: the common
     * image, structured report, presentation state and document classes (PS3.4 Annex B).
     */
    public static final List<String> COMMON_STORAGE_SOP_CLASSES = List.of(UID.CTImageStorage,
            UID.EnhancedCTImageStorage, UID.MRImageStorage, UID.EnhancedMRImageStorage,
            UID.ComputedRadiographyImageStorage, UID.DigitalXRayImageStorageForPresentation,
            UID.DigitalXRayImageStorageForProcessing, UID.DigitalMammographyXRayImageStorageForPresentation,
            UID.DigitalMammographyXRayImageStorageForProcessing, UID.BreastTomosynthesisImageStorage,
            UID.UltrasoundImageStorage, UID.UltrasoundMultiFrameImageStorage, UID.SecondaryCaptureImageStorage,
            UID.MultiFrameGrayscaleByteSecondaryCaptureImageStorage,
            UID.MultiFrameGrayscaleWordSecondaryCaptureImageStorage,
            UID.MultiFrameTrueColorSecondaryCaptureImageStorage, UID.NuclearMedicineImageStorage,
            UID.PositronEmissionTomographyImageStorage, UID.EnhancedPETImageStorage, UID.XRayAngiographicImageStorage,
            UID.XRay3DAngiographicImageStorage, UID.XRayRadiofluoroscopicImageStorage, UID.RTImageStorage,
            UID.RTDoseStorage, UID.RTStructureSetStorage, UID.RTPlanStorage, UID.BasicTextSRStorage,
            UID.EnhancedSRStorage, UID.ComprehensiveSRStorage, UID.KeyObjectSelectionDocumentStorage,
            UID.EncapsulatedPDFStorage, UID.GrayscaleSoftcopyPresentationStateStorage, UID.SegmentationStorage,
            UID.VLPhotographicImageStorage);

    /**
     * The image classes of {@link #COMMON_STORAGE_SOP_CLASSES} that {@code pacslite get} also
     * proposes in {@link #COMMON_COMPRESSED_SYNTAXES}, so that what a PACS stores compressed
     * comes as stored: 14 classes by 6 syntaxes, with the 35 contexts above 119 of the 128 an
     * association may have (PS3.8 9.3.2.2).
     */
    public static final List<String> COMPRESSED_IMAGE_SOP_CLASSES = List.of(UID.CTImageStorage,
            UID.EnhancedCTImageStorage, UID.MRImageStorage, UID.EnhancedMRImageStorage,
            UID.ComputedRadiographyImageStorage, UID.DigitalXRayImageStorageForPresentation,
            UID.DigitalMammographyXRayImageStorageForPresentation, UID.BreastTomosynthesisImageStorage,
            UID.UltrasoundImageStorage, UID.UltrasoundMultiFrameImageStorage, UID.SecondaryCaptureImageStorage,
            UID.NuclearMedicineImageStorage, UID.PositronEmissionTomographyImageStorage,
            UID.XRayAngiographicImageStorage);

    /** The compressed transfer syntaxes modalities and archives use most (PS3.5 Table A-1). */
    public static final List<String> COMMON_COMPRESSED_SYNTAXES = List.of(UID.JPEGLosslessSV1, UID.JPEGBaseline8Bit,
            UID.JPEGLSLossless, UID.JPEG2000Lossless, UID.JPEG2000, UID.RLELossless);

    /** Receives the instances of a C-GET's C-STORE sub-operations (PS3.4 C.4.3.3.1). */
    @FunctionalInterface
    public interface Receiver {
        /**
         * Takes one data set, which must be read to its end, and returns the status of the
         * C-STORE-RSP to answer with.
         */
        Status receive(CStoreRq request, TransferSyntax syntax, InputStream dataset) throws IOException;
    }

    /** The final response of a C-GET or C-MOVE and its Identifier (the Failed SOP Instance UID List), or null. */
    public record Retrieved<R extends DimseMessage>(R response, Attributes identifier) {
    }

    private QueryRetrieveScu() {
    }

    /**
     * C-FIND (PS3.4 C.4.1): sends {@code identifier} on the context of {@code sopClassUid} and
     * hands each match to {@code onMatch}; when it returns false a C-CANCEL-RQ goes out and the
     * matches still arriving are dropped. Returns the final response (Success, Cancel, or a failure).
     *
     * @throws AssociationException if the SOP Class was not accepted (the association stays
     *         usable) or the association ended
     */
    public static CFindRsp find(Association association, String sopClassUid, Attributes identifier,
            Predicate<Attributes> onMatch) throws IOException {
        AcceptedContext context = context(association, sopClassUid);
        int messageId = association.nextMessageId();
        sendWithIdentifier(association, context, new CFindRq(messageId, sopClassUid, Priority.MEDIUM), identifier);
        boolean cancelled = false;
        while (true) {
            CFindRsp response = association.awaitResponse(context.id(), messageId, CFindRsp.class, "C-FIND-RSP");
            Attributes match = response.hasDataSet() ? readIdentifier(association, context) : null;
            if (response.status().type() != StatusType.PENDING) {
                return response;
            }
            if (!cancelled && match != null && !onMatch.test(match)) {
                association.sendCommand(context.id(), new CCancelRq(messageId));
                cancelled = true;
            }
        }
    }

    /**
     * C-MOVE (PS3.4 C.4.2): asks the peer to send what {@code identifier} names to the AE
     * {@code destination}; {@code progress} gets the counts of each pending response.
     */
    public static Retrieved<CMoveRsp> move(Association association, String sopClassUid, String destination,
            Attributes identifier, Consumer<SubOperations> progress) throws IOException {
        AcceptedContext context = context(association, sopClassUid);
        int messageId = association.nextMessageId();
        sendWithIdentifier(association, context, new CMoveRq(messageId, sopClassUid, Priority.MEDIUM, destination),
                identifier);
        while (true) {
            CMoveRsp response = association.awaitResponse(context.id(), messageId, CMoveRsp.class, "C-MOVE-RSP");
            Attributes failed = response.hasDataSet() ? readIdentifier(association, context) : null;
            if (response.status().type() != StatusType.PENDING) {
                return new Retrieved<>(response, failed);
            }
            if (response.subOperations() != null) {
                progress.accept(response.subOperations());
            }
        }
    }

    /**
     * C-GET (PS3.4 C.4.3): asks the peer to send what {@code identifier} names on this
     * association; each C-STORE-RQ that comes goes to {@code receiver} and is answered with its
     * status, and {@code progress} gets the counts of each pending response.
     */
    public static Retrieved<CGetRsp> get(Association association, String sopClassUid, Attributes identifier,
            Receiver receiver, Consumer<SubOperations> progress) throws IOException {
        AcceptedContext context = context(association, sopClassUid);
        int messageId = association.nextMessageId();
        sendWithIdentifier(association, context, new CGetRq(messageId, sopClassUid, Priority.MEDIUM), identifier);
        while (true) {
            ReceivedCommand received = association.nextCommand("C-GET-RSP");
            if (received.message() instanceof CStoreRq store) {
                receive(association, received.contextId(), store, receiver);
                continue;
            }
            CGetRsp response = association.checkResponse(received, context.id(), messageId, CGetRsp.class,
                    "C-GET-RSP");
            Attributes failed = response.hasDataSet() ? readIdentifier(association, context) : null;
            if (response.status().type() != StatusType.PENDING) {
                return new Retrieved<>(response, failed);
            }
            if (response.subOperations() != null) {
                progress.accept(response.subOperations());
            }
        }
    }

    /** One C-STORE sub-operation: the data set to the receiver, then the C-STORE-RSP with its status. */
    private static void receive(Association association, int contextId, CStoreRq request, Receiver receiver)
            throws IOException {
        AcceptedContext context = association.acceptedContexts().stream().filter(c -> c.id() == contextId)
                .findFirst().orElseThrow();
        DataSetStream dataset = association.dataSet(contextId);
        Status status;
        try {
            status = receiver.receive(request, TransferSyntax.of(context.transferSyntax()), dataset);
        } catch (IOException e) {
            status = Status.OUT_OF_RESOURCES;
        }
        try {
            dataset.skipToEnd();
        } catch (IOException e) {
            throw association.localAbort("the data set of " + request.affectedSopInstanceUid() + " broke off: "
                    + e.getMessage());
        }
        association.sendCommand(contextId, CStoreRsp.answering(request, status));
    }

    private static AcceptedContext context(Association association, String sopClassUid) throws AssociationException {
        return association.acceptedContexts().stream().filter(c -> c.abstractSyntax().equals(sopClassUid))
                .findFirst().orElseThrow(() -> new AssociationException(
                        AssociationException.Reason.NO_PRESENTATION_CONTEXT, association + " did not accept "
                                + sopClassUid));
    }

    /** The request {@code command}, then its Identifier. */
    private static void sendWithIdentifier(Association association, AcceptedContext context, DimseMessage command,
            Attributes identifier) throws IOException {
        TransferSyntax syntax = TransferSyntax.of(context.transferSyntax());
        association.send(context.id(), command, out -> new DicomWriter(out).writeDataset(identifier, syntax));
    }

    private static Attributes readIdentifier(Association association, AcceptedContext context) throws IOException {
        DataSetStream stream = association.dataSet(context.id());
        try {
            Attributes identifier = new DicomReader(stream).readDataset(TransferSyntax.of(context.transferSyntax()));
            stream.skipToEnd();
            return identifier;
        } catch (AssociationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw association.localAbort("unreadable Identifier from " + association + ": " + e.getMessage());
        }
    }
}
