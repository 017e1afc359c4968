package io.pacslite.dimse.pdu;

import static io.pacslite.dimse.pdu.Wire.ae;
import static io.pacslite.dimse.pdu.Wire.bytes;
import static io.pacslite.dimse.pdu.Wire.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pacslite.dimse.pdu.PduException.Reason;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PduReaderRejectsBadInputTest {

    private static final int LIMIT = 4096;

    /** An A-ASSOCIATE-RQ with {@code called} as the raw called-AE-title field and {@code items} as its variable items. */
    private static byte[] associateRq(Object called, Object... items) {
        byte[] body = bytes(0x00, 0x01, 0x00, 0x00, called, ae("TESTSCU"), zeros(32), bytes(items));
        return bytes(0x01, 0x00, 0x00, 0x00, body.length >> 8, body.length & 0xFF, body);
    }

    private static final Object[] APPLICATION_CONTEXT = {0x10, 0x00, 0x00, 0x15, "1.2.840.10008.3.1.1.1"};
    private static final Object[] VERIFICATION_CONTEXT = {
        0x20, 0x00, 0x00, 0x2E, 0x01, 0x00, 0x00, 0x00,
        0x30, 0x00, 0x00, 0x11, "1.2.840.10008.1.1",
        0x40, 0x00, 0x00, 0x11, "1.2.840.10008.1.2"};

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(Named.of("header cut after 3 bytes", bytes(0x01, 0x00, 0x00)),
                        Reason.TRUNCATED_HEADER, Optional.empty()),
                Arguments.of(Named.of("length over the limit", bytes(0x04, 0x00, 0x00, 0x00, 0x10, 0x01)),
                        Reason.PDU_TOO_LONG, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("length FFFFFFFFH", bytes(0x04, 0x00, 0xFF, 0xFF, 0xFF, 0xFF)),
                        Reason.PDU_TOO_LONG, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("stream ends inside the body", bytes(0x05, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00)),
                        Reason.TRUNCATED_BODY, Optional.empty()),
                Arguments.of(Named.of("unknown PDU type 08H", bytes(0x08, 0x00, 0x00, 0x00, 0x00, 0x04, zeros(4))),
                        Reason.UNRECOGNIZED_PDU_TYPE, Optional.of(Abort.Reason.UNRECOGNIZED_PDU)),
                Arguments.of(Named.of("A-RELEASE-RQ with a 5-byte body", bytes(0x05, 0x00, 0x00, 0x00, 0x00, 0x05, zeros(5))),
                        Reason.INVALID_PARAMETER_VALUE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("A-ABORT with reserved source 1", bytes(0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x01, 0x00)),
                        Reason.INVALID_PARAMETER_VALUE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("A-ASSOCIATE-RJ with a reserved reason", bytes(0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, 0x04)),
                        Reason.INVALID_PARAMETER_VALUE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("called AE title with a control character", associateRq(
                                bytes("PACS", 0x01, "LITE", "       "), APPLICATION_CONTEXT, VERIFICATION_CONTEXT,
                                0x50, 0x00, 0x00, 0x00)),
                        Reason.INVALID_AE_TITLE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("called AE title with a byte above 7EH", associateRq(
                                bytes("PACS", 0xE9, "LITE", "       "), APPLICATION_CONTEXT, VERIFICATION_CONTEXT,
                                0x50, 0x00, 0x00, 0x00)),
                        Reason.INVALID_AE_TITLE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("called AE title all spaces", associateRq(
                                ae(""), APPLICATION_CONTEXT, VERIFICATION_CONTEXT, 0x50, 0x00, 0x00, 0x00)),
                        Reason.INVALID_AE_TITLE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("item length past the PDU", associateRq(
                                ae("PACSLITE"), 0x10, 0x00, 0x00, 0x40, "1.2.840.10008.3.1.1.1")),
                        Reason.LENGTH_EXCEEDS_CONTAINER, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("sub-item length past its presentation context item", associateRq(
                                ae("PACSLITE"), APPLICATION_CONTEXT,
                                0x20, 0x00, 0x00, 0x0A, 0x01, 0x00, 0x00, 0x00,
                                0x30, 0x00, 0x00, 0x11, "1.", // claims 17 bytes, the item holds 2
                                0x50, 0x00, 0x00, 0x00)),
                        Reason.LENGTH_EXCEEDS_CONTAINER, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("user information sub-item length past its item", associateRq(
                                ae("PACSLITE"), APPLICATION_CONTEXT, VERIFICATION_CONTEXT,
                                0x50, 0x00, 0x00, 0x08, 0x51, 0x00, 0x00, 0x08, 0x00, 0x00, 0x40, 0x00)),
                        Reason.LENGTH_EXCEEDS_CONTAINER, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("presentation data value length past the P-DATA-TF", bytes(
                                0x04, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x09, 0x01, 0x03, 0x00)),
                        Reason.LENGTH_EXCEEDS_CONTAINER, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("presentation data value with an even context id", bytes(
                                0x04, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x03, 0x02, 0x03, 0x00)),
                        Reason.INVALID_PARAMETER_VALUE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("A-ASSOCIATE-AC presentation context item in an RQ", associateRq(
                                ae("PACSLITE"), APPLICATION_CONTEXT, VERIFICATION_CONTEXT,
                                0x21, 0x00, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00)),
                        Reason.UNEXPECTED_ITEM, Optional.of(Abort.Reason.UNEXPECTED_PDU_PARAMETER)),
                Arguments.of(Named.of("A-ASSOCIATE-RQ without presentation contexts", associateRq(
                                ae("PACSLITE"), APPLICATION_CONTEXT, 0x50, 0x00, 0x00, 0x00)),
                        Reason.INVALID_PARAMETER_VALUE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("A-ASSOCIATE-RQ without user information", associateRq(
                                ae("PACSLITE"), APPLICATION_CONTEXT, VERIFICATION_CONTEXT)),
                        Reason.INVALID_PARAMETER_VALUE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)),
                Arguments.of(Named.of("user identity type 9", associateRq(
                                ae("PACSLITE"), APPLICATION_CONTEXT, VERIFICATION_CONTEXT,
                                0x50, 0x00, 0x00, 0x0A, 0x58, 0x00, 0x00, 0x06, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00)),
                        Reason.INVALID_PARAMETER_VALUE, Optional.of(Abort.Reason.INVALID_PDU_PARAMETER_VALUE)));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void rejectsBadInputWithTheAbortReasonToSend(byte[] input, Reason reason, Optional<Abort.Reason> abortReason) {
        PduException thrown = catchThrowableOfType(PduException.class,
                () -> new PduReader(new ByteArrayInputStream(input), LIMIT).read());

        assertThat(thrown).as("no PduException").isNotNull();
        assertThat(thrown.reason()).isEqualTo(reason);
        assertThat(thrown.abortReason()).isEqualTo(abortReason);
    }

    @Test
    void refusesAnOverlongPduBeforeReadingItsBody() throws Exception {
        CountingStream in = new CountingStream(bytes(0x04, 0x00, 0x7F, 0xFF, 0xFF, 0xFF), 1 << 20);

        catchThrowableOfType(PduException.class, () -> new PduReader(in, LIMIT).read());

        assertThat(in.consumed).isEqualTo(PduCodec.HEADER_LENGTH);
    }

    @Test
    void endsCleanlyOnAnEmptyStream() throws Exception {
        assertThat(new PduReader(new ByteArrayInputStream(new byte[0]), LIMIT).read()).isEmpty();
    }

    @Test
    void readsPdusBackToBack() throws Exception {
        byte[] two = bytes(PduCodec.encode(new ReleaseRq()), PduCodec.encode(Abort.byServiceUser()));
        PduReader reader = new PduReader(new ByteArrayInputStream(two), LIMIT);

        assertThat(reader.read()).contains(new ReleaseRq());
        assertThat(reader.read()).contains(Abort.byServiceUser());
        assertThat(reader.read()).isEmpty();
    }

    /** A header followed by {@code tail} filler bytes, counting how many are read. */
    private static final class CountingStream extends InputStream {
        private final byte[] header;
        private final long length;
        private long consumed;

        CountingStream(byte[] header, long tail) {
            this.header = header;
            this.length = header.length + tail;
        }

        @Override
        public int read() {
            if (consumed >= length) {
                return -1;
            }
            int next = consumed < header.length ? header[(int) consumed] & 0xFF : 0;
            consumed++;
            return next;
        }
    }
}
