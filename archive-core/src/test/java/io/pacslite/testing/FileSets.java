package io.pacslite.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads a File-set's DICOMDIR with independent implementations: pydicom and dicom3tools. */
public final class FileSets {

    /**
     * For every instance pydicom's {@code FileSet} finds through the DICOMDIR: the SOP Instance
     * UID of its record, the one in the file it loads from the record's File ID, and that
     * File ID as a path, separated by spaces, one line each.
     */
    private static final String LIST_INSTANCES = """
            import sys
            from pydicom import dcmread
            from pydicom.fileset import FileSet
            fs = FileSet(dcmread(sys.argv[1]))
            for instance in fs:
                loaded = instance.load()
                print(instance.SOPInstanceUID, loaded.SOPInstanceUID, '/'.join(instance.ReferencedFileID))
            """;

    private FileSets() {
    }

    /** One instance pydicom found: the UIDs of its record and of its file, and its File ID. */
    public record Found(String recordSopUid, String fileSopUid, String fileId) {
    }

    /** The instances pydicom's FileSet finds through {@code dicomdir}, each loaded from its file. */
    public static List<Found> pydicomInstances(Path dicomdir) throws IOException {
        TestPeers.requirePydicom();
        TestPeers.Result result = TestPeers.run(List.of(TestPeers.PYTHON, "-c", LIST_INSTANCES, dicomdir.toString()),
                null);
        if (result.exitCode() != 0) {
            throw new AssertionError("pydicom could not read " + dicomdir + ": " + result.stderr());
        }
        return result.stdout().lines().map(line -> line.split(" "))
                .map(fields -> new Found(fields[0], fields[1], fields[2])).toList();
    }

    /**
     * dciodvfy's verdict on {@code file}, line by line: the IOD it recognised first
     * ({@code BasicDirectory} for a DICOMDIR), then a line per error or warning.
     */
    public static List<String> dciodvfy(Path file) throws IOException {
        TestPeers.require("dciodvfy");
        TestPeers.Result result = TestPeers.run(List.of("dciodvfy", file.toString()), null);
        return Arrays.stream((result.stdout() + result.stderr()).split("\n")).filter(line -> !line.isBlank()).toList();
    }
}
