package io.pacslite.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacslite.testing.TestPeers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** pydicom's decoded pixel arrays of files, through {@code pixel_arrays.py}, as the oracle of the decoders. */
final class PydicomPixels {

    private PydicomPixels() {
    }

    /** What pydicom decoded of one file: every value in frame, row, column, sample order; or why it could not. */
    record Decoded(long[] values, String skipped) {
    }

    /** pydicom's decoding of each file. */
    static Map<Path, Decoded> decode(List<Path> files) throws IOException {
        TestPeers.requirePydicom();
        Path out = Files.createTempDirectory("pixel-arrays");
        Path script = out.resolve("pixel_arrays.py");
        try (InputStream in = PydicomPixels.class.getResourceAsStream("pixel_arrays.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(TestPeers.PYTHON, script.toString(), out.toString()));
        files.forEach(file -> command.add(file.toString()));
        TestPeers.Result result = TestPeers.run(command, null);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<Path, Decoded> decoded = new HashMap<>();
        for (String line : result.stdout().lines().toList()) {
            String[] fields = line.split("\t", 3);
            Path file = files.get(Integer.parseInt(fields[0]));
            if (fields[1].equals("ok")) {
                Path values = out.resolve(fields[0] + ".bin");
                decoded.put(file, new Decoded(longs(Files.readAllBytes(values)), null));
                Files.delete(values);
            } else {
                decoded.put(file, new Decoded(null, fields[2]));
            }
        }
        Files.delete(script);
        Files.delete(out);
        return decoded;
    }

    private static long[] longs(byte[] bytes) {
        long[] values = new long[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
        return values;
    }
}
