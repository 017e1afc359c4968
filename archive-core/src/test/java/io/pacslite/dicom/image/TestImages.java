package io.pacslite.dicom.image;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Secondary Capture images made by the tests, with pseudo-random pixels, written by our own writer. */
final class TestImages {

    private TestImages() {
    }

    /** An image's data set with Pixel Data of random bits (a fixed seed), in little endian order. */
    static Attributes image(String photometric, int rows, int columns, int samplesPerPixel, int bitsAllocated,
            int bitsStored, int pixelRepresentation, int planarConfiguration, int frames) {
        Attributes dataset = new Attributes();
        dataset.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        dataset.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1" + rows + columns + bitsAllocated + frames);
        dataset.setInts(Tag.SamplesPerPixel, VR.US, samplesPerPixel);
        dataset.setString(Tag.PhotometricInterpretation, VR.CS, photometric);
        if (samplesPerPixel > 1) {
            dataset.setInts(Tag.PlanarConfiguration, VR.US, planarConfiguration);
        }
        if (frames > 1) {
            dataset.setInts(Tag.NumberOfFrames, VR.IS, frames);
        }
        dataset.setInts(Tag.Rows, VR.US, rows);
        dataset.setInts(Tag.Columns, VR.US, columns);
        dataset.setInts(Tag.BitsAllocated, VR.US, bitsAllocated);
        dataset.setInts(Tag.BitsStored, VR.US, bitsStored);
        dataset.setInts(Tag.HighBit, VR.US, bitsStored - 1);
        dataset.setInts(Tag.PixelRepresentation, VR.US, pixelRepresentation);
        long bits = (long) rows * columns * samplesPerPixel * bitsAllocated * frames;
        byte[] pixels = new byte[(int) ((bits + 15) / 16 * 2)];
        new Random(rows * 31L + columns).nextBytes(pixels);
        if (bitsAllocated == 16) {
            clearUnstoredBits(pixels, bitsStored, pixelRepresentation == 1);
        }
        dataset.set(Tag.PixelData, bitsAllocated <= 8 ? VR.OB : VR.OW, pixels);
        return dataset;
    }

    /**
     * Makes each little endian 16-bit container hold a valid value of {@code bitsStored} bits:
     * zeros above it, or copies of the sign bit when signed, as modalities write them.
     */
    private static void clearUnstoredBits(byte[] pixels, int bitsStored, boolean signed) {
        int unused = 32 - bitsStored;
        for (int i = 0; i + 1 < pixels.length; i += 2) {
            int value = (pixels[i] & 0xFF | (pixels[i + 1] & 0xFF) << 8) << unused;
            value = signed ? value >> unused : value >>> unused;
            pixels[i + 1] = (byte) (value >> 8);
        }
    }

    /**
     * Sets a lookup table (PS3.3 C.11.1.1.1, C.7.6.3.1.5): its descriptor (US) and its data
     * (OW, little endian), 16-bit words, or single bytes when {@code packedBytes}.
     */
    static void lookupTable(Attributes target, int descriptorTag, int dataTag, int firstMapped, int bits, int[] entries,
            boolean packedBytes) {
        target.setInts(descriptorTag, VR.US, entries.length == 65536 ? 0 : entries.length, firstMapped, bits);
        int width = packedBytes ? 1 : 2;
        byte[] data = new byte[(entries.length * width + 1) & ~1];
        for (int i = 0; i < entries.length; i++) {
            data[width * i] = (byte) entries[i];
            if (!packedBytes) {
                data[width * i + 1] = (byte) (entries[i] >> 8);
            }
        }
        target.set(dataTag, VR.OW, data);
    }

    /** Writes a data set as a Part 10 file in {@code transferSyntax} (native ones only). */
    static Path write(Attributes dataset, TransferSyntax transferSyntax, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(null, DicomWriter.createFileMeta(dataset.getString(Tag.SOPClassUID),
                    dataset.getString(Tag.SOPInstanceUID), transferSyntax.uid()), dataset);
        }
        return file;
    }

    /**
     * A native image to compress: a file of pydicom's corpus by name ("CT_small.dcm"), or a
     * generated one written to {@code dir}: "mono" or "signed" grey, or "rgb", and Bits Stored
     * ("mono12", "signed16", "rgb8").
     */
    static Path source(String image, Path dir) throws IOException {
        if (image.endsWith(".dcm")) {
            return corpus(image);
        }
        Attributes dataset = switch (image) {
            case "mono8" -> image("MONOCHROME2", 33, 17, 1, 8, 8, 0, 0, 2);
            case "mono12" -> image("MONOCHROME2", 20, 31, 1, 16, 12, 0, 0, 1);
            case "signed12" -> image("MONOCHROME2", 19, 23, 1, 16, 12, 1, 0, 1);
            case "mono16" -> image("MONOCHROME2", 16, 16, 1, 16, 16, 0, 0, 1);
            case "signed16" -> image("MONOCHROME2", 12, 21, 1, 16, 16, 1, 0, 1);
            case "rgb8" -> image("RGB", 13, 11, 3, 8, 8, 0, 0, 1);
            case "rgb12" -> image("RGB", 21, 19, 3, 16, 12, 0, 0, 1);
            case "rgb16" -> image("RGB", 9, 14, 3, 16, 16, 0, 0, 1);
            case "mono2" -> image("MONOCHROME2", 15, 9, 1, 8, 2, 0, 0, 1);
            case "mono5" -> image("MONOCHROME2", 14, 10, 1, 8, 5, 0, 0, 1);
            case "mono9" -> image("MONOCHROME2", 13, 11, 1, 16, 9, 0, 0, 1);
            case "mono15" -> image("MONOCHROME2", 12, 12, 1, 16, 15, 0, 0, 1);
            default -> throw new IllegalArgumentException(image);
        };
        return write(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, dir.resolve(image + ".dcm"));
    }

    /** A file of pydicom's corpus. */
    static Path corpus(String name) {
        return TestPeers.pydicomData().resolve("test_files").resolve(name);
    }

    /** A whole file, Pixel Data loaded. */
    static DicomFile read(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)) {
            return reader.readFile();
        }
    }
}
