package io.pacslite.archive.imports;

import java.io.IOException;

/**
 * Why an input of an import stopped being read: a ZIP archive refused (zip bomb, unsafe member
 * name, nested too deep), truncated or damaged, or an input that broke off. The message is the
 * reason the import reports; members stored before it stay stored.
 */
final class ImportException extends IOException {

    ImportException(String reason) {
        super(reason);
    }

    ImportException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
