package io.pacslite.dicom.io;

import java.io.IOException;

/**
 * The toolkit's one exception for input that is not valid DICOM: it says what was wrong and
 * at which byte offset of the stream (or -1 where no offset applies).
 */
public final class DicomException extends IOException {

    private final long offset;

    public DicomException(String reason, long offset) {
        super(reason);
        this.offset = offset;
    }

    public DicomException(String reason, long offset, Throwable cause) {
        super(reason, cause);
        this.offset = offset;
    }

    /** Byte offset in the input at which the problem was found, or -1. */
    public long offset() {
        return offset;
    }

    /** The reason without the offset. */
    public String reason() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        return offset >= 0 ? "at byte " + offset + ": " + super.getMessage() : super.getMessage();
    }
}
