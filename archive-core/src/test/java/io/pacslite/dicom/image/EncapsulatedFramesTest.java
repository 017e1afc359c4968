package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Frames made of several fragments are put together as the Basic Offset Table says (PS3.5 A.4). */
final class EncapsulatedFramesTest {

    @Test
    void joinsTheFragmentsTheOffsetTableGivesEachFrame() throws IOException {
        Fragments original = rleFragments();
        byte[] first = (byte[]) original.get(1);
        byte[] second = (byte[]) original.get(2);
        Fragments split = new Fragments();
        split.add(littleEndian(0, 8 + 100 + 8 + (first.length - 100)));
        split.add(Arrays.copyOf(first, 100));
        split.add(Arrays.copyOfRange(first, 100, first.length));
        split.add(Arrays.copyOf(second, 10));
        split.add(Arrays.copyOfRange(second, 10, second.length));

        EncapsulatedFrames frames = new EncapsulatedFrames(split, 2);

        assertThat(frames.frame(0)).isEqualTo(first);
        assertThat(frames.frame(1)).isEqualTo(second);
    }

    @Test
    void joinsAllFragmentsOfASingleFrameWithoutOffsetTable() throws IOException {
        byte[] first = (byte[]) rleFragments().get(1);
        Fragments split = new Fragments();
        split.add(new byte[0]);
        split.add(Arrays.copyOf(first, 100));
        split.add(Arrays.copyOfRange(first, 100, first.length));

        assertThat(new EncapsulatedFrames(split, 1).frame(0)).isEqualTo(first);
    }

    @Test
    void refusesAnOffsetWhereNoFragmentStarts() throws IOException {
        Fragments original = rleFragments();
        Fragments lying = new Fragments();
        lying.add(littleEndian(0, 12345));
        lying.add(original.get(1));
        lying.add(new byte[2]);
        lying.add(original.get(2));

        assertThatThrownBy(() -> new EncapsulatedFrames(lying, 2).frame(1)).isInstanceOf(DicomException.class)
                .hasMessageContaining("frame 2 offset 12345");
    }

    @Test
    void refusesFragmentsThatCannotBeAssignedToFrames() throws IOException {
        Fragments original = rleFragments();
        Fragments noTable = new Fragments();
        noTable.add(new byte[0]);
        noTable.add(original.get(1));

        assertThatThrownBy(() -> new EncapsulatedFrames(noTable, 2)).isInstanceOf(DicomException.class)
                .hasMessageContaining("1 fragments for 2 frames");
    }

    /** The two frames of SC_rgb_rle_2frame.dcm, one fragment each, after an empty offset table. */
    private static Fragments rleFragments() throws IOException {
        try (DicomReader reader = DicomReader.open(TestPeers.pydicomData().resolve("test_files/SC_rgb_rle_2frame.dcm"))) {
            return (Fragments) reader.readFile().dataset().getValue(Tag.PixelData);
        }
    }

    private static byte[] littleEndian(long... values) {
        byte[] bytes = new byte[4 * values.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (values[i / 4] >>> (8 * (i % 4)));
        }
        return bytes;
    }
}
