package io.pacslite.archive.imports;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A DICOMDIR (PS3.10 8.6, the Basic Directory IOD of PS3.3 F.3): the index of the files on
 * media such as a CD. What an import uses of it: each directory record's Referenced File ID
 * (0004,1500), the file's path relative to the DICOMDIR's folder as up to eight CS values, and
 * its Referenced SOP Instance UID in File (0004,1511), to report files it lists that are
 * missing and instances that are not the ones it names. A DICOMDIR is not an instance: it is
 * never stored (its SOP Class, Media Storage Directory Storage, is a File Meta value only).
 */
final class DicomDirectory {

    private static final byte[] DIRECTORY_UID = UID.MediaStorageDirectoryStorage.getBytes(StandardCharsets.US_ASCII);

    /** One file the directory lists. */
    record Reference(String fileId, String sopInstanceUID) {
    }

    private DicomDirectory() {
    }

    /**
     * Whether a DICOM file starting with {@code head} (its first {@code length} bytes) is a
     * DICOMDIR: its File Meta says Media Storage Directory Storage, or (without File Meta) its
     * data set starts in group 0004, the directory's group.
     */
    static boolean isDirectory(byte[] head, int length) {
        boolean partTen = length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        if (!partTen) {
            return length >= 2 && ((head[0] & 0xFF) | (head[1] & 0xFF) << 8) == 0x0004;
        }
        if (!contains(head, Math.min(length, 4096), DIRECTORY_UID)) {
            return false;
        }
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(head, 0, length)).stopBefore(tag -> true)) {
            String sopClass = reader.readFile().fileMeta().getString(Tag.MediaStorageSOPClassUID);
            return UID.MediaStorageDirectoryStorage.equals(sopClass);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The files a DICOMDIR read from {@code in} lists, in record order. */
    static List<Reference> references(InputStream in) throws IOException {
        DicomFile file = new DicomReader(in).readFile();
        List<Reference> references = new ArrayList<>();
        collect(file.dataset().getSequence(Tag.DirectoryRecordSequence), references);
        return references;
    }

    private static void collect(Sequence records, List<Reference> references) {
        if (records == null) {
            return;
        }
        for (Attributes record : records) {
            String[] fileId = record.getStrings(Tag.ReferencedFileID);
            if (fileId != null && fileId.length > 0) {
                List<String> parts = new ArrayList<>();
                for (String part : fileId) {
                    if (part != null && !part.isBlank()) {
                        parts.add(part.strip());
                    }
                }
                if (!parts.isEmpty()) {
                    String sop = record.getString(Tag.ReferencedSOPInstanceUIDInFile);
                    references.add(new Reference(String.join("/", parts), sop == null || sop.isBlank() ? null : sop.strip()));
                }
            }
        }
    }

    private static boolean contains(byte[] bytes, int length, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
