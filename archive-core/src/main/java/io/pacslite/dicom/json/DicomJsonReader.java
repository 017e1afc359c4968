package io.pacslite.dicom.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.BulkData;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.Tags;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.data.ValueCodec;
import io.pacslite.dicom.dict.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads DICOM JSON (PS3.18 Annex F) into data sets, token by token from a Jackson parser.
 *
 * <p>JSON text is Unicode, so text values are stored as UTF-8: when any of them is not
 * ASCII, the data set's Specific Character Set becomes ISO_IR 192 (and nested items lose
 * their own, which no longer describe the bytes). Binary values come from InlineBinary
 * (little endian, F.2.7); a BulkDataURI becomes a {@link BulkData} reference by URI. Input
 * that is not DICOM JSON ends in an {@link IOException} naming the element.
 */
public final class DicomJsonReader {

    private final JsonParser json;
    private boolean nonAsciiText;

    public DicomJsonReader(JsonParser json) {
        this.json = json;
    }

    /** Reads one data set: a JSON object whose keys are tags. */
    public Attributes readDataset() throws IOException {
        nonAsciiText = false;
        Attributes dataset = readObject(nextToken());
        if (nonAsciiText) {
            useUtf8(dataset, true);
        }
        return dataset;
    }

    /** Reads a JSON array of data sets, as QIDO-RS and /metadata answer (PS3.18 F.2). */
    public List<Attributes> readDatasets() throws IOException {
        expect(nextToken(), JsonToken.START_ARRAY, "an array of data sets");
        List<Attributes> datasets = new ArrayList<>();
        for (JsonToken token = nextToken(); token != JsonToken.END_ARRAY; token = nextToken()) {
            nonAsciiText = false;
            Attributes dataset = readObject(token);
            if (nonAsciiText) {
                useUtf8(dataset, true);
            }
            datasets.add(dataset);
        }
        return datasets;
    }

    private Attributes readObject(JsonToken start) throws IOException {
        expect(start, JsonToken.START_OBJECT, "a data set object");
        Attributes dataset = new Attributes(false, 16);
        for (JsonToken token = nextToken(); token != JsonToken.END_OBJECT; token = nextToken()) {
            String key = json.currentName();
            int tag;
            try {
                tag = Tags.parseHex(key);
            } catch (NumberFormatException e) {
                throw error("\"" + key + "\" is not a tag (eight hex digits)");
            }
            readElement(dataset, tag);
        }
        return dataset;
    }

    private void readElement(Attributes dataset, int tag) throws IOException {
        expect(nextToken(), JsonToken.START_OBJECT, "an element object for " + Tags.toString(tag));
        VR vr = null;
        Object value = null;
        for (JsonToken token = nextToken(); token != JsonToken.END_OBJECT; token = nextToken()) {
            String field = json.currentName();
            JsonToken valueToken = nextToken();
            switch (field) {
                case "vr" -> {
                    vr = VR.ofName(json.getText());
                    if (vr == null) {
                        throw error("unknown vr \"" + json.getText() + "\" for " + Tags.toString(tag));
                    }
                }
                case "Value" -> value = readValue(tag, vr, valueToken);
                case "InlineBinary" -> value = json.getBinaryValue();
                case "BulkDataURI" -> value = BulkData.atUri(json.getText());
                default -> json.skipChildren();
            }
        }
        if (vr == null) {
            throw error("no vr for " + Tags.toString(tag));
        }
        dataset.add(tag, vr, value);
    }

    private Object readValue(int tag, VR vr, JsonToken start) throws IOException {
        if (vr == null) {
            throw error("\"vr\" must come before \"Value\" in " + Tags.toString(tag));
        }
        expect(start, JsonToken.START_ARRAY, "a Value array for " + Tags.toString(tag));
        if (vr == VR.SQ) {
            Sequence sequence = new Sequence();
            for (JsonToken token = nextToken(); token != JsonToken.END_ARRAY; token = nextToken()) {
                sequence.add(readObject(token));
            }
            return sequence;
        }
        return switch (vr.kind()) {
            case TEXT -> readText(vr);
            case BINARY -> readNumbers(vr);
            default -> throw error(vr + " takes InlineBinary or BulkDataURI, not Value, in " + Tags.toString(tag));
        };
    }

    /** Text values joined with backslashes (PS3.5 6.4); a person name from its component groups (F.2.2). */
    private byte[] readText(VR vr) throws IOException {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (JsonToken token = nextToken(); token != JsonToken.END_ARRAY; token = nextToken()) {
            if (!first) {
                text.append('\\');
            }
            first = false;
            if (token == JsonToken.START_OBJECT && vr == VR.PN) {
                text.append(readPersonName());
            } else if (token != JsonToken.VALUE_NULL) {
                text.append(json.getText());
            }
        }
        String value = text.toString();
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                nonAsciiText = true;
                break;
            }
        }
        return ValueCodec.padToEven(value.getBytes(StandardCharsets.UTF_8), vr);
    }

    private String readPersonName() throws IOException {
        String[] groups = {"", "", ""};
        for (JsonToken token = nextToken(); token != JsonToken.END_OBJECT; token = nextToken()) {
            String field = json.currentName();
            nextToken();
            switch (field) {
                case "Alphabetic" -> groups[0] = json.getText();
                case "Ideographic" -> groups[1] = json.getText();
                case "Phonetic" -> groups[2] = json.getText();
                default -> json.skipChildren();
            }
        }
        int last = !groups[2].isEmpty() ? 2 : !groups[1].isEmpty() ? 1 : 0;
        return String.join("=", java.util.Arrays.copyOf(groups, last + 1));
    }

    private byte[] readNumbers(VR vr) throws IOException {
        List<Long> integers = new ArrayList<>();
        List<Double> doubles = new ArrayList<>();
        for (JsonToken token = nextToken(); token != JsonToken.END_ARRAY; token = nextToken()) {
            if (vr == VR.AT) {
                integers.add(Integer.toUnsignedLong(Tags.parseHex(json.getText())));
            } else if (vr == VR.FL || vr == VR.FD) {
                doubles.add(token == JsonToken.VALUE_STRING ? Double.parseDouble(json.getText()) : json.getDoubleValue());
            } else {
                integers.add(vr == VR.UV ? json.getBigIntegerValue().longValue() : json.getLongValue());
            }
        }
        return vr == VR.FL || vr == VR.FD
                ? ValueCodec.encodeDoubles(doubles.stream().mapToDouble(Double::doubleValue).toArray(), vr, false)
                : ValueCodec.encodeInts(integers.stream().mapToLong(Long::longValue).toArray(), vr, false);
    }

    /** Marks the text as UTF-8: ISO_IR 192 at the top, no other Specific Character Set below. */
    private static void useUtf8(Attributes dataset, boolean top) {
        if (top) {
            dataset.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        } else {
            dataset.remove(Tag.SpecificCharacterSet);
        }
        for (int i = 0; i < dataset.size(); i++) {
            if (dataset.valueAt(i) instanceof Sequence sequence) {
                for (Attributes item : sequence) {
                    useUtf8(item, false);
                }
            }
        }
    }

    private JsonToken nextToken() throws IOException {
        JsonToken token = json.nextToken();
        if (token == null) {
            throw error("unexpected end of JSON");
        }
        return token;
    }

    private void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw error("expected " + what + " but found " + actual);
        }
    }

    private IOException error(String reason) {
        return new IOException("DICOM JSON at " + json.currentLocation().offsetDescription() + ": " + reason);
    }
}
