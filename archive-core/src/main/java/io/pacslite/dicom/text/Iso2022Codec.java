package io.pacslite.dicom.text;

import java.nio.charset.Charset;
import java.util.List;

/**
 * The ISO 2022 family of PS3.5 6.1.2.4 and 6.1.2.5: single-byte sets, and multi-byte sets
 * reached by escape sequences.
 *
 * @param initialG0 the G0 set of value 1, active at the start of a value and after a delimiter
 * @param initialG1 the G1 set of value 1, or null for none
 * @param sets every set the terms make available, in order of preference for encoding
 * @param codeExtensions whether escape sequences may switch sets
 * @param plainCharset the JDK charset that decodes a single term without code extensions, or
 *     null to decode escape sequences
 */
record Iso2022Codec(CodedCharacterSet initialG0, CodedCharacterSet initialG1, List<CodedCharacterSet> sets,
        boolean codeExtensions, Charset plainCharset) implements TextCodec {

    Iso2022Codec {
        sets = List.copyOf(sets);
    }

    @Override
    public String decode(byte[] value, int offset, int length, boolean personName) {
        if (plainCharset != null) {
            return new String(value, offset, length, plainCharset);
        }
        return new Iso2022Decoder(initialG0, initialG1, personName).decode(value, offset, length);
    }

    @Override
    public byte[] encodeOrNull(String text, boolean personName) {
        return new Iso2022Encoder(this, personName).encode(text);
    }
}
