package io.pacslite.archive;

import static io.pacslite.testing.SyntheticInstances.ct;
import static io.pacslite.testing.SyntheticInstances.uid;

import io.pacslite.archive.ingest.DuplicatePolicy;
import io.pacslite.archive.ingest.StoreContext;
import io.pacslite.archive.ingest.StoreResult;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link CrashRecoveryTest} kills: stores instances in a loop and prints "OK uid"
 * for every store acknowledged, until it is killed.
 *
 * <p>Arguments: archive root, round number (makes its UIDs unique), and optionally the
 * checkpoint interval in milliseconds (default 50).
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String round = args[1];
        long checkpointMillis = args.length > 2 ? Long.parseLong(args[2]) : 50;
        ArchiveConfig config = new ArchiveConfig(DuplicatePolicy.KEEP_FIRST, 1L << 30, true,
                Duration.ofMillis(checkpointMillis));
        try (Archive archive = Archive.open(root, config)) {
            System.out.println("READY");
            System.out.flush();
            for (int i = 0; ; i++) {
                byte[] instance = instance(round, i);
                StoreResult result = archive.store(new ByteArrayInputStream(instance),
                        StoreContext.dataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "CRASHTEST", "127.0.0.1"));
                if (result.isStored()) {
                    System.out.println("OK " + round + " " + i);
                    System.out.flush();
                }
            }
        }
    }

    /** The data set stored as instance {@code i} of {@code round}: three series in one study per round. */
    static byte[] instance(String round, int i) {
        return SyntheticInstances.dataset(
                ct("CRASH" + round, uid("9", round), uid("9", round, Integer.toString(i % 3)),
                        uid("9", round, Integer.toString(i % 3), Integer.toString(i)), 32, i),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    static String sopUID(String round, int i) {
        return uid("9", round, Integer.toString(i % 3), Integer.toString(i));
    }
}
