package io.pacslite.cli;

import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the retrieve tests compare of a Part 10 file: its data set bytes and its SOP Instance UID. */
final class DicomFiles {

    private DicomFiles() {
    }

    /** The bytes of a Part 10 file's data set: everything after its File Meta Information. */
    static byte[] datasetBytes(Path file) throws IOException {
        long start;
        try (DicomReader reader = DicomReader.open(file)) {
            reader.readFile();
            start = reader.datasetStart();
        }
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) start, all.length);
    }

    /** The SOP Instance UID of the data set. */
    static String sopInstanceUid(Path file) {
        try (DicomReader reader = DicomReader.open(file)) {
            return reader.readFile().dataset().getString(Tag.SOPInstanceUID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
