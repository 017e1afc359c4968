package io.pacslite.testing;

import io.pacslite.dicom.io.DicomReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What tests compare of a Part 10 file when the File Meta may differ: its data set bytes. */
public final class PartTenFiles {

    private PartTenFiles() {
    }

    /** The bytes of a Part 10 file's data set: everything after its File Meta Information (PS3.10 7.1). */
    public static byte[] datasetBytes(byte[] file) throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file)).stopBefore(tag -> true)) {
            reader.readFile();
            return Arrays.copyOfRange(file, (int) reader.datasetStart(), file.length);
        }
    }

    /** {@link #datasetBytes(byte[])} of the file at {@code file}. */
    public static byte[] datasetBytes(Path file) throws IOException {
        return datasetBytes(Files.readAllBytes(file));
    }
}
