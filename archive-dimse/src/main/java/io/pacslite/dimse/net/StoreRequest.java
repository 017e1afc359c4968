package io.pacslite.dimse.net;

import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.dicom.transcode.Transcoder;
import io.pacslite.dimse.association.AcceptedContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance to send with C-STORE (PS3.7 section 9.1.1): a DICOM file, the SOP Class and
 * Instance UIDs of its data set, the transfer syntax the data set is encoded in and where in
 * the file it starts. The data set is read from the file while it is sent, never held whole.
 *
 * @param file             a Part 10 file, or a bare data set
 * @param sopClassUid      the Affected SOP Class UID of the C-STORE-RQ
 * @param sopInstanceUid   the Affected SOP Instance UID of the C-STORE-RQ
 * @param transferSyntax   how the data set in the file is encoded
 * @param datasetStart     the byte offset of the data set in the file (after any File Meta Information)
 */
public record StoreRequest(
        Path file, String sopClassUid, String sopInstanceUid, TransferSyntax transferSyntax, long datasetStart) {

    /** Values above this stay in the file while re-encoding and are copied from it as they are written. */
    private static final int BULK_DATA_THRESHOLD = 4096;

    /** Checks every field is present. */
    public StoreRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        if (datasetStart < 0) {
            throw new IllegalArgumentException("data set start is negative: " + datasetStart);
        }
    }

    /**
     * Reads the File Meta Information and the start of the data set of {@code file}, up to the
     * SOP Instance UID. The data set's own SOP Class and Instance UIDs are used, else those of
     * the File Meta Information (PS3.10 section 7.1).
     *
     * @throws IOException if the file is not DICOM or names no SOP Class or SOP Instance UID
     */
    public static StoreRequest of(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)
                .stopBefore(tag -> Integer.compareUnsigned(tag, Tag.SOPInstanceUID) > 0)) {
            DicomFile dicom = reader.readFile();
            String sopClass = either(dicom, Tag.SOPClassUID, Tag.MediaStorageSOPClassUID, "SOP Class UID");
            String sopInstance = either(dicom, Tag.SOPInstanceUID, Tag.MediaStorageSOPInstanceUID, "SOP Instance UID");
            return new StoreRequest(file, sopClass, sopInstance, dicom.transferSyntax(), reader.datasetStart());
        }
    }

    /**
     * The context of {@code accepted} to send this data set on: one for its SOP Class in the
     * file's own transfer syntax, else one in a syntax it can be transcoded into, in the order of
     * {@link Transcoder#TARGETS} (native, then lossless compressed, lossy JPEG Baseline only
     * when the peer took nothing else); empty if none.
     */
    Optional<AcceptedContext> contextIn(List<AcceptedContext> accepted) {
        List<AcceptedContext> forSopClass = accepted.stream()
                .filter(context -> context.abstractSyntax().equals(sopClassUid)).toList();
        return forSopClass.stream().filter(c -> c.transferSyntax().equals(transferSyntax.uid())).findFirst()
                .or(() -> forSopClass.stream()
                        .filter(c -> canBeSentIn(TransferSyntax.of(c.transferSyntax())))
                        .min(Comparator.comparingInt(c -> Transcoder.TARGETS.indexOf(c.transferSyntax()))));
    }

    /**
     * Whether the data set can be sent in {@code target}: as it is, or transcoded
     * ({@link Transcoder}; an image's pixels permitting, which {@link #prepare} checks).
     */
    boolean canBeSentIn(TransferSyntax target) {
        return target.equals(transferSyntax) || Transcoder.supports(transferSyntax, target.uid());
    }

    /**
     * Prepares the data set in {@code target}: its bytes as they are in the file (a deflated
     * data set of odd length gets one trailing NUL, for PS3.8 Annex E.1), or the data set read
     * with its large values left in the file and transcoded as it is sent ({@link Transcoder}:
     * re-encoded, or its frames decoded and encoded one at a time). Reading (and checking that
     * the frames can be decoded and encoded) happens here, before anything is sent, so a bad
     * file fails alone.
     *
     * @throws IOException if the file cannot be read or re-encoded
     */
    DataSet prepare(TransferSyntax target) throws IOException {
        if (target.equals(transferSyntax)) {
            long length = Files.size(file) - datasetStart;
            if (length % 2 == 0) {
                return out -> copyDataSetBytes(out, length);
            }
            if (!transferSyntax.deflated()) {
                throw new DicomException("the data set has an odd length, " + length
                        + " bytes; PS3.8 Annex E.1 allows only even fragments (is the file cut short?)",
                        datasetStart + length);
            }
            // A deflated stream may end on an odd byte; a NUL after its end is ignored by the inflater.
            return out -> {
                copyDataSetBytes(out, length);
                out.write(0);
            };
        }
        if (!canBeSentIn(target)) {
            throw new IllegalArgumentException("cannot re-encode " + transferSyntax.uid() + " into " + target.uid());
        }
        DicomFile dicom;
        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.REFERENCE, BULK_DATA_THRESHOLD)) {
            dicom = reader.readFile();
        }
        Transcoder transcoder = Transcoder.check(dicom, target.uid());
        return out -> transcoder.write(out, false);
    }

    /** The {@code length} bytes of the data set, from the file straight into the fragments. */
    private void copyDataSetBytes(DataSetFragments out, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(datasetStart);
            out.transferFrom(channel, length);
        }
    }

    /** A data set ready to be written out, in the transfer syntax it was prepared for. */
    @FunctionalInterface
    interface DataSet {
        /** Writes the data set to {@code out}. */
        void writeTo(DataSetFragments out) throws IOException;
    }

    private static String either(DicomFile dicom, int datasetTag, int metaTag, String name) throws DicomException {
        String value = dicom.dataset().getString(datasetTag);
        if (value == null || value.isEmpty()) {
            value = dicom.fileMeta().getString(metaTag);
        }
        if (value == null || value.isEmpty()) {
            throw new DicomException("no " + name + " in the data set or the File Meta Information", 0);
        }
        return value;
    }
}
