package io.pacslite.dicom.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicom.data.ByteSwap;
import io.pacslite.dicom.data.Fragments;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.VRResolution;
import java.io.IOException;

/**
 * Writes data sets as DICOM JSON (PS3.18 Annex F) to a Jackson streaming generator, element
 * by element, so that a document of any number of data sets is never held as a tree.
 *
 * <p>Binary values longer than the inline threshold get a BulkDataURI from the given
 * {@link BulkDataURIs} (F.2.6); the others are written as InlineBinary, base64 of the little
 * endian bytes (F.2.7). Values left in a file ({@link BulkData}) are always written as
 * BulkDataURI; give a reader with {@code BulkDataPolicy.LOAD} to inline everything.
 */
public final class DicomJsonWriter {

    private final JsonGenerator json;
    private final BulkDataURIs bulkDataURIs;
    private final int inlineThreshold;

    /**
     * @param bulkDataURIs names BulkDataURIs; null writes every loaded value inline
     * @param inlineThreshold binary values up to this many bytes are written inline
     */
    public DicomJsonWriter(JsonGenerator json, BulkDataURIs bulkDataURIs, int inlineThreshold) {
        this.json = json;
        this.bulkDataURIs = bulkDataURIs;
        this.inlineThreshold = bulkDataURIs == null ? Integer.MAX_VALUE : inlineThreshold;
    }

    /** A writer that writes every loaded binary value inline. */
    public static DicomJsonWriter inline(JsonGenerator json) {
        return new DicomJsonWriter(json, null, Integer.MAX_VALUE);
    }

    /** Writes one data set as a JSON object (group 0002 included if present). */
    public void write(Attributes dataset) throws IOException {
        writeObject(dataset, "");
    }

    private void writeObject(Attributes dataset, String pathPrefix) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < dataset.size(); i++) {
            int tag = dataset.tagAt(i);
            String hex = Tags.toHex(tag);
            json.writeFieldName(hex);
            writeElement(dataset, tag, VRResolution.presentedVR(tag, dataset.vrAt(i), dataset.valueAt(i), dataset),
                    dataset.valueAt(i),
                    pathPrefix + hex);
        }
        json.writeEndObject();
    }

    private void writeElement(Attributes dataset, int tag, VR vr, Object value, String path) throws IOException {
        json.writeStartObject();
        json.writeStringField("vr", vr.name());
        switch (value) {
            case Sequence sequence -> writeItems(sequence, path);
            case Fragments fragments -> writeFragments(fragments, path);
            case BulkData bulkData -> writeBulkDataURI(bulkData, path);
            case byte[] bytes when bytes.length == 0 -> { }
            case byte[] bytes when vr.isBulk() -> writeBinary(
                    dataset.isBigEndian() ? ByteSwap.swapped(bytes, vr) : bytes, path);
            case byte[] bytes -> JsonValues.write(json, dataset, tag, vr, bytes);
            default -> throw new IllegalStateException("unexpected value " + value.getClass());
        }
        json.writeEndObject();
    }

    private void writeItems(Sequence sequence, String path) throws IOException {
        json.writeArrayFieldStart("Value");
        for (int i = 0; i < sequence.size(); i++) {
            writeObject(sequence.get(i), path + "/" + i + "/");
        }
        json.writeEndArray();
    }

    /**
     * Encapsulated pixel data inline is the item-encoded fragments as they appear in the
     * stream; with any fragment left in the file it is a BulkDataURI.
     */
    private void writeFragments(Fragments fragments, String path) throws IOException {
        for (Object fragment : fragments) {
            if (fragment instanceof BulkData bulkData) {
                writeBulkDataURI(bulkData, path);
                return;
            }
        }
        writeBinary(fragments.encodeItems(), path);
    }

    private void writeBinary(byte[] bytes, String path) throws IOException {
        if (bytes.length > inlineThreshold) {
            String uri = bulkDataURIs.uriFor(path);
            if (uri != null) {
                json.writeStringField("BulkDataURI", uri);
                return;
            }
        }
        json.writeFieldName("InlineBinary");
        json.writeBinary(bytes);
    }

    private void writeBulkDataURI(BulkData bulkData, String path) throws IOException {
        String uri = bulkDataURIs != null ? bulkDataURIs.uriFor(path) : null;
        if (uri == null) {
            uri = bulkData.uri() == null ? path
                    : bulkData.offset() < 0 ? bulkData.uri()
                    : bulkData.uri() + "?offset=" + bulkData.offset() + "&length=" + bulkData.length();
        }
        json.writeStringField("BulkDataURI", uri);
    }
}
