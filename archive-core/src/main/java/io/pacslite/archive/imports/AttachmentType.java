package io.pacslite.archive.imports;

/**
 * The media type an attachment is served with, decided by its first bytes and never by its
 * name: a PDF ({@code %PDF-}), a JPEG (SOI and a marker) or a PNG (its signature) gets its own
 * type, so a browser can show it in a viewer of its own; anything else, HTML, scripts, SVG,
 * programs and unknown bytes alike, is {@code application/octet-stream}. None of the three
 * types can run script in a browser that honours {@code X-Content-Type-Options: nosniff}, which
 * every answer carries (docs/security.md).
 */
public final class AttachmentType {

    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String PDF = "application/pdf";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private AttachmentType() {
    }

    /** The type of a file that starts with the first {@code length} bytes of {@code head}. */
    public static String of(byte[] head, int length) {
        if (startsWith(head, length, PDF_MAGIC)) {
            return PDF;
        }
        if (startsWith(head, length, JPEG_MAGIC)) {
            return JPEG;
        }
        if (startsWith(head, length, PNG_MAGIC)) {
            return PNG;
        }
        return OCTET_STREAM;
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
