package io.pacslite.cli;

import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomFile;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.dicom.transcode.Transcoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pacslite transcode FILE --ts UID --out F}: a DICOM file written in another transfer
 * syntax, its frames decoded and encoded one at a time ({@link Transcoder}; docs/pixels.md).
 * Exit status 2, with one line naming the file and the reason, when it cannot be done.
 */
@Command(name = "transcode", mixinStandardHelpOptions = true,
        description = "Write a DICOM file in another transfer syntax, compressing or decompressing its image.")
final class TranscodeCommand implements Callable<Integer> {

    /** Values larger than this stay in the input file until they are written. */
    private static final int BULK_DATA_THRESHOLD = 64 * 1024;

    @Parameters(paramLabel = "FILE", description = "A DICOM image (Part 10 file).")
    private Path file;

    @Option(names = "--ts", paramLabel = "UID", defaultValue = "1.2.840.10008.1.2.1",
            description = "The transfer syntax to write: 1.2.840.10008.1.2.1 (Explicit VR Little Endian, the default),"
                    + " 1.2.840.10008.1.2 (Implicit VR Little Endian), 1.2.840.10008.1.2.1.99 (Deflated Explicit VR"
                    + " Little Endian), 1.2.840.10008.1.2.5 (RLE Lossless), 1.2.840.10008.1.2.4.70 (JPEG Lossless SV1)"
                    + " or 1.2.840.10008.1.2.4.50 (JPEG Baseline, 8-bit images, lossy).")
    private String transferSyntax;

    @Option(names = "--out", paramLabel = "F", required = true, description = "The file to write.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        Path temp = Files.createTempFile(out.toAbsolutePath().getParent(), ".transcode-", ".part");
        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.REFERENCE, BULK_DATA_THRESHOLD)) {
            DicomFile dicom = reader.readFile();
            try (OutputStream stream = Files.newOutputStream(temp)) {
                Transcoder.write(dicom, transferSyntax, stream, true);
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (DicomException e) {
            System.err.println("pacslite transcode: " + file + ": " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        } finally {
            Files.deleteIfExists(temp);
        }
        System.out.println(out);
        return 0;
    }
}
