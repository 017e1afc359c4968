package io.pacslite.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pacslite generate DIR}: writes synthetic CT studies as Part 10 files, for trials and benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write synthetic CT instances (Part 10 files) for trials and benchmarks.")
final class GenerateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder to write into (created if needed).")
    private Path dir;

    @Option(names = "--studies", defaultValue = "1", description = "Number of studies (one patient each). Default: ${DEFAULT-VALUE}.")
    private int studies;

    @Option(names = "--series", defaultValue = "1", description = "Series per study. Default: ${DEFAULT-VALUE}.")
    private int series;

    @Option(names = "--instances", defaultValue = "100", description = "Instances per series. Default: ${DEFAULT-VALUE}.")
    private int instances;

    @Option(names = "--size", defaultValue = "512", description = "Rows and columns (16-bit pixels). Default: ${DEFAULT-VALUE}.")
    private int size;

    @Option(names = "--seed", defaultValue = "1", description = "Different seeds give different UIDs. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Override
    public Integer call() throws Exception {
        SyntheticStudies generator = new SyntheticStudies(seed);
        long written = 0;
        for (int study = 0; study < studies; study++) {
            for (int s = 0; s < series; s++) {
                for (int i = 0; i < instances; i++) {
                    Path file = dir.resolve(String.format("study%04d/series%03d/%05d.dcm", study + 1, s + 1, i + 1));
                    generator.write(file, study, s, i, size);
                    written++;
                }
            }
        }
        System.out.printf("wrote %,d instances (%d x %d, 16-bit) to %s%n", written, size, size, dir);
        return 0;
    }
}
