package io.pacslite.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The archive's lock is held by another process (most often {@code pacslite serve}): only one
 * process at a time may open an archive, since H2 in file mode allows one.
 */
public final class ArchiveInUseException extends IOException {

    ArchiveInUseException(Path root) {
        super("the archive at " + root + " is in use by another process");
    }
}
