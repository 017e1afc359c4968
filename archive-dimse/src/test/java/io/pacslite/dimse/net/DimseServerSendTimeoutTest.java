package io.pacslite.dimse.net;

import static io.pacslite.dimse.net.RawPeer.command;
import static io.pacslite.dimse.net.RawPeer.dataSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.archive.ArchiveConfig;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreReason;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dimse.message.CFindRq;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Priority;
import io.pacslite.dimse.message.Status;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that asks a C-FIND with megabytes of matches and then reads nothing: the archive's
 * sends block once the TCP buffers are full, and after the send limit (the DIMSE timeout, 1 s
 * here) the connection is closed, so the query's index connection is given back; the server
 * then answers the same query to a peer that reads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DimseServerSendTimeoutTest {

    private static final String FIND = UID.StudyRootQueryRetrieveInformationModelFind;
    private static final int INSTANCES = 300;
    /** ImageComments (LT) may hold 10,240 characters: 3 MB of matches in all. */
    private static final String COMMENT = "x".repeat(10_240);

    @TempDir
    Path root;
    private ArchiveServer server;

    @BeforeEach
    void start() throws Exception {
        server = ArchiveServer.start(root, ArchiveConfig.DEFAULTS, new Timeouts(Timeouts.DEFAULT_ARTIM,
                Timeouts.DEFAULT_IDLE, Timeouts.DEFAULT_CONNECT, Duration.ofSeconds(1)));
        for (int i = 1; i <= INSTANCES; i++) {
            String sop = Instances.SERIES_UID + ".7." + i;
            Attributes dataset = Instances.ct(sop);
            dataset.setString(Tag.ImageComments, VR.LT, COMMENT);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            new DicomWriter(file).writeFile(null, DicomWriter.createFileMeta(UID.CTImageStorage, sop,
                    UID.ExplicitVRLittleEndian), dataset);
            assertThat(server.archive().store(new ByteArrayInputStream(file.toByteArray()),
                    StoreContext.partTen("test")).reason()).isEqualTo(StoreReason.STORED);
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void closesTheConnectionOfAPeerThatReadsNothingAndKeepsAnswering() throws Exception {
        try (RawPeer stalled = associate(4096)) {
            stalled.send(new PDataTf(List.of(command(new CFindRq(1, FIND, Priority.MEDIUM)), dataSet(everyImage()))));

            server.awaitNoAssociations();
        }

        try (RawPeer reading = associate(0)) {
            reading.send(new PDataTf(List.of(command(new CFindRq(1, FIND, Priority.MEDIUM)), dataSet(everyImage()))));
            assertThat(countPendingUntilFinal(reading)).isEqualTo(INSTANCES);
        }
    }

    private RawPeer associate(int receiveBufferSize) throws Exception {
        RawPeer peer = new RawPeer(server.port(), receiveBufferSize);
        peer.associate(new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "RAWSCU",
                AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, FIND, List.of(UID.ImplicitVRLittleEndian))),
                UserInformation.of(new MaximumLength(16384))));
        return peer;
    }

    private static Attributes everyImage() {
        Attributes identifier = new Attributes(false, 4);
        identifier.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
        identifier.setString(Tag.StudyInstanceUID, VR.UI, Instances.STUDY_UID);
        identifier.setString(Tag.SeriesInstanceUID, VR.UI, Instances.SERIES_UID);
        identifier.set(Tag.SOPInstanceUID, VR.UI, null);
        identifier.set(Tag.ImageComments, VR.LT, null);
        return identifier;
    }

    /** Reads C-FIND responses up to the final one, which must be Success; returns how many were pending. */
    private static int countPendingUntilFinal(RawPeer peer) throws Exception {
        int pending = 0;
        while (true) {
            PDataTf data = (PDataTf) peer.read().orElseThrow();
            for (PresentationDataValue value : data.values()) {
                if (!value.command()) {
                    continue;
                }
                DimseMessage response = CommandCodec.decode(value.fragment().toByteArray());
                Status status = ((CFindRsp) response).status();
                if (status.type() != StatusType.PENDING) {
                    assertThat(status).isEqualTo(Status.SUCCESS);
                    return pending;
                }
                pending++;
            }
        }
    }
}
