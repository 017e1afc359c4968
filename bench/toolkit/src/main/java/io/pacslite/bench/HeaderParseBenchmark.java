package io.pacslite.bench;

import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Parse of the generated CT instance up to Pixel Data, the work an archive does for every
 * stored instance: once from bytes in memory, once from the file (adds open, stat and read).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class HeaderParseBenchmark {

    private Path file;
    private byte[] bytes;

    /** Reads the generated instance (see {@link Prepare#directory()}). */
    @Setup
    public void prepare() throws IOException {
        file = Prepare.directory().resolve(Prepare.CT_FILE);
        bytes = Files.readAllBytes(file);
    }

    /** Parse from memory: the parser alone. */
    @Benchmark
    public DicomFile headerParseCtFromBytes() throws IOException {
        return new DicomReader(new ByteArrayInputStream(bytes)).stopBeforePixelData().readFile();
    }

    /** Parse from the file, as the archive reads a stored instance. */
    @Benchmark
    public DicomFile headerParseCtFromFile() throws IOException {
        try (DicomReader reader = DicomReader.open(file).stopBeforePixelData()) {
            return reader.readFile();
        }
    }
}
