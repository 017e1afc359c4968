package io.pacslite.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.json.DicomJsonWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One pass over the pydicom corpus: read each file whole (bulk data loaded) and write it as
 * DICOM JSON (PS3.18 F.2) with every binary value inline, to a generator that discards the
 * text. The score is per pass; the run script divides by the file count for the per-file mean.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CorpusParseAndJsonBenchmark {

    private List<Path> files;
    private JsonGenerator json;
    private DicomJsonWriter writer;

    /** Loads the corpus list and opens one generator for the whole trial. */
    @Setup
    public void prepare() throws IOException {
        files = Prepare.corpus(Prepare.directory());
        json = new JsonFactory().createGenerator(OutputStream.nullOutputStream());
        writer = DicomJsonWriter.inline(json);
        System.out.printf("%n%d corpus files%n", files.size());
    }

    /** Closes the generator. */
    @TearDown
    public void close() throws IOException {
        json.close();
    }

    /** One pass; returns the number of top-level elements read so the work is not eliminated. */
    @Benchmark
    public int corpusParseAndJson() throws IOException {
        int elements = 0;
        for (Path file : files) {
            try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.LOAD, 0)) {
                DicomFile dicom = reader.readFile();
                writer.write(dicom.dataset());
                elements += dicom.dataset().size();
            }
        }
        json.flush();
        return elements;
    }
}
