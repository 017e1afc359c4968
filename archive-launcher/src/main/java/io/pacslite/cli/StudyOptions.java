package io.pacslite.cli;

import io.pacslite.dicom.data.UIDs;
import picocli.CommandLine.Option;

/** The study, and optionally the one series of it, that {@code pacslite export} and {@code send} act on. */
final class StudyOptions {

    @Option(names = "--study", paramLabel = "UID", required = true, description = "The Study Instance UID.")
    String study;

    @Option(names = "--series", paramLabel = "UID", description = "Only this series of the study.")
    String series;

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
