package io.pacslite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the inputs both toolkits are timed on into one folder: {@code ct.dcm} (the generated
 * CT instance) and {@code corpus.txt} (the corpus files PACS-lite reads, one path a line).
 * Usage: {@code java -cp target/benchmarks.jar io.pacslite.bench.Prepare DIR}.
 */
public final class Prepare {

    static final String CT_FILE = "ct.dcm";
    static final String CORPUS_LIST = "corpus.txt";
    /** The corpus list narrowed to the files pydicom reads too; the benchmarks prefer it when present. */
    static final String COMMON_CORPUS_LIST = "corpus-common.txt";
    /** The system property naming the folder; without it each benchmark prepares a temporary one. */
    static final String DIRECTORY_PROPERTY = "toolkit.bench.dir";

    private Prepare() {
    }

    /** Writes the inputs into the folder given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Prepare DIR");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        long size = CtInstance.write(directory.resolve(CT_FILE));
        List<Path> corpus = Corpus.readableFiles();
        Files.write(directory.resolve(CORPUS_LIST), corpus.stream().map(Path::toString).toList());
        System.out.printf("%s: %d bytes; %s: %d files%n", CT_FILE, size, CORPUS_LIST, corpus.size());
    }

    /** The folder named by {@value #DIRECTORY_PROPERTY}, or a new temporary one with fresh inputs. */
    static Path directory() throws IOException {
        String named = System.getProperty(DIRECTORY_PROPERTY);
        if (named != null) {
            return Path.of(named);
        }
        Path directory = Files.createTempDirectory("toolkit-bench");
        main(new String[] {directory.toString()});
        return directory;
    }

    /** The corpus files to time: the common list when pydicom_bench.py wrote one, else all PACS-lite reads. */
    static List<Path> corpus(Path directory) throws IOException {
        Path common = directory.resolve(COMMON_CORPUS_LIST);
        return Corpus.load(Files.exists(common) ? common : directory.resolve(CORPUS_LIST));
    }
}
