package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Corrupt RLE Lossless frames (PS3.5 Annex G) end in an exception that says what is wrong,
 * never a loop, another exception or a huge allocation: chosen corruptions, and mutants of
 * corpus frames made from fixed seeds (a failure names the mutant and happens again).
 */
final class RleFrameDecoderTest {

    private static final int MUTANTS = 400;

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

    @ParameterizedTest
    @ValueSource(strings = {"MR_small_RLE.dcm", "SC_rgb_rle_32bit.dcm", "rtdose_rle_1frame.dcm"})
    void everyMutatedFrameDecodesOrIsRefusedWithAReason(String name) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            DicomFile file = read(name);
            byte[] frame = (byte[]) ((Fragments) file.dataset().getValue(Tag.PixelData)).get(1);
            Random random = new Random(name.hashCode());
            for (int mutant = 0; mutant < MUTANTS; mutant++) {
                byte[] mutated = mutate(frame, random);
                try {
                    decode(file, mutated);
                } catch (DicomException e) {
                    assertThat(e.getMessage()).as("mutant %d of %s", mutant, name).startsWith("RLE frame 1: ");
                }
            }
        });
    }

    /** A copy of {@code frame} with a random header value, run header, byte or length changed. */
    private static byte[] mutate(byte[] frame, Random random) {
        byte[] mutated = frame.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                return withLong(mutated, 4 * random.nextInt(16), random.nextInt(2) == 0 ? random.nextInt(frame.length + 64)
                        : random.nextLong() & 0xFFFFFFFFL);
            }
            case 1 -> mutated[64 + random.nextInt(frame.length - 64)] = (byte) random.nextInt(256);
            case 2 -> {
                for (int i = 0; i < 20; i++) {
                    mutated[64 + random.nextInt(frame.length - 64)] = (byte) (random.nextBoolean() ? 127 : -127);
                }
            }
            default -> {
                return Arrays.copyOf(mutated, random.nextInt(frame.length));
            }
        }
        return mutated;
    }

    /** MR_small_RLE.dcm (64 x 64, 16 bits: two segments) with its one frame changed by {@code corrupt}. */
    private static void assertRefused(UnaryOperator<byte[]> corrupt, String reason) {
        assertThatThrownBy(() -> {
            DicomFile file = read("MR_small_RLE.dcm");
            decode(file, corrupt.apply((byte[]) ((Fragments) file.dataset().getValue(Tag.PixelData)).get(1)));
        }).isInstanceOf(DicomException.class).hasMessageContaining("RLE frame 1").hasMessageContaining(reason);
    }

    /** Decodes the first frame of {@code file} with its compressed bytes replaced by {@code frame}. */
    private static FrameSamples decode(DicomFile file, byte[] frame) throws IOException {
        Fragments fragments = (Fragments) file.dataset().getValue(Tag.PixelData);
        Fragments replaced = new Fragments();
        replaced.add(fragments.get(0));
        replaced.add(frame);
        Attributes dataset = file.dataset();
        dataset.set(Tag.PixelData, dataset.vrOf(Tag.PixelData), replaced);
        return ImageFrames.of(file).frame(0);
    }

    private static DicomFile read(String name) throws IOException {
        try (DicomReader reader = DicomReader.open(TestPeers.pydicomData().resolve("test_files").resolve(name))) {
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
