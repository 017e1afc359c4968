package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dimse.message.CStoreRq;
import io.pacslite.dimse.message.CommandCodec;
import io.pacslite.dimse.message.DimseException;
import io.pacslite.dimse.message.DimseMessage;
import io.pacslite.dimse.message.Priority;
import io.pacslite.dimse.pdu.AssociateAc;
import io.pacslite.dimse.pdu.AssociateRq;
import io.pacslite.dimse.pdu.Bytes;
import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PduReader;
import io.pacslite.dimse.pdu.PresentationContextRq;
import io.pacslite.dimse.pdu.PresentationDataValue;
import io.pacslite.dimse.pdu.UserInformation;
import io.pacslite.dimse.pdu.UserInformationItem.MaximumLength;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A hand-driven peer on a raw socket, for the inputs echoscu never sends. */
final class RawPeer implements Closeable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final PduReader reader;

    RawPeer(int port) throws IOException {
        this(port, 0);
    }

    /** A peer whose socket receive buffer is {@code receiveBufferSize} bytes (0: the system's default). */
    RawPeer(int port, int receiveBufferSize) throws IOException {
        socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        reader = new PduReader(socket.getInputStream(), 1 << 20);
    }

    /** A-ASSOCIATE-RQ from RAWSCU to PACSLITE proposing Verification as context 1. */
    static AssociateRq verificationRequest() {
        return new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "RAWSCU",
                AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, UID.Verification, List.of(UID.ImplicitVRLittleEndian))),
                UserInformation.of(new MaximumLength(16384)));
    }

    /** A-ASSOCIATE-RQ from RAWSCU to PACSLITE proposing CT Image Storage in Implicit VR Little Endian as context 1. */
    static AssociateRq ctStorageRequest() {
        return new AssociateRq(AssociateRq.PROTOCOL_VERSION_1, "PACSLITE", "RAWSCU",
                AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRq(1, UID.CTImageStorage, List.of(UID.ImplicitVRLittleEndian))),
                UserInformation.of(new MaximumLength(16384)));
    }

    /** Sends the verification request and returns the A-ASSOCIATE-AC. */
    AssociateAc associate() throws IOException {
        return associate(verificationRequest());
    }

    /** Sends {@code request} and returns the A-ASSOCIATE-AC (a ClassCastException for anything else). */
    AssociateAc associate(AssociateRq request) throws IOException {
        send(request);
        return (AssociateAc) read().orElseThrow();
    }

    /** A C-STORE-RQ (message ID 1) for {@code sopClass} and {@code sop} as one command fragment on context 1. */
    void sendStoreCommand(String sopClass, String sop) throws IOException {
        send(new PDataTf(List.of(new PresentationDataValue(1, true, true,
                Bytes.of(CommandCodec.encode(new CStoreRq(1, sopClass, sop, Priority.MEDIUM)))))));
    }

    /**
     * Sends {@code dataset[0, end)} on context 1 in P-DATA-TFs of one fragment of at most
     * {@code fragmentLength} bytes; the last one carries the last-fragment bit if {@code markLast}.
     */
    void sendDataSet(byte[] dataset, int end, int fragmentLength, boolean markLast) throws IOException {
        for (int start = 0; start < end; start += fragmentLength) {
            int stop = Math.min(end, start + fragmentLength);
            send(new PDataTf(List.of(new PresentationDataValue(1, false, markLast && stop == end,
                    Bytes.of(Arrays.copyOfRange(dataset, start, stop))))));
        }
    }

    /** Reads the next PDU as a one-fragment response command set and decodes it. */
    DimseMessage readResponse() throws IOException, DimseException {
        PDataTf data = (PDataTf) read().orElseThrow();
        assertThat(data.values()).hasSize(1);
        assertThat(data.values().getFirst().command()).isTrue();
        return CommandCodec.decode(data.values().getFirst().fragment().toByteArray());
    }

    /** A command set as one last command fragment on context 1. */
    static PresentationDataValue command(DimseMessage message) {
        return new PresentationDataValue(1, true, true, Bytes.of(CommandCodec.encode(message)));
    }

    /** A data set in Implicit VR Little Endian as one last data set fragment on context 1. */
    static PresentationDataValue dataSet(Attributes dataset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DicomWriter(bytes).writeDataset(dataset, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        return new PresentationDataValue(1, false, true, Bytes.of(bytes.toByteArray()));
    }

    void send(Pdu pdu) throws IOException {
        send(PduCodec.encode(pdu));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next PDU, or empty when the server closed the connection. */
    Optional<Pdu> read() throws IOException {
        return reader.read();
    }

    /**
     * Reads until the server closes the connection; true if it did within the read timeout.
     * A reset counts as closed: the server may close with our bytes still unread.
     */
    boolean closedByServer() throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
