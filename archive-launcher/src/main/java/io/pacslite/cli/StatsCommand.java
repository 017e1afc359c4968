package io.pacslite.cli;

import io.pacslite.archive.Archive;
import io.pacslite.archive.index.Index;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacslite stats}: how much the archive holds. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Count patients, studies, series, instances and bytes.")
final class StatsCommand implements Callable<Integer> {

    @Mixin
    private ArchiveOptions archive;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        Index.Stats stats;
        try (Archive opened = archive.open()) {
            stats = opened.index().stats();
        }
        if (json) {
            System.out.printf("{\"patients\": %d, \"studies\": %d, \"series\": %d, \"instances\": %d, \"bytes\": %d}%n",
                    stats.patients(), stats.studies(), stats.series(), stats.instances(), stats.bytes());
        } else {
            System.out.printf("patients   %,d%nstudies    %,d%nseries     %,d%ninstances  %,d%nbytes      %,d (%s)%n",
                    stats.patients(), stats.studies(), stats.series(), stats.instances(), stats.bytes(),
                    Sizes.human(stats.bytes()));
        }
        return 0;
    }
}
