package io.pacslite.dicomweb.multipart;

import java.io.IOException;

/** A multipart body that cannot be read as RFC 2046 5.1 says (no boundary, a part cut short, oversized headers). */
public final class MultipartException extends IOException {

    public MultipartException(String message) {
        super(message);
    }
}
