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

    /** Bit 0 of the message control header, set for a command fragment (PS3.8 Annex E.2). */
    static final int COMMAND_BIT = 0x01;
    /** Bit 1 of the message control header, set for the last fragment (PS3.8 Annex E.2). */
    static final int LAST_FRAGMENT_BIT = 0x02;

    /** Checks the context id. */
    public PresentationDataValue {
        PresentationContextRq.requireId(presentationContextId);
        Objects.requireNonNull(fragment, "fragment");
    }

    /** The message control header byte: bit 0 command, bit 1 last fragment. */
    int messageControlHeader() {
        return messageControlHeader(command, lastFragment);
    }

    /** The message control header byte of a value (PS3.8 Annex E.2): bit 0 command, bit 1 last fragment. */
    static int messageControlHeader(boolean command, boolean lastFragment) {
        return (command ? COMMAND_BIT : 0) | (lastFragment ? LAST_FRAGMENT_BIT : 0);
    }
}
