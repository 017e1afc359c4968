package io.pacslite.dimse.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Command sets that are not a message this package understands fail with a reason and a status to answer. */
class CommandCodecRejectsBadInputTest {

    private static final String FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    private static final String MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    private static final CStoreRq STORE = new CStoreRq(3, "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", Priority.MEDIUM);

    static Stream<Arguments> alteredCommands() {
        return Stream.of(
                altered("unknown command field", STORE, c -> c.setInts(Tag.CommandField, VR.US, 0x1234),
                        DimseException.Reason.UNKNOWN_COMMAND_FIELD, Status.UNRECOGNIZED_OPERATION),
                altered("no command field", STORE, c -> c.remove(Tag.CommandField),
                        DimseException.Reason.UNKNOWN_COMMAND_FIELD, Status.UNRECOGNIZED_OPERATION),
                altered("N-GET-RQ, defined but not decoded", STORE, c -> c.setInts(Tag.CommandField, VR.US, 0x0110),
                        DimseException.Reason.UNSUPPORTED_COMMAND, Status.UNRECOGNIZED_OPERATION),
                altered("C-MOVE-RQ without Move Destination", new CMoveRq(2, MOVE, Priority.MEDIUM, "STORESCP"),
                        c -> c.remove(Tag.MoveDestination),
                        DimseException.Reason.MISSING_ELEMENT, Status.CANNOT_UNDERSTAND),
                altered("C-FIND-RQ with Priority 7", new CFindRq(2, FIND, Priority.MEDIUM),
                        c -> c.setInts(Tag.Priority, VR.US, 7),
                        DimseException.Reason.INVALID_VALUE, Status.MISTYPED_ARGUMENT),
                altered("C-STORE-RQ without Message ID", STORE, c -> c.remove(Tag.MessageID),
                        DimseException.Reason.MISSING_ELEMENT, Status.CANNOT_UNDERSTAND),
                altered("C-STORE-RQ with empty Message ID", STORE, c -> c.set(Tag.MessageID, VR.US, null),
                        DimseException.Reason.MISSING_ELEMENT, Status.CANNOT_UNDERSTAND),
                altered("C-STORE-RQ without SOP Instance UID", STORE, c -> c.remove(Tag.AffectedSOPInstanceUID),
                        DimseException.Reason.MISSING_ELEMENT, Status.CANNOT_UNDERSTAND),
                altered("C-STORE-RQ with Priority 3", STORE, c -> c.setInts(Tag.Priority, VR.US, 3),
                        DimseException.Reason.INVALID_VALUE, Status.MISTYPED_ARGUMENT),
                altered("C-ECHO-RQ without SOP Class UID", new CEchoRq(1, "1.2.840.10008.1.1"),
                        c -> c.remove(Tag.AffectedSOPClassUID),
                        DimseException.Reason.MISSING_ELEMENT, Status.CANNOT_UNDERSTAND),
                altered("C-ECHO-RSP without Status", new CEchoRsp(1, null, Status.SUCCESS), c -> c.remove(Tag.Status),
                        DimseException.Reason.MISSING_ELEMENT, Status.CANNOT_UNDERSTAND),
                altered("C-STORE-RSP without Message ID Being Responded To",
                        CStoreRsp.answering(STORE, Status.SUCCESS), c -> c.remove(Tag.MessageIDBeingRespondedTo),
                        DimseException.Reason.MISSING_ELEMENT, Status.CANNOT_UNDERSTAND));
    }

    private static Arguments altered(String name, DimseMessage message, Consumer<Attributes> change,
            DimseException.Reason reason, Status status) {
        Attributes command = CommandCodec.toAttributes(message);
        change.accept(command);
        return Arguments.of(name, command, reason, status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alteredCommands")
    void rejectsCommandSets(String name, Attributes command, DimseException.Reason reason, Status status) {
        DimseException e = catchThrowableOfType(DimseException.class, () -> CommandCodec.fromAttributes(command));

        assertThat(e).as(name).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.status().type()).isEqualTo(StatusType.FAILURE);
    }

    static Stream<Arguments> unreadableBytes() {
        byte[] encoded = CommandCodec.encode(STORE);
        return Stream.of(
                Arguments.of("three stray bytes", new byte[] {1, 2, 3}),
                Arguments.of("cut inside an element value", Arrays.copyOf(encoded, encoded.length - 3)),
                Arguments.of("value length past the end", new byte[] {
                    0x00, 0x00, 0x00, 0x01, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00, 0x01, 0x00}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBytes")
    void rejectsBytesThatAreNoDataSet(String name, byte[] bytes) {
        DimseException e = catchThrowableOfType(DimseException.class, () -> CommandCodec.decode(bytes));

        assertThat(e).as(name).isNotNull();
        assertThat(e.reason()).isEqualTo(DimseException.Reason.UNREADABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alteredCommands")
    void decodeRejectsTheSameCommandSetsAsBytes(String name, Attributes command, DimseException.Reason reason,
            Status status) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DicomWriter(bytes)
                .writeDataset(command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        DimseException e = catchThrowableOfType(DimseException.class, () -> CommandCodec.decode(bytes.toByteArray()));

        assertThat(e).as(name).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
    }
}
