package io.pacslite.dicom.image;

import io.pacslite.dicom.io.DicomException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * The JDK's own ImageIO JPEG reader, whatever other readers of the format the class path
 * registers: ImageIO's lookup by format name returns the registered readers in an unspecified
 * order, and a plugin on the class path (an ImageIO JPEG plugin that a library brings along)
 * could come first. The JDK's reader is the one whose provider belongs to the
 * {@code java.desktop} module.
 */
final class JdkJpegReader {

    private static volatile ImageReaderSpi provider;

    private JdkJpegReader() {
    }

    /** A new instance of the JDK's JPEG reader; dispose of it after use. */
    static ImageReader create() throws IOException {
        return provider().createReaderInstance();
    }

    /** The provider of the JDK's JPEG reader. */
    static ImageReaderSpi provider() throws DicomException {
        ImageReaderSpi found = provider;
        if (found == null) {
            Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
                    candidate -> isJdks((ImageReaderSpi) candidate)
                            && Arrays.asList(((ImageReaderSpi) candidate).getFormatNames()).contains("jpeg"),
                    false);
            if (!providers.hasNext()) {
                throw new DicomException("the JDK's ImageIO JPEG reader is not registered", -1);
            }
            found = providers.next();
            provider = found;
        }
        return found;
    }

    /** Whether a reader's provider is the JDK's own (in the java.desktop module). */
    static boolean isJdks(ImageReaderSpi candidate) {
        return "java.desktop".equals(candidate.getClass().getModule().getName());
    }
}
