package io.pacslite.dimse.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dimse.pdu.PDataTf;
import io.pacslite.dimse.pdu.Pdu;
import io.pacslite.dimse.pdu.PduCodec;
import io.pacslite.dimse.pdu.PduReader;
import io.pacslite.dimse.pdu.PresentationDataValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data set fragments an association sends, PS3.8 Annex E: decoded back by the PDU reader,
 * each P-DATA-TF within the length, the last-fragment bit on the last only, the bytes
 * unchanged, and several P-DATA-TFs to one write.
 */
class DataSetFragmentsTest {

    /** What dcmtk announces by default (16 KiB), less the presentation data value item's 6 bytes. */
    private static final int FRAGMENT = 16384 - 6;
    private static final int CONTEXT_ID = 3;

    @TempDir
    Path dir;

    /** Each send call: its P-DATA-TF count and bytes. */
    private final List<Integer> counts = new ArrayList<>();
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    private DataSetFragments fragments(int fragmentLength) {
        return new DataSetFragments(fragmentLength, (pdus, count) -> {
            counts.add(count);
            byte[] bytes = new byte[pdus.remaining()];
            pdus.get(bytes);
            wire.writeBytes(bytes);
        });
    }

    @Test
    void gathersTheFragmentsOfWrittenBytesIntoBatchesOfWholePDataTfs() throws Exception {
        byte[] dataSet = bytes(600_000);

        fragments(FRAGMENT).send(CONTEXT_ID, out -> {
            out.write(dataSet, 0, 1000);
            out.write(dataSet, 1000, dataSet.length - 1000);
        });

        int perBatch = DataSetFragments.BATCH_LENGTH / (PduCodec.SINGLE_VALUE_P_DATA_TF_HEADER_LENGTH + FRAGMENT);
        int pdus = (dataSet.length + FRAGMENT - 1) / FRAGMENT;
        assertThat(perBatch).isEqualTo(15);
        assertThat(counts).containsExactly(perBatch, perBatch, pdus - 2 * perBatch);
        assertThat(received(FRAGMENT)).isEqualTo(dataSet);
    }

    @Test
    void sendsTheCommandInTheFirstBatchBeforeTheDataSet() throws Exception {
        byte[] dataSet = bytes(40_000);
        byte[] command = bytes(100);
        List<byte[]> commandPdus = CommandFragments.of(CONTEXT_ID, command, 16384).stream()
                .map(PduCodec::encode).toList();

        fragments(FRAGMENT).send(CONTEXT_ID, commandPdus, out -> out.write(dataSet));

        assertThat(counts).containsExactly(1 + 3);
        List<PresentationDataValue> values = allValues(FRAGMENT + 6);
        assertThat(values.get(0).command()).isTrue();
        assertThat(values.get(0).lastFragment()).isTrue();
        assertThat(values.get(0).fragment().toByteArray()).isEqualTo(command);
        assertThat(values.subList(1, 4)).noneMatch(PresentationDataValue::command);
    }

    @Test
    void sendsACommandLongerThanABatchOnItsOwn() throws Exception {
        int fragment = DimseOutput.MAX_FRAGMENT_LENGTH;
        byte[] command = bytes(2 * fragment);
        List<byte[]> commandPdus = CommandFragments.of(CONTEXT_ID, command, 0).stream().map(PduCodec::encode).toList();

        fragments(fragment).send(CONTEXT_ID, commandPdus, out -> out.write(bytes(10)));

        assertThat(counts).containsExactly(1, 1);
        List<PresentationDataValue> values = allValues(2L * fragment + 6);
        assertThat(values).extracting(PresentationDataValue::command).containsExactly(true, false);
        assertThat(values.get(0).fragment().toByteArray()).isEqualTo(command);
    }

    @Test
    void readsAFileRegionStraightIntoTheFragments() throws Exception {
        byte[] file = bytes(700_001);
        Path path = Files.write(dir.resolve("instance.dcm"), file);
        int start = 133;
        long length = 650_000;

        try (FileChannel channel = FileChannel.open(path)) {
            channel.position(start);
            fragments(FRAGMENT).send(CONTEXT_ID, out -> {
                out.write(file, 0, 7); // a first fragment already begun when the file's bytes come
                out.transferFrom(channel, length);
                out.write(new byte[] {0});
            });
        }

        byte[] expected = new byte[7 + (int) length + 1];
        System.arraycopy(file, 0, expected, 0, 7);
        System.arraycopy(file, start, expected, 7, (int) length);
        assertThat(received(FRAGMENT)).isEqualTo(expected);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo((expected.length + FRAGMENT - 1) / FRAGMENT);
    }

