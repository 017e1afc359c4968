package io.pacslite.dimse.message;

/**
 * One DIMSE command message, PS3.7 section 9.3: the command set only. Whether a data set
 * follows it is stated by Command Data Set Type (0000,0800), PS3.7 Table E.1-1.
 */
public sealed interface DimseMessage permits CEchoRq, CEchoRsp, CStoreRq, CStoreRsp, CFindRq, CFindRsp, CCancelRq, CGetRq,
        CGetRsp, CMoveRq, CMoveRsp {

    /** The Command Field (0000,0100) of this message. */
    CommandField commandField();

    /** True if a data set follows this command set on the association. */
    boolean hasDataSet();

    /** Checks a Message ID or Message ID Being Responded To: US, PS3.7 Table E.1-1. */
    static int checkMessageId(int messageId) {
        return checkUnsigned16(messageId, "message ID");
    }

    /** Checks a US command field value (a message ID, a count): 0 to 65535. */
    static int checkUnsigned16(int value, String name) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " out of range 0-65535: " + value);
        }
        return value;
    }

    /** Error Comment is LO, at most 64 characters (PS3.5 Table 6.2-1). */
    int MAX_ERROR_COMMENT_LENGTH = 64;

    /**
     * An Error Comment (0000,0902) made to fit one LO value: cut to 64 characters, backslashes
     * turned into slashes; null stays null.
     */
    static String fitErrorComment(String comment) {
        if (comment == null) {
            return null;
        }
        String fitted = comment.replace('\\', '/');
        return fitted.length() > MAX_ERROR_COMMENT_LENGTH ? fitted.substring(0, MAX_ERROR_COMMENT_LENGTH) : fitted;
    }
}
