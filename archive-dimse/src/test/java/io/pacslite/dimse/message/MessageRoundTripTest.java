package io.pacslite.dimse.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message type survives encode then decode unchanged, and states whether a data set follows. */
class MessageRoundTripTest {

    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    private static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
    private static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    private static final String INSTANCE = "1.2.826.0.1.3680043.8.498.12345678901234567890";

    static Stream<DimseMessage> messages() {
        return Stream.of(
                new CEchoRq(1, VERIFICATION),
                new CEchoRq(0xFFFF, VERIFICATION),
                new CEchoRsp(1, VERIFICATION, Status.SUCCESS),
                new CEchoRsp(7, null, Status.PROCESSING_FAILURE),
                new CStoreRq(3, CT_IMAGE_STORAGE, INSTANCE, Priority.MEDIUM),
                new CStoreRq(4, CT_IMAGE_STORAGE, INSTANCE, Priority.HIGH, "MOVESCU", 42),
                new CStoreRq(5, CT_IMAGE_STORAGE, INSTANCE, Priority.LOW, "MOVESCU", null),
                new CStoreRsp(3, CT_IMAGE_STORAGE, INSTANCE, Status.SUCCESS, null),
                new CStoreRsp(3, CT_IMAGE_STORAGE, INSTANCE, Status.COERCION_OF_DATA_ELEMENTS, "Patient ID coerced"),
                new CStoreRsp(9, null, null, Status.OUT_OF_RESOURCES, "disk full"),
                new CStoreRsp(9, CT_IMAGE_STORAGE, INSTANCE, new Status(0xC123), "odd length comment"),
                new CFindRq(11, STUDY_ROOT_FIND, Priority.LOW),
                new CFindRsp(11, STUDY_ROOT_FIND, Status.PENDING, null, true),
                new CFindRsp(11, STUDY_ROOT_FIND, Status.PENDING_WARNING, null, true),
                new CFindRsp(11, null, Status.SUCCESS, null, false),
                new CFindRsp(12, STUDY_ROOT_FIND, Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "no QueryRetrieveLevel",
                        false),
                new CCancelRq(11),
                new CGetRq(13, STUDY_ROOT_GET, Priority.MEDIUM),
                new CGetRsp(13, STUDY_ROOT_GET, Status.PENDING, new SubOperations(4, 1, 0, 0), null, false),
                new CGetRsp(13, STUDY_ROOT_GET, Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES,
                        new SubOperations(null, 4, 1, 0), null, true),
                new CGetRsp(14, null, Status.PROCESSING_FAILURE, null, "index failed", false),
                new CMoveRq(15, PATIENT_ROOT_MOVE, Priority.HIGH, "STORESCP"),
                new CMoveRsp(15, PATIENT_ROOT_MOVE, Status.SUCCESS, new SubOperations(0, 5, 0, 1), null, false),
                new CMoveRsp(15, PATIENT_ROOT_MOVE, Status.MOVE_DESTINATION_UNKNOWN, null, "no such AE", false));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void decodesWhatItEncodes(DimseMessage message) throws DimseException {
        assertThat(CommandCodec.decode(CommandCodec.encode(message))).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void commandDataSetTypeSaysWhetherADataSetFollows(DimseMessage message) {
        Attributes command = CommandCodec.toAttributes(message);

        assertThat(command.getInt(Tag.CommandDataSetType, -1))
                .isEqualTo(message.hasDataSet() ? 0x0000 : 0x0101);
        assertThat(command.getInt(Tag.CommandField, -1)).isEqualTo(message.commandField().code());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void requestsAreTheRqMessagesAndCCancel(DimseMessage message) {
        assertThat(message.commandField().isRequest())
                .isEqualTo(message.getClass().getSimpleName().endsWith("Rq"));
    }
}
