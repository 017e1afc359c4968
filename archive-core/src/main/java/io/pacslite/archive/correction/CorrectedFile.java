package io.pacslite.archive.correction;

import io.pacslite.archive.index.StoredInstance;
import io.pacslite.archive.store.BlobStore;
import io.pacslite.archive.store.TempBlob;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * One stored file rewritten with corrected values, in a temp blob not yet committed: the
 * header up to Pixel Data is re-encoded in the file's transfer syntax with the new values and
 * an item added to the Original Attributes Sequence (0400,0561; PS3.3 C.12.1.1.9) that holds
 * the old ones; the rest (Pixel Data and what follows) is copied byte for byte. A deflated data
 * set is read and written whole.
 *
 * @param temp the new file
 * @param before the old values of the attributes that changed (empty text for an absent one)
 */
record CorrectedFile(TempBlob temp, Map<CorrectableAttribute, String> before) {

    /** Modifying System (0400,0563). */
    static final String MODIFYING_SYSTEM = "PACS-lite";
    /** Reason for the Attribute Modification (0400,0565), a Defined Term of PS3.3 C.12.1.1.9.2. */
    static final String REASON = "CORRECT";

    /**
     * The corrected file of {@code instance}, or null if it has every new value already.
     *
     * @param modified the Attribute Modification DateTime (0400,0562), DT
     * @throws CorrectionException INVALID_VALUE if a new value cannot be written in the file's
     *     Specific Character Set
     */
    static CorrectedFile write(BlobStore blobs, StoredInstance instance, Correction correction, String modified)
            throws IOException, CorrectionException {
        try (InputStream in = blobs.open(instance.fileKey());
                DicomReader reader = new DicomReader(in).stopBeforePixelData()) {
            DicomFile file = reader.readFile();
            Attributes dataset = file.dataset();
            TransferSyntax syntax = file.transferSyntax();
            if (syntax.deflated() && reader.stoppedEarly()) {
                reader.readRest(dataset, syntax);
            }
            Map<CorrectableAttribute, String> before = new EnumMap<>(CorrectableAttribute.class);
            Attributes old = new Attributes(dataset.isBigEndian(), correction.values().size());
            for (Map.Entry<CorrectableAttribute, String> change : correction.values().entrySet()) {
                CorrectableAttribute attribute = change.getKey();
                String current = dataset.getString(attribute.tag(), "");
                if (current.equals(change.getValue())) {
                    continue;
                }
                before.put(attribute, current);
                int i = dataset.indexOf(attribute.tag());
                old.set(attribute.tag(), i >= 0 ? dataset.vrAt(i) : attribute.vr(), i >= 0 ? dataset.valueAt(i) : null);
                dataset.setString(attribute.tag(), attribute.vr(), change.getValue());
                if (!dataset.getString(attribute.tag(), "").equals(change.getValue())) {
                    throw new CorrectionException(CorrectionReason.INVALID_VALUE, attribute + " \"" + change.getValue()
                            + "\" cannot be written in the Specific Character Set of instance " + instance.sopUid());
                }
            }
            if (before.isEmpty()) {
                return null;
            }
            originalAttributes(dataset).add(originalAttributesItem(dataset, old, modified));
            TempBlob temp = blobs.createTemp();
            try {
                OutputStream out = temp.output();
                DicomWriter writer = new DicomWriter(out);
                writer.writeFileHeader(file.preamble(), file.fileMeta());
                writer.writeDataset(dataset, syntax);
                if (!syntax.deflated() && reader.stoppedEarly()) {
                    reader.remainingStream().transferTo(out);
                }
                return new CorrectedFile(temp, before);
            } catch (IOException | RuntimeException e) {
                temp.close();
                throw e;
            }
        }
    }

    /** The data set's Original Attributes Sequence, added if it has none. */
    private static Sequence originalAttributes(Attributes dataset) {
        Sequence sequence = dataset.getSequence(Tag.OriginalAttributesSequence);
        if (sequence == null) {
            sequence = new Sequence();
            dataset.set(Tag.OriginalAttributesSequence, VR.SQ, sequence);
        }
        return sequence;
    }

    /** One item of the Original Attributes Sequence (PS3.3 Table C.12-1): the old values and why they went. */
    private static Attributes originalAttributesItem(Attributes dataset, Attributes old, String modified) {
        Sequence modifiedAttributes = new Sequence();
        Attributes item = new Attributes(dataset.isBigEndian(), 6);
        item.set(Tag.ModifiedAttributesSequence, VR.SQ, modifiedAttributes);
        modifiedAttributes.add(old);
        item.setString(Tag.AttributeModificationDateTime, VR.DT, modified);
        item.setString(Tag.ModifyingSystem, VR.LO, MODIFYING_SYSTEM);
        item.set(Tag.SourceOfPreviousValues, VR.LO, null);
        item.setString(Tag.ReasonForTheAttributeModification, VR.CS, REASON);
        return item;
    }
}
