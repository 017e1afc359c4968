package io.pacslite.dicom.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.VR;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Writes the "Value" array of a non-binary, non-sequence element (PS3.18 F.2.3-F.2.5). */
final class JsonValues {

    /** A number as JSON (RFC 8259) writes it; DS and IS text that matches is written verbatim. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private JsonValues() {
    }

    static void write(JsonGenerator json, Attributes dataset, int tag, VR vr, byte[] bytes) throws IOException {
        json.writeArrayFieldStart("Value");
        switch (vr) {
            case DS, IS -> {
                for (String text : dataset.decodeStrings(bytes, vr)) {
                    writeDecimal(json, text);
                }
            }
            case US, SS, UL, SL, SV -> {
                for (long value : dataset.decodeLongs(bytes, vr)) {
                    json.writeNumber(value);
                }
            }
            case UV -> {
                for (long value : dataset.decodeLongs(bytes, vr)) {
                    json.writeNumber(value >= 0 ? BigInteger.valueOf(value) : new BigInteger(Long.toUnsignedString(value)));
                }
            }
            case FL, FD -> {
                for (double value : dataset.decodeDoubles(bytes, vr)) {
                    writeFloat(json, value, vr == VR.FL);
                }
            }
            case PN -> {
                for (String name : dataset.decodeStrings(bytes, vr)) {
                    writePersonName(json, name);
                }
            }
            default -> {
                for (String text : dataset.decodeStrings(bytes, vr)) {
                    if (text.isEmpty()) {
                        json.writeNull();
                    } else {
                        json.writeString(text);
                    }
                }
            }
        }
        json.writeEndArray();
    }

    /**
     * DS and IS are JSON numbers (F.2.3). Text that is a valid DICOM number but not JSON
     * syntax ("+1", ".5", "1.") is normalised; text that is no number at all is kept as a
     * string rather than lost.
     */
    private static void writeDecimal(JsonGenerator json, String text) throws IOException {
        if (text.isEmpty()) {
            json.writeNull();
        } else if (JSON_NUMBER.matcher(text).matches()) {
            json.writeNumber(text);
        } else {
            try {
                json.writeNumber(new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
            } catch (NumberFormatException e) {
                json.writeString(text);
            }
        }
    }

    private static void writeFloat(JsonGenerator json, double value, boolean single) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.writeString(Double.toString(value));
        } else if (single) {
            json.writeNumber((float) value);
        } else {
            json.writeNumber(value);
        }
    }

    /** A person name as its component groups (F.2.2); empty groups are left out. */
    private static void writePersonName(JsonGenerator json, String name) throws IOException {
        if (name.isEmpty()) {
            json.writeNull();
            return;
        }
        String[] groups = name.split("=", -1);
        String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
        json.writeStartObject();
        for (int i = 0; i < Math.min(groups.length, keys.length); i++) {
            if (!groups[i].isEmpty()) {
                json.writeStringField(keys[i], groups[i]);
            }
        }
        json.writeEndObject();
    }
}