    @Test
    void endsOnAFullFragmentWithoutAnEmptyOneAfterIt() throws Exception {
        byte[] dataSet = bytes(3 * FRAGMENT);
        Path path = Files.write(dir.resolve("instance.dcm"), dataSet);

        try (FileChannel channel = FileChannel.open(path)) {
            fragments(FRAGMENT).send(CONTEXT_ID, out -> out.transferFrom(channel, dataSet.length));
        }

        assertThat(counts).containsExactly(3);
        assertThat(received(FRAGMENT)).isEqualTo(dataSet);
    }

    @Test
    void sendsAnEmptyDataSetAsOneEmptyLastFragment() throws Exception {
        fragments(FRAGMENT).send(CONTEXT_ID, out -> { });

        assertThat(counts).containsExactly(1);
        assertThat(received(FRAGMENT)).isEmpty();
    }

    @Test
    void sendsEachFragmentLongerThanABatchAlone() throws Exception {
        int fragment = DimseOutput.MAX_FRAGMENT_LENGTH;
        byte[] dataSet = bytes(2 * fragment + 10);
        DataSetFragments out = fragments(fragment);

        out.send(CONTEXT_ID, stream -> stream.write(dataSet));
        out.send(CONTEXT_ID, stream -> stream.write(dataSet, 0, 10)); // the next data set reuses the batch

        assertThat(counts).containsExactly(1, 1, 1, 1);
        List<PresentationDataValue> values = values(fragment);
        assertThat(values).extracting(PresentationDataValue::lastFragment).containsExactly(false, false, true, true);
        assertThat(values.get(3).fragment().toByteArray()).isEqualTo(Arrays.copyOf(dataSet, 10));
    }

    @Test
    void failsWhenTheFileEndsBeforeTheDataSet() throws Exception {
        Path path = Files.write(dir.resolve("cut.dcm"), bytes(1000));

        try (FileChannel channel = FileChannel.open(path)) {
            assertThatThrownBy(() -> fragments(FRAGMENT).send(CONTEXT_ID, out -> out.transferFrom(channel, 2000)))
                    .isInstanceOf(EOFException.class).hasMessageContaining("1000 bytes before");
        }
        assertThat(counts).isEmpty();
    }

    @Test
    void refusesBytesOutsideADataSet() {
        DataSetFragments out = fragments(FRAGMENT);

        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
    }

    /** The data set's bytes as sent: the fragments of every P-DATA-TF on the wire, checked on the way. */
    private byte[] received(int fragmentLength) throws IOException {
        ByteArrayOutputStream dataSet = new ByteArrayOutputStream();
        values(fragmentLength).forEach(value -> dataSet.writeBytes(value.fragment().toByteArray()));
        return dataSet.toByteArray();
    }

    /**
     * Every presentation data value on the wire: one per P-DATA-TF, of the context, a data set
     * fragment, all but the last of {@code fragmentLength} bytes, the last-fragment bit on the
     * last of each data set only.
     */
    private List<PresentationDataValue> values(int fragmentLength) throws IOException {
        PduReader reader = new PduReader(new ByteArrayInputStream(wire.toByteArray()), fragmentLength + 6);
        List<PresentationDataValue> values = new ArrayList<>();
        for (Optional<Pdu> pdu = reader.read(); pdu.isPresent(); pdu = reader.read()) {
            List<PresentationDataValue> in = ((PDataTf) pdu.get()).values();
            assertThat(in).hasSize(1);
            PresentationDataValue value = in.getFirst();
            assertThat(value.presentationContextId()).isEqualTo(CONTEXT_ID);
            assertThat(value.command()).isFalse();
            if (!value.lastFragment()) {
                assertThat(value.fragment().length()).isEqualTo(fragmentLength);
            }
            values.add(value);
        }
        assertThat(values).isNotEmpty();
        assertThat(values.getLast().lastFragment()).isTrue();
        return values;
    }

    /** Every presentation data value on the wire, commands included, in P-DATA-TFs of at most {@code maxPduLength}. */
    private List<PresentationDataValue> allValues(long maxPduLength) throws IOException {
        PduReader reader = new PduReader(new ByteArrayInputStream(wire.toByteArray()), maxPduLength);
        List<PresentationDataValue> values = new ArrayList<>();
        for (Optional<Pdu> pdu = reader.read(); pdu.isPresent(); pdu = reader.read()) {
            values.addAll(((PDataTf) pdu.get()).values());
        }
        return values;
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
