package io.pacslite.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.json.DicomJsonWriter;
import io.pacslite.dimse.message.CFindRsp;
import io.pacslite.dimse.message.StatusType;
import io.pacslite.dimse.net.Association;
import io.pacslite.dimse.net.PresentationContexts;
import io.pacslite.dimse.net.QueryRetrieveScu;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.net.Timeouts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pacslite find HOST PORT}: C-FIND (Query/Retrieve SCU, PS3.4 C.4.1) with the keys of
 * {@code -k}, printing the matches as a table (one column per key) or as DICOM JSON (PS3.18
 * F.2, an array of data sets). Exit 0 on Success, 1 on a failure status or when the peer
 * cannot be reached, rejects or aborts, 2 for bad options.
 */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = "Query a DICOM peer with C-FIND and print the matches (a table, or DICOM JSON).")
final class FindCommand extends QueryRetrieveCommand {

    @Option(names = "--json", description = "Print the matches as DICOM JSON (an array) instead of a table.")
    private boolean json;

    @Override
    String name() {
        return "find";
    }

    @Override
    int run(RemoteAe peer, Timeouts timeouts, Attributes identifier) throws IOException {
        String sopClass = query.model().find();
        List<Attributes> matches = new ArrayList<>();
        int[] count = {0};
        CFindRsp last;
        try (Association association = Association.open(peer, scu.callingAeTitle,
                PresentationContexts.forQueryRetrieve(sopClass), List.of(), timeouts, scu.tls());
                JsonOutput out = json ? new JsonOutput(System.out) : null) {
            last = QueryRetrieveScu.find(association, sopClass, identifier, match -> {
                count[0]++;
                if (out != null) {
                    out.write(match);
                } else {
                    matches.add(match);
                }
                return true;
            });
        }
        if (!json) {
            printTable(matches);
        }
        if (last.status().type() != StatusType.SUCCESS) {
            System.err.println("pacslite find: " + peer + " answered " + last.status()
                    + (last.errorComment() == null ? "" : ": " + last.errorComment()));
            return 1;
        }
        System.err.printf("%d match%s%n", count[0], count[0] == 1 ? "" : "es");
        return 0;
    }

    /** One column per key, in the order given, headed by its keyword; values of several parts joined with \. */
    private void printTable(List<Attributes> matches) {
        List<Integer> tags = query.keyTags();
        List<String[]> rows = new ArrayList<>();
        rows.add(tags.stream().map(ElementDictionary::keywordOf).toArray(String[]::new));
        for (Attributes match : matches) {
            rows.add(tags.stream().map(tag -> String.join("\\", match.getStrings(tag))).toArray(String[]::new));
        }
        int[] widths = new int[tags.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        PrintStream out = System.out;
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i]
                        : String.format("%-" + widths[i] + "s", row[i]));
            }
            out.println(line);
        }
    }

    /** Matches written as they come, as one DICOM JSON array. */
    private static final class JsonOutput implements AutoCloseable {

        private final JsonGenerator generator;
        private final DicomJsonWriter writer;

        JsonOutput(OutputStream target) throws IOException {
            generator = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .createGenerator(target, JsonEncoding.UTF8).useDefaultPrettyPrinter();
            writer = DicomJsonWriter.inline(generator);
            generator.writeStartArray();
        }

        void write(Attributes match) {
            try {
                writer.write(match);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            generator.writeEndArray();
            generator.writeRaw('\n');
            generator.close();
        }
    }
}
