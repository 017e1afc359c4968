package io.pacslite.dicomweb.wado;

import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.store.FileSystemBlobStore;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.ByteSwap;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicomweb.server.HttpError;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * A stored instance's data set read from its file with every binary value over
 * {@value #REFERENCE_THRESHOLD} bytes left in the file (a {@link io.pacslite.dicom.data.BulkData}
 * offset and length), so frames and bulk data are cut from the file without loading it.
 */
record StoredDataset(FileSystemBlobStore blobs, StoredInstance instance, DicomFile file) {

    private static final int REFERENCE_THRESHOLD = 64;

    static StoredDataset read(FileSystemBlobStore blobs, StoredInstance instance) throws IOException {
        try (DicomReader reader = DicomReader.open(blobs.pathOf(instance.fileKey()))
                .bulkData(BulkDataPolicy.REFERENCE, REFERENCE_THRESHOLD)) {
            return new StoredDataset(blobs, instance, reader.readFile());
        } catch (NoSuchFileException e) {
            throw new HttpError(503, "the file of instance " + instance.sopUid() + " is missing; run pacslite verify");
        } catch (DicomException e) {
            throw new HttpError(500, "the stored file of " + instance.sopUid() + " cannot be read: " + e.getMessage());
        }
    }

    Attributes dataset() {
        return file.dataset();
    }

    /**
     * A binary value as little endian bytes: in place when the file is little endian, loaded
     * and swapped when it is big endian and the VR has multi-byte units.
     */
    StoredValue littleEndian(Object value, VR vr) throws IOException {
        StoredValue stored = StoredValue.of(value, blobs, instance.fileKey());
        if (!dataset().isBigEndian() || vr.swapUnit() <= 1) {
            return stored;
        }
        return new StoredValue.Loaded(ByteSwap.swapped(stored.bytes(), vr));
    }
}
