package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.dict.UID;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import io.pacslite.testing.SyntheticInstances;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's memory bound: {@code pacslite serve} on a JVM whose heap is capped at 256 MB
 * receives a 1 GiB multi-frame instance from dcmtk's storescu, so the data set must stream from
 * the socket to the file (PS3.8 P-DATA fragments, never the whole data set in memory).
 */
class ServeMemoryTest {

    private static final int FRAMES = 2048;
    private static final int SIZE = 512;
    private static final long PIXEL_BYTES = (long) FRAMES * SIZE * SIZE * 2; // 1 GiB

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void receivesAOneGigabyteInstanceWithTheHeapCappedAt256Megabytes() throws Exception {
        Path file = dir.resolve("multiframe.dcm");
        String sopUid = SyntheticInstances.uid("77", "1");
        long datasetOffset = writeMultiFrame(file, sopUid);
        Path data = dir.resolve("archive");

        try (ServeProcess server = ServeProcess.start(data, List.of("-Xmx256m"))) {
            assertThat(ServeProcess.dcmtk(300, "storescu", "-aec", "PACSLITE", "127.0.0.1", server.port(),
                    file.toString())).as("storescu exit status").isZero();
            server.stop();
        }

        assertThat(CommandRunner.run("stats", "--json", "--data-dir", data.toString()).out())
                .contains("\"instances\": 1");
        Path stored;
        try (Stream<Path> files = Files.walk(data.resolve("data"))) {
            stored = files.filter(p -> p.getFileName().toString().equals(sopUid + ".dcm")).findFirst().orElseThrow();
        }
        long datasetLength = Files.size(file) - datasetOffset;
        assertThat(Files.size(stored)).isGreaterThan(datasetLength);
        assertThat(sha256(stored, Files.size(stored) - datasetLength)).as("stored data set bytes")
                .isEqualTo(sha256(file, datasetOffset));
        Files.delete(file);
    }

    /**
     * Writes a Multi-frame Grayscale Word Secondary Capture instance of {@link #FRAMES} frames
     * of 512 x 512 16-bit pixels, streaming the pixel data, and returns where its data set begins.
     */
    private static long writeMultiFrame(Path file, String sopUid) throws IOException {
        String sopClass = UID.MultiFrameGrayscaleWordSecondaryCaptureImageStorage;
        String study = SyntheticInstances.uid("77");
        // A synthetic CT's attributes, made a multi-frame instance whose pixel data is streamed below.
        Attributes dataset = SyntheticInstances.ct("MEM1", study, study + ".0", sopUid, SIZE, 1);
        dataset.remove(Tag.PixelData);
        dataset.setString(Tag.SOPClassUID, VR.UI, sopClass);
        dataset.setInts(Tag.NumberOfFrames, VR.IS, FRAMES);
        dataset.setInts(Tag.BitsStored, VR.US, 16);
        dataset.setInts(Tag.HighBit, VR.US, 15);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            DicomWriter writer = new DicomWriter(out);
            writer.writeFileHeader(null, DicomWriter.createFileMeta(sopClass, sopUid,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
            out.flush();
            long datasetOffset = Files.size(file);
            writer.writeDataset(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            // (7FE0,0010) OW, explicit VR little endian: tag, VR, 2 reserved bytes, 32-bit length.
            out.write(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0});
            out.write(new byte[] {(byte) PIXEL_BYTES, (byte) (PIXEL_BYTES >>> 8), (byte) (PIXEL_BYTES >>> 16),
                    (byte) (PIXEL_BYTES >>> 24)});
            byte[] frame = new byte[SIZE * SIZE * 2];
            for (int f = 0; f < FRAMES; f++) {
                frame[f % frame.length] = (byte) f; // frames differ, so a lost or repeated one changes the hash
                out.write(frame);
            }
            return datasetOffset;
        }
    }

    private static String sha256(Path file, long from) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
