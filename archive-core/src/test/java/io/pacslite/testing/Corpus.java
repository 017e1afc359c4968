package io.pacslite.testing;

import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The DICOM files of pydicom's test corpus (Debian's python3-pydicom), as the tests use them. */
public final class Corpus {

    private Corpus() {
    }

    /** Every regular file under test_files (recursively) and charset_files, sorted. */
    public static List<Path> allFiles() {
        Path data = TestPeers.pydicomData();
        try (Stream<Path> testFiles = Files.walk(data.resolve("test_files"));
                Stream<Path> charsetFiles = Files.walk(data.resolve("charset_files"))) {
            return Stream.concat(testFiles, charsetFiles).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files our reader reads completely, with what it read. */
    public static List<Readable> readableFiles() {
        return allFiles().stream().map(Corpus::tryRead).filter(r -> r != null).toList();
    }

    /** A corpus file and its content. */
    public record Readable(Path path, DicomFile dicom) {
        @Override
        public String toString() {
            return path.getFileName().toString();
        }
    }

    private static Readable tryRead(Path path) {
        try (DicomReader reader = DicomReader.open(path)) {
            return new Readable(path, reader.readFile());
        } catch (DicomException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
