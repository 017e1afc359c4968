package io.pacslite.archive.export;

import io.pacslite.archive.index.Index;
import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.index.StoredMetadata;
import io.pacslite.archive.store.FileSystemBlobStore;
import io.pacslite.dicom.fileset.DicomDir;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.transcode.Transcoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What exporting a study or series gives, decided before a byte is written (so that a caller
 * can refuse first): its instances' files, each named, in the stored transfer syntax or
 * transcoded into one asked for ({@link Transcoder}), and optionally a DICOMDIR (PS3.10 8) that
 * indexes them, whose File IDs are then the files' names. The DICOMDIR's keys come from the
 * metadata the index holds (DESIGN principle 4): no file is opened to plan an export that
 * keeps the stored bytes. {@link ZipExport} and {@link FolderExport} write it out.
 *
 * @param members the instances, in the index's order (series, then instance number)
 * @param dicomdir the DICOMDIR file's bytes, or null if none was asked for
 */
public record Export(List<Member> members, byte[] dicomdir) {

    /** The name of the DICOMDIR in an export (PS3.10 8.6: the File ID "DICOMDIR" at the File-set's root). */
    public static final String DICOMDIR = "DICOMDIR";
    /** The File-set ID written in an export's DICOMDIR. */
    private static final String FILE_SET_ID = "PACSLITE";
    /** Values larger than this stay in the stored file until they are transcoded. */
    private static final int BULK_DATA_THRESHOLD = 64 * 1024;

    /**
     * Plans the export of a study, or of one of its series.
     *
     * @param seriesUid the series, or null for the whole study
     * @param withDicomdir whether to add a DICOMDIR and name the files by its File IDs
     * @param transferSyntaxUid the syntax to write every instance in, or null for the stored ones
     * @throws ExportException NOT_FOUND if nothing is indexed there, NOT_TRANSCODABLE naming an
     *     instance that cannot be written in {@code transferSyntaxUid}
     * @throws IOException if a file to transcode cannot be read
     */
    public static Export of(Index index, FileSystemBlobStore blobs, String studyUid, String seriesUid,
            boolean withDicomdir, String transferSyntaxUid) throws ExportException, IOException {
        List<StoredMetadata> stored = index.metadata(studyUid, seriesUid, null);
        if (stored.isEmpty()) {
            throw new ExportException(ExportException.Reason.NOT_FOUND, seriesUid == null ? "no such study: "
                    + studyUid : "no such series: " + seriesUid + " in study " + studyUid);
        }
        DicomDir dicomdir = withDicomdir ? new DicomDir(FILE_SET_ID) : null;
        List<Member> members = new ArrayList<>(stored.size());
        for (StoredMetadata metadata : stored) {
            StoredInstance instance = metadata.instance();
            Transcoder transcoder = transcoder(blobs, instance, transferSyntaxUid);
            String syntax = transcoder == null ? instance.transferSyntaxUid() : transcoder.target();
            String name = dicomdir != null ? dicomdir.add(metadata.dataset(), syntax).path()
                    : instance.studyUid() + "/" + instance.seriesUid() + "/" + instance.sopUid() + ".dcm";
            members.add(new Member(instance, name, syntax, transcoder));
        }
        return new Export(List.copyOf(members), dicomdir == null ? null : dicomdir.toBytes());
    }

    /** What writes {@code instance} in {@code target}, or null when its stored bytes will do. */
    private static Transcoder transcoder(FileSystemBlobStore blobs, StoredInstance instance, String target)
            throws ExportException, IOException {
        if (target == null || target.equals(instance.transferSyntaxUid())) {
            return null;
        }
        DicomFile file;
        try (DicomReader reader = DicomReader.open(blobs.pathOf(instance.fileKey()))
                .bulkData(BulkDataPolicy.REFERENCE, BULK_DATA_THRESHOLD)) {
            file = reader.readFile();
        }
        try {
            return Transcoder.check(file, target);
        } catch (DicomException e) {
            throw new ExportException(ExportException.Reason.NOT_TRANSCODABLE, "instance " + instance.sopUid()
                    + " cannot be exported in " + target + ": " + e.getMessage());
        }
    }
}
