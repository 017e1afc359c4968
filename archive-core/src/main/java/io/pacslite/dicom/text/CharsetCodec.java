package io.pacslite.dicom.text;

import java.nio.charset.Charset;

/**
 * A character set used without code extensions: UTF-8, GB18030 and GBK (PS3.3 Table C.12-5),
 * or a JDK charset named by a non-standard term.
 */
record CharsetCodec(Charset charset) implements TextCodec {

    @Override
    public String decode(byte[] value, int offset, int length, boolean personName) {
        return new String(value, offset, length, charset);
    }

    @Override
    public byte[] encodeOrNull(String text, boolean personName) {
        return charset.newEncoder().canEncode(text) ? text.getBytes(charset) : null;
    }
}
