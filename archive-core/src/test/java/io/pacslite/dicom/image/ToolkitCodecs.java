package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomReader;
import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JPEG and JPEG-LS codecs of dcmtk and GDCM as the oracle of our decoders: dcmtk's
 * {@code dcmcjpeg} and {@code dcmcjpls}, and GDCM's {@code gdcmconv}, compress native images
 * into test files; {@code dcmdjpeg} and {@code dcmdjpls} decompress encapsulated ones to
 * Explicit VR Little Endian, whose native frames our (pydicom-checked) native decoder reads.
 */
final class ToolkitCodecs {

    private ToolkitCodecs() {
    }

    /** Runs {@code tool options... input output} (a dcmtk codec program or gdcmconv) and returns {@code output}. */
    static Path run(String tool, Path input, Path output, String... options) throws IOException {
        TestPeers.require(tool);
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(Arrays.asList(options));
        command.add(input.toString());
        command.add(output.toString());
        TestPeers.Result result = TestPeers.run(command, null);
        assertThat(result.exitCode()).as("%s: %s", command, result.stderr()).isZero();
        return output;
    }

    /** Every frame of a file, decoded by {@link ImageFrames}, one array of samples per frame. */
    static int[][] frames(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.REFERENCE, 64)) {
            ImageFrames frames = ImageFrames.of(reader.readFile());
            int[][] samples = new int[frames.pixel().numberOfFrames()][];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = frames.frame(i).samples();
            }
            return samples;
        }
    }
}
