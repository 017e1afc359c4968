package io.pacslite.archive.imports;

import io.pacslite.dicom.io.DicomReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The first bytes of an input or member, by which an import tells what it is, never by its
 * name: a ZIP archive (a local file header, "PK\3\4", APPNOTE.TXT 4.3.7), an empty ZIP archive
 * (its end of central directory record alone, "PK\5\6", APPNOTE.TXT 4.3.16), or DICOM ("DICM"
 * after the 128-byte preamble, PS3.10 7.1, or a data set from the start:
 * {@link DicomReader#looksLikeDicom}). Anything else is an attachment.
 */
final class MemberHead {

    /** How many bytes are looked at: the preamble and "DICM". */
    static final int LENGTH = 132;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};

    private MemberHead() {
    }

    /** The first {@link #LENGTH} bytes of {@code in} (fewer if it is shorter), left unread. */
    static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(LENGTH);
        byte[] head = in.readNBytes(LENGTH);
        in.reset();
        return head;
    }

    /** Whether it starts a ZIP archive. */
    static boolean isZip(byte[] head) {
        return startsWith(head, ZIP_MAGIC);
    }

    /** Whether a member of {@code size} bytes starting with {@code head} is an empty ZIP archive. */
    static boolean isEmptyZip(byte[] head, long size) {
        return startsWith(head, EMPTY_ZIP_MAGIC) && size < LENGTH;
    }

    /** Whether it starts a DICOM file or data set. */
    static boolean isDicom(byte[] head) {
        return DicomReader.looksLikeDicom(head, head.length);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
