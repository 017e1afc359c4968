package io.pacslite.archive.ingest;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An instance being received: its header parsed up to Pixel Data, the rest still in the
 * stream. {@link #writeTo} then writes the archive's File Meta followed by the data set
 * bytes exactly as they arrived: the recorded header bytes, then the rest streamed through.
 */
final class Incoming {

    private final RecordingInputStream recording;
    private final DicomReader reader;
    private final Attributes dataset;
    private final TransferSyntax syntax;
    private final long datasetStart;

    private Incoming(RecordingInputStream recording, DicomReader reader, Attributes dataset, TransferSyntax syntax,
            long datasetStart) {
        this.recording = recording;
        this.reader = reader;
        this.dataset = dataset;
        this.syntax = syntax;
        this.datasetStart = datasetStart;
    }

    /** Reads a Part 10 file (context without transfer syntax) or a bare data set up to Pixel Data. */
    static Incoming parse(InputStream in, StoreContext context, long maxInstanceSize) throws IOException, StoreException {
        RecordingInputStream recording = new RecordingInputStream(new ReceivingInputStream(in), maxInstanceSize);
        DicomReader reader = new DicomReader(recording).stopBeforePixelData();
        try {
            Attributes dataset;
            TransferSyntax syntax;
            long start;
            if (context.transferSyntax() == null) {
                DicomFile file = reader.readFile();
                dataset = file.dataset();
                syntax = file.transferSyntax();
                start = reader.datasetStart();
            } else {
                syntax = context.transferSyntax();
                dataset = reader.readDataset(syntax);
                start = 0;
            }
            if (syntax.deflated() && reader.stoppedEarly()) {
                // Positions inside deflated data are not input offsets: the raw input is kept whole.
                reader.readRest(dataset, syntax);
            }
            return new Incoming(recording, reader, dataset, syntax, start);
        } catch (RecordingInputStream.TooLargeException e) {
            throw new StoreException(StoreReason.TOO_LARGE, e.getMessage());
        } catch (DicomException e) {
            throw new StoreException(StoreReason.INVALID_DICOM, e.getMessage());
        }
    }

    Attributes dataset() {
        return dataset;
    }

    TransferSyntax syntax() {
        return syntax;
    }

    /**
     * Parses the rest of the data set (Pixel Data and whatever follows) as it is copied, with
     * large values referenced rather than loaded: truncated pixel data or a lying length is
     * refused like a bad header, never stored as a complete instance. The elements read are
     * added to {@link #dataset()}, so that the stored metadata describes the whole data set
     * (Pixel Data as a BulkDataURI, small trailing elements inline).
     */
    private void checkRest(InputStream rest) throws IOException {
        try (DicomReader restReader = new DicomReader(rest).bulkData(BulkDataPolicy.REFERENCE,
                MetadataJson.INLINE_THRESHOLD)) {
            Attributes elements = restReader.readDataset(syntax);
            for (int i = 0; i < elements.size(); i++) {
                dataset.set(elements.tagAt(i), elements.vrAt(i), elements.valueAt(i));
            }
        }
    }

    /**
     * Writes preamble, "DICM", {@code fileMeta} and the data set as received, then closes
     * {@code out}; with a {@code replacementHeader} (the header re-encoded, never for a deflated
     * syntax), that header instead of the received one, then the rest as received. Returns the
     * length of what precedes the data set.
     */
    long writeTo(OutputStream out, Attributes fileMeta, byte[] replacementHeader) throws IOException, StoreException {
        ByteArrayOutputStream start = new ByteArrayOutputStream(512);
        new DicomWriter(start).writeFileHeader(null, fileMeta);
        start.writeTo(out);
        try {
            if (syntax.deflated() && replacementHeader == null) {
                recording.transferTo(OutputStream.nullOutputStream());
                byte[] raw = recording.recorded();
                out.write(raw, (int) datasetStart, raw.length - (int) datasetStart);
            } else {
                if (replacementHeader != null) {
                    out.write(replacementHeader);
                } else {
                    byte[] header = recording.recorded();
                    out.write(header, (int) datasetStart, (int) (reader.position() - datasetStart));
                }
                recording.stopRecording();
                checkRest(new CopyingInputStream(reader.remainingStream(), out));
            }
            out.close();
            return start.size();
        } catch (RecordingInputStream.TooLargeException e) {
            throw new StoreException(StoreReason.TOO_LARGE, e.getMessage());
        } catch (DicomException e) {
            throw new StoreException(StoreReason.INVALID_DICOM, "after the header, " + e.getMessage());
        }
    }
}
