package io.pacslite.dicomweb.server;

import io.pacslite.archive.Archive;

/** What every service works with: the archive, the settings and the metrics. */
public record DicomWebContext(Archive archive, DicomWebConfig config, Metrics metrics) {
}
