package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/** Corrupt copies of an encapsulated frame, for the tests that decoders refuse bad input with a reason. */
final class FrameMutants {

    private FrameMutants() {
    }

    /** The compressed bytes of the first frame of a file read without bulk data references. */
    static byte[] firstFrame(DicomFile file) {
        return (byte[]) ((Fragments) file.dataset().getValue(Tag.PixelData)).get(1);
    }

    /** Decodes the first frame of {@code file} with its compressed bytes replaced by {@code frame}. */
    static FrameSamples decode(DicomFile file, byte[] frame) throws IOException {
        Fragments fragments = (Fragments) file.dataset().getValue(Tag.PixelData);
        Fragments replaced = new Fragments();
        replaced.add(fragments.get(0));
        replaced.add(frame);
        Attributes dataset = file.dataset();
        dataset.set(Tag.PixelData, dataset.vrOf(Tag.PixelData), replaced);
        return ImageFrames.of(file).frame(0);
    }

    /**
     * {@code count} mutants of the first frame of {@code file} (bytes changed, bytes 0xFF set,
     * the frame cut short; fixed seed), each of which must decode or be refused with a message
     * starting with {@code prefix}, all within a minute.
     */
    static void assertEachDecodesOrIsRefused(DicomFile file, int count, String prefix) {
        byte[] frame = firstFrame(file).clone();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(9);
            for (int mutant = 0; mutant < count; mutant++) {
                byte[] mutated = random.nextInt(4) == 0 ? Arrays.copyOf(frame, random.nextInt(frame.length)) : frame.clone();
                for (int i = random.nextInt(8); i >= 0 && mutated.length > 0; i--) {
                    mutated[random.nextInt(mutated.length)] = (byte) (random.nextBoolean() ? 0xFF : random.nextInt(256));
                }
                try {
                    decode(file, mutated);
                } catch (DicomException e) {
                    assertThat(e.getMessage()).as("mutant %d", mutant).startsWith(prefix);
                }
            }
        });
    }

    /** A copy of {@code frame} whose frame header (marker {@code 0xFF sofMarker}) declares 60000 x 60000 pixels. */
    static byte[] declaringHugeFrame(byte[] frame, int sofMarker) {
        byte[] mutated = frame.clone();
        int sof = indexOfMarker(mutated, sofMarker);
        for (int i = sof + 5; i < sof + 9; i += 2) {
            mutated[i] = (byte) 0xEA;
            mutated[i + 1] = 0x60;
        }
        return mutated;
    }

    /** The position of the first marker {@code 0xFF marker} in {@code frame}. */
    static int indexOfMarker(byte[] frame, int marker) {
        for (int i = 0; i + 1 < frame.length; i++) {
            if ((frame[i] & 0xFF) == 0xFF && (frame[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker FF" + Integer.toHexString(marker));
    }
}
