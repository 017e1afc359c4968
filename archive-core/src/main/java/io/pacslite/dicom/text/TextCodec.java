package io.pacslite.dicom.text;

/** How one resolved Specific Character Set turns value bytes into text and back. */
sealed interface TextCodec permits CharsetCodec, Iso2022Codec {

    /** Decodes a whole element value; never fails (unmappable bytes become U+FFFD). */
    String decode(byte[] value, int offset, int length, boolean personName);

    /** The encoded bytes, or null if some character is outside the repertoire. */
    byte[] encodeOrNull(String text, boolean personName);
}
