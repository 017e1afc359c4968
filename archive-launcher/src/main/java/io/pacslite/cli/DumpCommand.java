package io.pacslite.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.dicom.dump.DumpWriter;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.json.DicomJsonWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite dump}: prints DICOM files as text like dcmdump, or as DICOM JSON
 * (PS3.18 Annex F). Exit status 2 if any file could not be read, with one line per such
 * file naming it, the byte offset and the reason.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print DICOM files as text (like dcmdump) or as DICOM JSON.")
final class DumpCommand implements Callable<Integer> {

    /** Binary values up to this size are shown inline in JSON; larger ones as BulkDataURI. */
    private static final int INLINE_THRESHOLD = 1024;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM files (Part 10, or a bare data set).")
    private List<Path> files;

    @Option(names = "--json", description = "Print DICOM JSON (PS3.18 Annex F) instead of text.")
    private boolean json;

    @Option(names = "--inline", description = "With --json: every binary value as InlineBinary, none as BulkDataURI.")
    private boolean inline;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        boolean failed = false;
        JsonGenerator generator = null;
        if (json) {
            generator = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8).useDefaultPrettyPrinter();
            if (files.size() > 1) {
                generator.writeStartArray();
            }
        }
        for (Path file : files) {
            try {
                DicomFile dicom = read(file);
                if (generator != null) {
                    writeJson(generator, dicom);
                } else {
                    writeText(out, file, dicom);
                }
            } catch (DicomException e) {
                failed = true;
                System.err.println("pacslite dump: " + file + ": " + e.getMessage());
            } catch (IOException e) {
                failed = true;
                System.err.println("pacslite dump: " + file + ": cannot read: " + e.getMessage());
            }
        }
        if (generator != null) {
            if (files.size() > 1) {
                generator.writeEndArray();
            }
            generator.writeRaw('\n');
            generator.close();
        }
        out.flush();
        return failed ? PacsLite.EXIT_BAD_INPUT : 0;
    }

    private DicomFile read(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)) {
            if (json && !inline) {
                reader.bulkData(BulkDataPolicy.REFERENCE, INLINE_THRESHOLD);
            }
            return reader.readFile();
        }
    }

    private static void writeJson(JsonGenerator generator, DicomFile dicom) throws IOException {
        DicomJsonWriter.inline(generator).write(dicom.dataset());
        generator.flush();
    }

    private static void writeText(PrintWriter out, Path file, DicomFile dicom) {
        DumpWriter dump = new DumpWriter(out);
        out.println("# " + file);
        if (!dicom.fileMeta().isEmpty()) {
            out.println("# File Meta Information");
            dump.write(dicom.fileMeta(), 0);
        }
        out.println("# Data Set, transfer syntax " + dicom.transferSyntax().uid());
        dump.write(dicom.dataset(), 0);
        out.flush();
    }
}
