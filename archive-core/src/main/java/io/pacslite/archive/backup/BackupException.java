package io.pacslite.archive.backup;

import java.io.IOException;

/** A backup or restore refused: the target is not empty, or the backup is incomplete or damaged. */
public final class BackupException extends IOException {

    BackupException(String reason) {
        super(reason);
    }
}
