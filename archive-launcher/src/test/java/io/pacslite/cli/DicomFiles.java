package io.pacslite.cli;

import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** What the retrieve tests read of a received Part 10 file: its SOP Instance UID. */
final class DicomFiles {

    private DicomFiles() {
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
