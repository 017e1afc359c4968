package io.pacslite.cli;

import io.pacslite.cli.config.ConfigException;
import io.pacslite.cli.config.Configuration;
import io.pacslite.dicom.data.UIDs;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code pacslite export} and {@code send} act on: a study, or one series of it, of the
 * archive the configuration names, read from the archive or from the server that holds it
 * ({@link StudySource}).
 */
final class StudyOptions {

    @Mixin
    private ArchiveOptions archive;

    @Mixin
    private ServerOption serverOption;

    @Option(names = "--study", paramLabel = "UID", required = true, description = "The Study Instance UID.")
    String study;

    @Option(names = "--series", paramLabel = "UID", description = "Only this series of the study.")
    String series;

    /** The effective configuration (docs/configuration.md). */
    Configuration configuration() throws ConfigException {
        return archive.configuration(new GivenFlags());
    }

    /** The archive of {@code config}, opened, or the server that holds it: see {@link StudySource#open}. */
    StudySource open(Configuration config) throws IOException {
        return StudySource.open(config, serverOption);
    }

    /** What is wrong with the UIDs given (PS3.5 9.1), or null. */
    String problem() {
        return problem("--study", study) != null ? problem("--study", study) : problem("--series", series);
    }

    /** What is wrong with option {@code name}'s UID {@code uid}, or null (also for no UID). */
    static String problem(String name, String uid) {
        return uid == null || UIDs.isValid(uid) ? null : name + " " + uid + " is not a UID: " + UIDs.problemWith(uid);
    }

    /** "study UID", or "series UID" when one series is asked for. */
    String describe() {
        return series == null ? "study " + study : "series " + series;
    }
}
