package io.pacslite.dimse.pdu;

import java.util.Objects;

/**
 * One presentation data value item, PS3.8 section 9.3.5.1, with its message control header
 * unpacked (PS3.8 Annex E.2).
 *
 * @param presentationContextId the odd context id, 1 to 255
 * @param command               true for a command fragment, false for a data set fragment
 * @param lastFragment          true for the last fragment of the command or data set
 * @param fragment              the fragment bytes
 */
public record PresentationDataValue(
        int presentationContextId, boolean command, boolean lastFragment, Bytes fragment) {

    /** Checks the context id. */
    public PresentationDataValue {
        PresentationContextRq.requireId(presentationContextId);
        Objects.requireNonNull(fragment, "fragment");
    }

    /** The message control header byte: bit 0 command, bit 1 last fragment. */
    int messageControlHeader() {
        return (command ? 0x01 : 0) | (lastFragment ? 0x02 : 0);
    }
}
