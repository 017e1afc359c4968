package io.pacslite.dicom.fileset;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.UIDs;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedCollection;

/**
 * A DICOMDIR: the Media Storage Directory of a File-set (PS3.10 8.6; Basic Directory IOD,
 * PS3.3 Annex F; SOP Class 1.2.840.10008.1.3.10), built from the instances {@link #add added}
 * to it, which it also gives their File IDs.
 *
 * <p>The records form the hierarchy of PS3.3 F.4: a PATIENT record per Patient ID, under it a
 * STUDY record per Study Instance UID, a SERIES record per Series Instance UID, and a record
 * per instance ({@link RecordType}: IMAGE, SR DOCUMENT, KEY OBJECT DOC or ENCAP DOC) that
 * references its file. File IDs follow the hierarchy, each component eight characters
 * (PS3.10 8.5): {@code DICOM/PAT00001/STU00001/SER00001/IMG00001}; at most 99,999 entries
 * per level.
 *
 * <p>The file is Explicit VR Little Endian with defined lengths throughout, so that the record
 * offsets (PS3.3 F.3.2.1: Offset of the Next Directory Record, of the Referenced Lower-Level
 * Directory Entity, of the First and Last Directory Records of the Root Directory Entity) can
 * be computed before writing: each is the byte position, from the start of the file, of the
 * Item tag of the record it points to, 0 for none. Records are laid out depth first, each
 * followed by its lower-level records.
 */
public final class DicomDir {

    /** The root component of every File ID. */
    static final String ROOT = "DICOM";
    private static final int MAX_PER_LEVEL = 99_999;
    private static final TransferSyntax SYNTAX = TransferSyntax.of(UID.ExplicitVRLittleEndian);
    /** Item tag and length: the bytes before a record's elements. */
    private static final int ITEM_HEADER = 8;

    private final String fileSetId;
    private final LinkedHashMap<String, Node> patients = new LinkedHashMap<>();
    private int instances;

    /**
     * An empty directory.
     *
     * @param fileSetId the File-set ID (0004,1130): up to 16 of A-Z, 0-9, space and _, or empty
     */
    public DicomDir(String fileSetId) {
        if (!fileSetId.matches("[A-Z0-9_ ]{0,16}")) {
            throw new IllegalArgumentException("File-set ID \"" + fileSetId + "\" is not up to 16 of A-Z, 0-9,"
                    + " space and _ (PS3.10 8.4)");
        }
        this.fileSetId = fileSetId;
    }

    /**
     * Adds an instance: its records (PATIENT, STUDY, SERIES when new, and its own) with their
     * keys copied from {@code instance}, which needs at least its SOP Class and Instance UIDs,
     * Study and Series Instance UIDs (a header or the archive's stored metadata will do).
     *
     * @param transferSyntaxUid the transfer syntax of the file as it is written to the File-set
     * @return the File ID the instance's file is to have
     * @throws IllegalArgumentException if a UID named above is missing, or a level is full
     */
    public FileId add(Attributes instance, String transferSyntaxUid) {
        String sopClass = required(instance, Tag.SOPClassUID);
        String sopInstance = required(instance, Tag.SOPInstanceUID);
        Node patient = child(patients, instance.getString(Tag.PatientID, ""), RecordType.PATIENT, instance, "PAT");
        Node study = child(patient.children, required(instance, Tag.StudyInstanceUID), RecordType.STUDY, instance,
                "STU");
        Node series = child(study.children, required(instance, Tag.SeriesInstanceUID), RecordType.SERIES, instance,
                "SER");
        Node leaf = child(series.children, sopInstance, RecordType.ofSopClass(sopClass), instance, "IMG");
        FileId fileId = new FileId(List.of(ROOT, patient.name, study.name, series.name, leaf.name));
        leaf.record.setString(Tag.ReferencedFileID, VR.CS, fileId.components().toArray(String[]::new));
        leaf.record.setString(Tag.ReferencedSOPClassUIDInFile, VR.UI, sopClass);
        leaf.record.setString(Tag.ReferencedSOPInstanceUIDInFile, VR.UI, sopInstance);
        leaf.record.setString(Tag.ReferencedTransferSyntaxUIDInFile, VR.UI, transferSyntaxUid);
        instances++;
        return fileId;
    }

