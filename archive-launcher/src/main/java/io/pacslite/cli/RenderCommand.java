package io.pacslite.cli;

import io.pacslite.dicom.image.FrameRenderer;
import io.pacslite.dicom.image.ImageFrames;
import io.pacslite.dicom.image.ImageOutput;
import io.pacslite.dicom.image.RenderOptions;
import io.pacslite.dicom.image.Window;
import io.pacslite.dicom.io.BulkDataPolicy;
import io.pacslite.dicom.io.DicomException;
import io.pacslite.dicom.io.DicomReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pacslite render}: one frame of a DICOM image as PNG or JPEG, through the grey-scale
 * or colour pipeline of PS3.3 C.11 (see docs/pixels.md). Exit status 2, with one line naming
 * the file and the reason, when the image cannot be decoded.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render one frame of a DICOM image as PNG or JPEG.")
final class RenderCommand implements Callable<Integer> {

    /** Pixel data values larger than this stay in the file; only the frame asked for is read. */
    private static final int BULK_DATA_THRESHOLD = 1024;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A DICOM image (Part 10 file).")
    private Path file;

    @Option(names = "--frame", paramLabel = "N", defaultValue = "1", description = "Frame number, from 1 (default 1).")
    private int frame;

    @Option(names = "--window", paramLabel = "C,W[,FUNCTION]",
            description = "Window center and width, and optionally linear, linear-exact or sigmoid (default linear)."
                    + " Without it: the image's first window, else its VOI LUT, else the frame's range.")
    private String window;

    @Option(names = "--invert", description = "Show black as white (on top of MONOCHROME1's own inversion).")
    private boolean invert;

    @Option(names = "--overlays", description = "Draw the image's overlay planes (60xx) white on it.")
    private boolean overlays;

    @Option(names = "--out", paramLabel = "x.png|x.jpg|x.gif", description = "Output file; .png, .jpg or .gif (default: FILE's name with .png).")
    private Path out;

    @Option(names = "--quality", paramLabel = "1-100", defaultValue = "90", description = "JPEG quality (default 90).")
    private int quality;

    @Override
    public Integer call() throws IOException {
        RenderOptions options = new RenderOptions(parseWindow(), invert, overlays);
        Path target = out != null ? out : Path.of(file.getFileName() + ".png");
        ImageOutput format = ImageOutput.forFileName(target.toString());
        if (format == null) {
            throw new ParameterException(spec.commandLine(), "--out must end in .png, .jpg, .jpeg or .gif: " + target);
        }
        if (quality < 1 || quality > 100) {
            throw new ParameterException(spec.commandLine(), "--quality must be from 1 to 100, not " + quality);
        }
        BufferedImage image;
        try (DicomReader reader = DicomReader.open(file).bulkData(BulkDataPolicy.REFERENCE, BULK_DATA_THRESHOLD)) {
            image = FrameRenderer.render(ImageFrames.of(reader.readFile()), frame - 1, options);
        } catch (DicomException e) {
            System.err.println("pacslite render: " + file + ": " + e.getMessage());
            return PacsLite.EXIT_BAD_INPUT;
        }
        try (OutputStream stream = Files.newOutputStream(target)) {
            format.write(image, quality / 100f, stream);
        }
        System.out.println(target);
        return 0;
    }

    /** The --window value as a window (PS3.18 8.3.5.1.4 form: center,width[,function]), or null. */
    private Window parseWindow() {
        if (window == null) {
            return null;
        }
        try {
            return Window.parse(window);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--window " + window + ": " + e.getMessage());
        }
    }
}
