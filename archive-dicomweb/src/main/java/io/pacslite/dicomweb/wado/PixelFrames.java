package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicomweb.server.HttpError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a stored instance's Pixel Data (PS3.5 8.2 and A.4). Uncompressed: frame n is
 * {@code Rows x Columns x SamplesPerPixel x BitsAllocated / 8} bytes at its offset, cut from
 * the file. Encapsulated: the fragments of each frame, found one fragment per frame, all
 * fragments for a single frame, or by the Basic Offset Table.
 *
 * @param mediaType the parts' media type ({@code application/octet-stream} when uncompressed)
 * @param transferSyntaxes the UIDs the frame bytes may be labelled with, the first the label
 */
record PixelFrames(List<List<StoredValue>> frames, String mediaType, List<String> transferSyntaxes) {

    static PixelFrames of(StoredDataset stored) throws IOException {
        Attributes dataset = stored.dataset();
        int index = dataset.indexOf(Tags.PIXEL_DATA);
        if (index < 0) {
            throw HttpError.notFound("instance " + stored.instance().sopUid() + " has no Pixel Data");
        }
        TransferSyntax syntax = stored.file().transferSyntax();
        int count = Math.max(1, dataset.getInt(Tag.NumberOfFrames, 1));
        if (dataset.valueAt(index) instanceof Fragments fragments) {
            return new PixelFrames(encapsulated(stored, fragments, count), PixelMediaTypes.of(syntax),
                    List.of(syntax.uid()));
        }
        StoredValue pixels = stored.littleEndian(dataset.valueAt(index), dataset.vrAt(index));
        long bits = (long) dataset.getInt(Tag.Rows, 0) * dataset.getInt(Tag.Columns, 0)
                * dataset.getInt(Tag.SamplesPerPixel, 1) * dataset.getInt(Tag.BitsAllocated, 16);
        if (bits == 0 || bits % 8 != 0) {
            throw HttpError.notAcceptable("frames of " + bits + " bits are not whole bytes; retrieve the instance");
        }
        long frameLength = bits / 8;
        if (frameLength * count > pixels.length()) {
            throw new HttpError(500, "Pixel Data of " + stored.instance().sopUid() + " is shorter than its "
                    + count + " frames");
        }
        List<List<StoredValue>> frames = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            frames.add(List.of(pixels.slice(n * frameLength, frameLength)));
        }
        // The bytes are little endian and not encapsulated: Explicit VR Little Endian pixel data.
        return new PixelFrames(frames, PixelMediaTypes.OCTET_STREAM,
                List.of(UID.ExplicitVRLittleEndian, syntax.uid(), UID.ImplicitVRLittleEndian));
    }

    private static List<List<StoredValue>> encapsulated(StoredDataset stored, Fragments fragments, int count)
            throws IOException {
        List<StoredValue> items = new ArrayList<>();
        for (int i = 1; i < fragments.size(); i++) {
            items.add(StoredValue.of(fragments.get(i), stored.blobs(), stored.instance().fileKey()));
        }
        if (count == 1) {
            return List.of(items);
        }
        if (items.size() == count) {
            return items.stream().map(List::of).toList();
        }
        StoredValue table = StoredValue.of(fragments.get(0), stored.blobs(), stored.instance().fileKey());
        if (table.length() < 4L * count) {
            throw HttpError.notAcceptable("the frames of " + stored.instance().sopUid()
                    + " cannot be told apart (no Basic Offset Table); retrieve the instance");
        }
        ByteBuffer offsets = ByteBuffer.wrap(table.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        List<List<StoredValue>> frames = new ArrayList<>(count);
        long position = 0;
        int item = 0;
        for (int n = 0; n < count; n++) {
            long end = n + 1 < count ? Integer.toUnsignedLong(offsets.getInt((n + 1) * 4)) : Long.MAX_VALUE;
            List<StoredValue> frame = new ArrayList<>();
            while (item < items.size() && position < end) {
                frame.add(items.get(item));
                position += 8 + items.get(item).length();
                item++;
            }
            frames.add(frame);
        }
        return frames;
    }

    int count() {
        return frames.size();
    }

    /** The bytes of frame {@code number} (1-based). */
    List<StoredValue> frame(int number) {
        return frames.get(number - 1);
    }

    static long length(List<StoredValue> parts) {
        return parts.stream().mapToLong(StoredValue::length).sum();
    }
}
