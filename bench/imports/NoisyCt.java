import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Adds scanner-like noise to the pixels of the CT instances `pacslite generate` wrote (512x512,
 * 16-bit, 12 bits stored, Pixel Data last in the file), in place, so that a ZIP of them
 * compresses about as much as a real CT's does instead of a hundredfold. Usage:
 * java bench/imports/NoisyCt.java DIR SIZE
 */
public final class NoisyCt {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int bytes = size * size * 2;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        SplittableRandom random = new SplittableRandom(11);
        byte[] pixels = new byte[bytes];
        for (Path file : files) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                long at = raf.length() - bytes;
                raf.seek(at);
                raf.readFully(pixels);
                for (int i = 0; i < bytes; i += 2) {
                    int value = (pixels[i] & 0xFF) | (pixels[i + 1] & 0xFF) << 8;
                    value = Math.max(0, Math.min(4095, value + (int) Math.round(random.nextGaussian() * 12)));
                    pixels[i] = (byte) value;
                    pixels[i + 1] = (byte) (value >>> 8);
                }
                raf.seek(at);
                raf.write(pixels);
            }
        }
        System.out.println("noise added to " + files.size() + " files");
    }
}
