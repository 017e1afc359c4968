package io.pacslite.dimse.net;

import static io.pacslite.testing.PartTenFiles.datasetBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CStoreRsp;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.pdu.Abort;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.ReleaseRp;
import io.pacslite.dimse.pdu.ReleaseRq;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import io.pacslite.dimse.pdu.UserInformationItem.Unknown;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an archive-backed server does with peers that break PS3.8, PS3.7 or PS3.4: each case
 * gets its status or A-ABORT, leaves no index row, stored file or temp file behind, and the
 * server then stores a good instance from dcmtk's storescu in a new association.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DimseServerBadInputTest {

    private static final Duration ARTIM = Duration.ofSeconds(1);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final String SOP = "1.2.826.0.1.3680043.10.1234.1.1.7";
    private static final int FRAGMENT = 256;
    /** The fixed fields of an A-ASSOCIATE-RQ after the PDU header (PS3.8 Table 9-11): variable items follow. */
    private static final int FIXED_ASSOCIATE_FIELDS = 68;

    @TempDir
    Path root;
    @TempDir
    Path files;
    private ArchiveServer server;

    @BeforeEach
    void start() throws Exception {
        server = ArchiveServer.start(root, ArchiveConfig.DEFAULTS, new Timeouts(ARTIM, IDLE));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void closesSilentConnectionAfterArtim() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            long started = System.nanoTime();

            assertThat(peer.read()).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(ARTIM.minusMillis(100),
                    ARTIM.plusSeconds(5));
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsOrClosesOnGarbageAndKeepsServing() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            byte[] garbage = new byte[64];
            new Random(seed).nextBytes(garbage);
            try (RawPeer peer = new RawPeer(server.port())) {
                peer.send(garbage);

                assertThat(peer.closedByServer()).as("seed %d", seed).isTrue();
            }
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsPduTooLongBeforeAssociation() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(new byte[] {0x01, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});

            assertThat(peer.read()).contains(Abort.byServiceUser()); // AA-1, PS3.8 Table 9-10 Sta2/Evt19
            assertThat(peer.closedByServer()).isTrue();
        }
        assertNothingLeftAndStillStoring();
    }

    /** PS3.8 9.3.2: items of unknown type, and user information sub-items of unknown type, are ignored. */
    @Test
    void acceptsAnAssociateRequestWithUnknownItemsAndStoresOverIt() throws Exception {
        AssociateRq request = new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "RAWSCU",
                AssociateRq.DICOM_APPLICATION_CONTEXT, RawPeer.ctStorageRequest().presentationContexts(),
                UserInformation.of(new MaximumLength(16384), new Unknown(0x7E, Bytes.of(new byte[] {1, 2, 3}))));
        byte[] withUnknownItem = withVariableItem(PduCodec.encode(request), 0x77, new byte[] {9, 8, 7, 6, 5});
        byte[] dataset = ctDataSet();
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(withUnknownItem);
            assertThat(peer.read()).get().isInstanceOf(AssociateAc.class);

            peer.sendStoreCommand(UID.CTImageStorage, SOP);
            peer.sendDataSet(dataset, dataset.length, FRAGMENT, true);

            assertThat(((CStoreRsp) peer.readResponse()).status()).isEqualTo(Status.SUCCESS);
        }
        assertThat(datasetBytes(server.storedFile(SOP))).isEqualTo(dataset);
    }

    @ParameterizedTest(name = "{0} bytes more than the PDU holds")
    @ValueSource(ints = {1, 0xFFFF})
    void abortsAnAssociateRequestWithAnItemLongerThanThePdu(int excess) throws Exception {
        byte[] rq = PduCodec.encode(RawPeer.ctStorageRequest());
        byte[] lying = withVariableItem(rq, 0x77, new byte[4]);
        int itemLength = 4 + excess;
        lying[PduCodec.HEADER_LENGTH + FIXED_ASSOCIATE_FIELDS + 2] = (byte) (itemLength >>> 8);
        lying[PduCodec.HEADER_LENGTH + FIXED_ASSOCIATE_FIELDS + 3] = (byte) itemLength;
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(lying);

            assertThat(peer.read()).contains(Abort.byServiceUser()); // Evt19 in Sta2: AA-1
            assertThat(peer.closedByServer()).isTrue();
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsAnAssociateRequestWithAPresentationContextItemCutShort() throws Exception {
        byte[] rq = PduCodec.encode(RawPeer.ctStorageRequest());
        int context = PduCodec.HEADER_LENGTH + FIXED_ASSOCIATE_FIELDS;
        while ((rq[context] & 0xFF) != 0x20) { // skip the application context item
            context += 4 + (((rq[context + 2] & 0xFF) << 8) | (rq[context + 3] & 0xFF));
        }
        rq[context + 3] = 6; // the item now ends inside its abstract syntax sub-item
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(rq);

            assertThat(peer.read()).contains(Abort.byServiceUser());
            assertThat(peer.closedByServer()).isTrue();
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsPresentationDataValueLongerThanItsPdu() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();
            byte[] lying = PduCodec.encode(echoFragment(1));
            lying[9] += 100; // item length (bytes 6-9) now runs past the end of the PDU

            peer.send(lying);

            assertThat(peer.read()).contains(Abort.byServiceProvider(Abort.Reason.INVALID_PDU_PARAMETER_VALUE));
            assertThat(peer.closedByServer()).isTrue();
        }
        assertNothingLeftAndStillStoring();
    }

    /**
     * A P-DATA-TF in the middle of a data set whose PDU length says less, or more, than its
     * presentation data value holds: either way the items no longer add up to the PDU (AA-8).
     */
    @ParameterizedTest(name = "PDU length off by {0}")
    @ValueSource(ints = {-3, 6})
    void abortsAPduWhoseLengthLiesInTheMiddleOfADataSet(int lie) throws Exception {
        byte[] dataset = ctDataSet();
        int half = dataset.length / 2;
        try (RawPeer peer = halfwayThroughADataSet()) {
            byte[] next = PduCodec.encode(new PDataTf(List.of(new PresentationDataValue(1, false, false,
                    Bytes.of(Arrays.copyOfRange(dataset, half, half + FRAGMENT))))));
            ByteBuffer.wrap(next).putInt(2, next.length - PduCodec.HEADER_LENGTH + lie);

            peer.send(next);
            peer.send(PduCodec.encode(new PDataTf(List.of(new PresentationDataValue(1, false, true,
                    Bytes.of(Arrays.copyOfRange(dataset, half + FRAGMENT, dataset.length)))))));

            assertThat(peer.read()).contains(Abort.byServiceProvider(Abort.Reason.INVALID_PDU_PARAMETER_VALUE));
            assertThat(peer.closedByServer()).isTrue();
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsDataOnUnacceptedPresentationContext() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            peer.send(echoFragment(3));

            assertThat(peer.read()).contains(Abort.byServiceProvider(Abort.Reason.INVALID_PDU_PARAMETER_VALUE));
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsUnexpectedPduOnEstablishedAssociation() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            peer.send(RawPeer.verificationRequest());

            assertThat(peer.read()).contains(Abort.byServiceProvider(Abort.Reason.UNEXPECTED_PDU)); // AA-8
            assertThat(peer.closedByServer()).isTrue();
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsIdleAssociation() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate(RawPeer.ctStorageRequest());
            long started = System.nanoTime();

            Optional<Pdu> abort = peer.read();

            assertThat(abort).contains(Abort.byServiceUser());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(IDLE.minusMillis(100));
            assertThat(peer.closedByServer()).isTrue();
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsAnAssociationThatFallsSilentInTheMiddleOfADataSet() throws Exception {
        try (RawPeer peer = halfwayThroughADataSet()) {
            long started = System.nanoTime();

            assertThat(peer.read()).contains(Abort.byServiceUser());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(IDLE.minusMillis(100));
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void releasesOnRequest() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate();

            peer.send(new ReleaseRq());

            assertThat(peer.read()).contains(new ReleaseRp());
            assertThat(peer.closedByServer()).isTrue(); // Sta13: AR-4 started ARTIM, Evt18 closes
        }
    }

    @ParameterizedTest(name = "SOP Instance UID {0}")
    @ValueSource(strings = {"1.2.03", "1.2.3a.4"})
    void refusesAnInvalidUidWithA900(String invalid) throws Exception {
        Path bad = Instances.write(files.resolve("bad.dcm"), invalid, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Storescu.Result failed = Storescu.run(server.port(), List.of("-d"), bad);

        assertThat(failed.output()).containsPattern("DIMSE Status\\s*: 0xa900")
                .containsPattern("\\(0000,0902\\) LO \\[SOP Instance UID .*\"" + invalid.replace(".", "\\.") + "\"");
        assertNothingLeftAndStillStoring();
    }

    /** PS3.4 B.2.3: Error, Data Set does not match SOP Class (A900); the Error Comment says which. */
    @Test
    void refusesADataSetOfAnotherSopClassThanTheRequestWithA900() throws Exception {
        byte[] mr = Instances.encoded(SOP, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                dataset -> dataset.setString(Tag.SOPClassUID, VR.UI, UID.MRImageStorage));

        CStoreRsp response = storeRaw(SOP, mr);

        assertThat(response.status()).isEqualTo(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(response.errorComment()).startsWith("data set SOP Class UID is not the announced one");
        assertNothingLeftAndStillStoring();
    }

    /**
     * A request for a SOP Class its presentation context does not carry: 0122H, Refused: SOP
     * Class not supported (PS3.7 Annex C).
     */
    @Test
    void refusesARequestForAnotherSopClassThanItsPresentationContextWith0122() throws Exception {
        CStoreRsp response = storeRaw(UID.MRImageStorage, SOP, ctDataSet());

        assertThat(response.status()).isEqualTo(Status.SOP_CLASS_NOT_SUPPORTED);
        assertThat(response.errorComment()).isEqualTo("not the SOP Class of presentation context 1");
        assertNothingLeftAndStillStoring();
    }

    /** C000 (Cannot understand): the request and its data set name two instances; see StoreReason. */
    @Test
    void refusesADataSetOfAnotherSopInstanceThanTheRequestWithC000() throws Exception {
        byte[] other = Instances.encoded(SOP + ".1", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        CStoreRsp response = storeRaw(SOP, other);

        assertThat(response.status()).isEqualTo(Status.CANNOT_UNDERSTAND);
        assertThat(response.errorComment()).startsWith("data set SOP Instance UID is not the announced one");
        assertNothingLeftAndStillStoring();
    }

    /** The last-fragment bit comes early: inside the header, or inside Pixel Data. Cannot understand, C000. */
    @ParameterizedTest(name = "cut after {0} bytes")
    @ValueSource(ints = {100, 1500})
    void answersC000ForADataSetWhoseLastFragmentComesEarly(int cut) throws Exception {
        byte[] dataset = ctDataSet();
        assertThat(cut).isLessThan(dataset.length);

        CStoreRsp response = storeRaw(SOP, Arrays.copyOf(dataset, cut));

        assertThat(response.status()).isEqualTo(Status.CANNOT_UNDERSTAND);
        assertNothingLeftAndStillStoring();
    }

    /** The peer vanishes: after an A-ABORT, or with the connection simply closed. */
    @ParameterizedTest(name = "sends A-ABORT first: {0}")
    @ValueSource(booleans = {false, true})
    void leavesNothingWhenThePeerVanishesMidDataSet(boolean sendsAbort) throws Exception {
        try (RawPeer peer = halfwayThroughADataSet()) {
            if (sendsAbort) {
                peer.send(Abort.byServiceUser());
            }
        }
        assertNothingLeftAndStillStoring();
    }

    @Test
    void abortsOnACommandFragmentInsideTheDataSet() throws Exception {
        try (RawPeer peer = halfwayThroughADataSet()) {
            peer.sendStoreCommand(UID.CTImageStorage, SOP);

            assertThat(peer.read()).contains(Abort.byServiceUser());
        }
        assertNothingLeftAndStillStoring();
    }

    /** The CT data set of {@link #SOP} in Implicit VR Little Endian, as {@link RawPeer#ctStorageRequest()} proposes. */
    private static byte[] ctDataSet() throws IOException {
        return Instances.encoded(SOP, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    /** A peer associated for CT that has sent a C-STORE-RQ for {@link #SOP} and half its data set, none marked last. */
    private RawPeer halfwayThroughADataSet() throws IOException {
        byte[] dataset = ctDataSet();
        RawPeer peer = new RawPeer(server.port());
        peer.associate(RawPeer.ctStorageRequest());
        peer.sendStoreCommand(UID.CTImageStorage, SOP);
        peer.sendDataSet(dataset, dataset.length / 2, FRAGMENT, false);
        return peer;
    }

    /** Associates for CT, sends a C-STORE-RQ for {@code sop} and {@code dataset} as sent, and returns the response. */
    private CStoreRsp storeRaw(String sop, byte[] dataset) throws Exception {
        return storeRaw(UID.CTImageStorage, sop, dataset);
    }

    /** The same with {@code sopClass} as the request's Affected SOP Class UID. */
    private CStoreRsp storeRaw(String sopClass, String sop, byte[] dataset) throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.associate(RawPeer.ctStorageRequest());
            peer.sendStoreCommand(sopClass, sop);
            peer.sendDataSet(dataset, dataset.length, FRAGMENT, true);
            DimseMessage response = peer.readResponse();
            peer.send(new ReleaseRq());
            assertThat(peer.read()).contains(new ReleaseRp()); // the failure ended only that message
            return (CStoreRsp) response;
        }
    }

    /** {@code associateRq} with one more variable item of {@code type} first, the PDU length adjusted. */
    private static byte[] withVariableItem(byte[] associateRq, int type, byte[] value) {
        int at = PduCodec.HEADER_LENGTH + FIXED_ASSOCIATE_FIELDS;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(associateRq, 0, at);
        out.write(type);
        out.write(0);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
        out.write(associateRq, at, associateRq.length - at);
        byte[] pdu = out.toByteArray();
        ByteBuffer.wrap(pdu).putInt(2, pdu.length - PduCodec.HEADER_LENGTH);
        return pdu;
    }

    /** A one-fragment P-DATA-TF of a few command bytes on {@code contextId}. */
    private static PDataTf echoFragment(int contextId) {
        return new PDataTf(List.of(new PresentationDataValue(contextId, true, true, Bytes.of(new byte[8]))));
    }

    private void assertNothingLeftAndStillStoring() throws Exception {
        server.assertNothingStored();
        server.assertStillStores(files);
    }
}
