package io.pacslite.archive.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A PDF document to be encapsulated, recognised by its content, never by its name: it starts
 * with the header {@code %PDF-} and has the end-of-file marker {@code %%EOF} in its last
 * 1024 bytes (ISO 32000-1 7.5.2 and 7.5.5; readers look for the marker there, and so do we).
 *
 * @param bytes the whole document
 */
public record PdfDocument(byte[] bytes) {

    /** The largest PDF accepted: 64 MiB. */
    public static final int MAX_BYTES = 64 << 20;

    private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final int EOF_WINDOW = 1024;

    /**
     * Reads a whole PDF from {@code in}, at most {@link #MAX_BYTES}, and checks it.
     *
     * @throws ReportException TOO_LARGE, NOT_PDF or TRUNCATED_PDF
     */
    public static PdfDocument read(InputStream in) throws IOException, ReportException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ReportException(ReportReason.TOO_LARGE, "the PDF is larger than " + MAX_BYTES + " bytes");
        }
        return of(bytes);
    }

    /**
     * Checks {@code bytes} as a PDF.
     *
     * @throws ReportException NOT_PDF or TRUNCATED_PDF
     */
    public static PdfDocument of(byte[] bytes) throws ReportException {
        if (indexOf(bytes, HEADER, 0) != 0) {
            throw new ReportException(ReportReason.NOT_PDF, "the body is not a PDF: it does not start with %PDF-");
        }
        if (indexOf(bytes, EOF_MARKER, Math.max(0, bytes.length - EOF_WINDOW)) < 0) {
            throw new ReportException(ReportReason.TRUNCATED_PDF,
                    "the PDF has no %%EOF in its last " + EOF_WINDOW + " bytes: it is cut off or not a whole PDF");
        }
        return new PdfDocument(bytes);
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= bytes.length; i++) {
            int j = 0;
            while (j < pattern.length && bytes[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
