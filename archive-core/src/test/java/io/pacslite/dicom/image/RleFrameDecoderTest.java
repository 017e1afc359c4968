package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Corrupt RLE Lossless frames (PS3.5 Annex G) end in an exception that says what is wrong, never a loop or a huge allocation. */
final class RleFrameDecoderTest {

    @Test
    void refusesATruncatedFrame() {
        assertRefused(frame -> Arrays.copyOf(frame, frame.length / 2), "a literal run of segment 2 goes past the segment's end");
    }

    @Test
    void refusesASegmentThatEndsBeforeTheFrameIsFull() {
        // Keep the header's offsets valid but cut the last segment short.
        assertRefused(frame -> Arrays.copyOf(frame, frame.length - 600), "segment 2");
    }

    @Test
    void refusesASegmentOffsetPastTheEnd() {
        assertRefused(frame -> withLong(frame, 8, 0x7FFFFFF0L), "segment 2 is said to start at byte 2147483632");
    }

    @Test
    void refusesSegmentOffsetsOutOfOrder() {
        assertRefused(frame -> withLong(frame, 8, 64), "segment 2 is said to start at byte 64");
        assertRefused(frame -> withLong(frame, 4, 0), "segment 1 is said to start at byte 0");
    }

    @Test
    void refusesASegmentCountThatIsNotTheImages() {
        assertRefused(frame -> withLong(frame, 0, 15), "gives 15 segments, the image has 2");
    }

    @Test
    void refusesSegmentsOfNoOperationsOnly() {
        assertRefused(frame -> {
            byte[] noOperations = frame.clone();
            Arrays.fill(noOperations, 64, noOperations.length, (byte) -128);
            return noOperations;
        }, "decodes to 0 bytes");
    }

    @Test
    void refusesAFrameShorterThanItsHeader() {
        assertRefused(frame -> Arrays.copyOf(frame, 10), "do not hold the 64-byte RLE Header");
    }

    /** MR_small_RLE.dcm (64 x 64, 16 bits: two segments) with its one frame changed by {@code corrupt}. */
    private static void assertRefused(UnaryOperator<byte[]> corrupt, String reason) {
        assertThatThrownBy(() -> {
            DicomFile file = read();
            Fragments fragments = (Fragments) file.dataset().getValue(Tag.PixelData);
            Fragments corrupted = new Fragments();
            corrupted.add(fragments.get(0));
            corrupted.add(corrupt.apply((byte[]) fragments.get(1)));
            Attributes dataset = file.dataset();
            dataset.set(Tag.PixelData, dataset.vrOf(Tag.PixelData), corrupted);
            ImageFrames.of(file).frame(0);
        }).isInstanceOf(DicomException.class).hasMessageContaining("RLE frame 1").hasMessageContaining(reason);
    }

    private static DicomFile read() throws IOException {
        try (DicomReader reader = DicomReader.open(TestPeers.pydicomData().resolve("test_files/MR_small_RLE.dcm"))) {
            return reader.readFile();
        }
    }

    private static byte[] withLong(byte[] frame, int at, long value) {
        byte[] changed = frame.clone();
        for (int i = 0; i < 4; i++) {
            changed[at + i] = (byte) (value >>> (8 * i));
        }
        return changed;
    }
}
