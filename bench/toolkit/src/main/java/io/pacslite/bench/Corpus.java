package io.pacslite.bench;

import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The pydicom test corpus as installed by Debian's python3-pydicom: the files PACS-lite reads. */
final class Corpus {

    static final Path PYDICOM_DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data");

    private Corpus() {
    }

    /**
     * Every regular file under test_files and charset_files, sorted, that PACS-lite reads
     * without a {@link DicomException} (the rest are not DICOM, or deliberately broken).
     */
    static List<Path> readableFiles() throws IOException {
        try (Stream<Path> files = Stream.of("test_files", "charset_files")
                .map(PYDICOM_DATA::resolve)
                .flatMap(Corpus::walk)) {
            return files.filter(Files::isRegularFile).sorted().filter(Corpus::readable).toList();
        }
    }

    /** Reads the list of files to time, one path a line (written by {@link Prepare} and filtered by pydicom_bench.py). */
    static List<Path> load(Path list) throws IOException {
        return Files.readAllLines(list).stream().filter(line -> !line.isBlank()).map(Path::of).toList();
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean readable(Path file) {
        try (DicomReader reader = DicomReader.open(file)) {
            reader.readFile();
            return true;
        } catch (DicomException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
