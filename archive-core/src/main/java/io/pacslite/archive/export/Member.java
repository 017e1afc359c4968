package io.pacslite.archive.export;

import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.store.FileSystemBlobStore;
import io.pacslite.dicom.transcode.Transcoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;

/**
 * One instance of an {@link Export}: the stored file, or the file transcoded, under a name.
 *
 * @param instance the indexed instance
 * @param name its relative path in the export, {@code /}-separated: a DICOMDIR File ID
 *     ({@code DICOM/PAT00001/...}) or {@code <study>/<series>/<sop>.dcm}
 * @param transferSyntaxUid the transfer syntax it is exported in
 * @param transcoder what writes it in that syntax, or null to copy the stored bytes
 */
public record Member(StoredInstance instance, String name, String transferSyntaxUid, Transcoder transcoder) {

    /** Whether the stored bytes are exported as they are. */
    public boolean asStored() {
        return transcoder == null;
    }

    /** Writes the member's Part 10 file: the stored bytes, or the transcoded data set. */
    public void write(FileSystemBlobStore blobs, OutputStream out) throws IOException {
        if (transcoder == null) {
            Files.copy(blobs.pathOf(instance.fileKey()), out);
        } else {
            transcoder.write(out, true);
        }
    }
}
