package io.pacslite.dimse.message;

/**
 * One DIMSE command message, PS3.7 section 9.3: the command set only. Whether a data set
 * follows it is stated by Command Data Set Type (0000,0800), PS3.7 Table E.1-1.
 */
public sealed interface DimseMessage permits CEchoRq, CEchoRsp, CStoreRq, CStoreRsp {

    /** The Command Field (0000,0100) of this message. */
    CommandField commandField();

    /** True if a data set follows this command set on the association. */
    boolean hasDataSet();

    /** Checks a Message ID or Message ID Being Responded To: US, PS3.7 Table E.1-1. */
    static int checkMessageId(int messageId) {
        if (messageId < 0 || messageId > 0xFFFF) {
            throw new IllegalArgumentException("message ID out of range 0-65535: " + messageId);
        }
        return messageId;
    }
}
