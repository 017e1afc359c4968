package io.pacslite.dicomweb.deid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.pacslite.dicom.deid.DeidentificationSettings;
import io.pacslite.dicom.deid.Option;
import io.pacslite.dicomweb.server.HttpError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/studies/{study}/anonymize} (docs/dicomweb.md), optional: a JSON
 * object with {@code profile} ("basic", the only one), {@code options} (labels of
 * {@link Option}), {@code patientName}, {@code patientId} and {@code safePrivateCreators}, all
 * optional. Anything else, or a value of the wrong kind, is a 400 naming it.
 */
final class AnonymizeRequest {

    /** The one profile: PS3.15 E.2, the Basic Application Level Confidentiality Profile. */
    static final String BASIC_PROFILE = "basic";

    private static final JsonFactory JSON = new JsonFactory();

    private AnonymizeRequest() {
    }

    /** The settings {@code body} asks for; an empty body asks for the Basic Profile alone. */
    static DeidentificationSettings read(InputStream body) throws IOException {
        Set<Option> options = EnumSet.noneOf(Option.class);
        Set<String> safePrivateCreators = new HashSet<>();
        String patientName = null;
        String patientId = null;
        try (JsonParser json = JSON.createParser(body)) {
            JsonToken first = json.nextToken();
            if (first == null) {
                return DeidentificationSettings.BASIC;
            }
            if (first != JsonToken.START_OBJECT) {
                throw HttpError.badRequest("the body is a JSON object such as {\"options\": [\"clean-descriptors\"]}");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "profile" -> {
                        String profile = string(json, name);
                        if (!BASIC_PROFILE.equals(profile)) {
                            throw HttpError.badRequest("unknown profile \"" + profile + "\"; the one profile is \""
                                    + BASIC_PROFILE + "\"");
                        }
                    }
                    case "options" -> {
                        for (String label : strings(json, name)) {
                            options.add(Option.of(label));
                        }
                    }
                    case "patientName" -> patientName = string(json, name);
                    case "patientId" -> patientId = string(json, name);
                    case "safePrivateCreators" -> safePrivateCreators.addAll(strings(json, name));
                    default -> throw HttpError.badRequest("unknown member \"" + name + "\"; the members are profile,"
                            + " options, patientName, patientId and safePrivateCreators");
                }
            }
            return new DeidentificationSettings(options, patientName, patientId, safePrivateCreators);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private static String string(JsonParser json, String name) throws IOException {
        if (json.currentToken() != JsonToken.VALUE_STRING) {
            throw HttpError.badRequest(name + " is a string");
        }
        return json.getText();
    }

    private static List<String> strings(JsonParser json, String name) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw HttpError.badRequest(name + " is an array of strings");
        }
        List<String> values = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            values.add(string(json, name + "[]"));
        }
        return values;
    }
}