    /** How many instances were added. */
    public int size() {
        return instances;
    }

    /** Writes the DICOMDIR file (PS3.10 7.1: preamble, prefix, File Meta Information, data set). */
    public void write(OutputStream out) throws IOException {
        Attributes meta = DicomWriter.createFileMeta(UID.MediaStorageDirectoryStorage, UIDs.random(),
                UID.ExplicitVRLittleEndian);
        List<Node> records = new ArrayList<>();
        Node.flatten(patients.sequencedValues(), records);
        Attributes dataset = new Attributes();
        dataset.setString(Tag.FileSetID, VR.CS, fileSetId);
        dataset.setInts(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, VR.UL, 0);
        dataset.setInts(Tag.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, VR.UL, 0);
        dataset.setInts(Tag.FileSetConsistencyFlag, VR.US, 0);
        Sequence sequence = new Sequence(false, false);
        dataset.set(Tag.DirectoryRecordSequence, VR.SQ, sequence);
        // Offsets are values of fixed length (UL), so the record lengths do not depend on them.
        long offset = encodedLength(meta, null) + encodedLength(null, dataset);
        for (Node node : records) {
            node.offset = offset;
            offset += ITEM_HEADER + encodedLength(null, node.record);
        }
        for (Node node : records) {
            node.setOffsets();
            sequence.addItem(node.record, false);
        }
        dataset.setInts(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, VR.UL,
                patients.isEmpty() ? 0 : patients.firstEntry().getValue().offset);
        dataset.setInts(Tag.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, VR.UL,
                patients.isEmpty() ? 0 : patients.lastEntry().getValue().offset);
        new DicomWriter(out).writeFile(null, meta, dataset);
    }

    /** The DICOMDIR file's bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The encoded length of a File Meta header (preamble included) or of a data set in Explicit VR Little Endian. */
    private static long encodedLength(Attributes meta, Attributes dataset) {
        CountingStream counter = new CountingStream();
        try {
            if (meta != null) {
                new DicomWriter(counter).writeFileHeader(null, meta);
            } else {
                new DicomWriter(counter).writeDataset(dataset, SYNTAX);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static Node child(Map<String, Node> siblings, String key, RecordType type, Attributes instance,
            String prefix) {
        Node existing = siblings.get(key);
        if (existing != null) {
            return existing;
        }
        if (siblings.size() == MAX_PER_LEVEL) {
            throw new IllegalArgumentException("more than " + MAX_PER_LEVEL + " " + type.code
                    + " records at one level of a DICOMDIR");
        }
        Node node = new Node(type, prefix + String.format("%05d", siblings.size() + 1));
        type.copyKeys(instance, node.record);
        siblings.put(key, node);
        return node;
    }

    private static String required(Attributes instance, int tag) {
        String value = instance.getString(tag);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an instance without " + ElementDictionary.keywordOf(tag)
                    + " cannot go in a DICOMDIR");
        }
        return value;
    }

    /** A directory record and the records of the level below it. */
    private static final class Node {

        final Attributes record = new Attributes();
        final String name;
        final LinkedHashMap<String, Node> children = new LinkedHashMap<>();
        Node next;
        long offset;

        Node(RecordType type, String name) {
            this.name = name;
            record.setInts(Tag.RecordInUseFlag, VR.US, 0xFFFF);
            record.setString(Tag.DirectoryRecordType, VR.CS, type.code);
            setOffsets();
        }

        /**
         * Adds the records of one level to {@code records}, each followed by those below it
         * (depth first), and links each to the next of its level.
         */
        static void flatten(SequencedCollection<Node> level, List<Node> records) {
            Node previous = null;
            for (Node node : level) {
                if (previous != null) {
                    previous.next = node;
                }
                previous = node;
                records.add(node);
                flatten(node.children.sequencedValues(), records);
            }
        }

        void setOffsets() {
            record.setInts(Tag.OffsetOfTheNextDirectoryRecord, VR.UL, next == null ? 0 : next.offset);
            record.setInts(Tag.OffsetOfReferencedLowerLevelDirectoryEntity, VR.UL,
                    children.isEmpty() ? 0 : children.firstEntry().getValue().offset);
        }
    }

    /** Counts the bytes written to it. */
    private static final class CountingStream extends OutputStream {

        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
