package io.pacslite.dicomweb.multipart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A media type with its parameters (RFC 9110 8.3.1), as DICOMweb uses them in Content-Type and
 * Accept (PS3.18 8.7): {@code multipart/related; type="application/dicom"; transfer-syntax=*}.
 * Type, subtype and parameter names are lower case; quoted values are unquoted.
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

    public static final MediaType ANY = new MediaType("*", "*", Map.of());

    /** {@code type/subtype}, without parameters. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** The parameter's value, or null. */
    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether this is {@code type/subtype}. */
    public boolean is(String essence) {
        return essence().equals(essence);
    }

    /** Whether this range (possibly {@code *}{@code /*} or {@code type/*}) includes {@code essence}. */
    public boolean includes(String essence) {
        return type.equals("*") || essence.startsWith(type + "/") && (subtype.equals("*") || essence().equals(essence));
    }

    /** The quality factor of an Accept range (1 when absent or unreadable). */
    public double quality() {
        String q = parameter("q");
        try {
            return q == null ? 1 : Double.parseDouble(q);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Parses one media type.
     *
     * @throws IllegalArgumentException if it has no {@code type/subtype}
     */
    public static MediaType parse(String text) {
        List<String> pieces = split(text, ';');
        String essence = pieces.get(0).trim().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1) {
            throw new IllegalArgumentException("not a media type: \"" + text + "\"");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String piece : pieces.subList(1, pieces.size())) {
            int equals = piece.indexOf('=');
            if (equals > 0) {
                parameters.put(piece.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                        unquote(piece.substring(equals + 1).trim()));
            }
        }
        return new MediaType(essence.substring(0, slash).trim(), essence.substring(slash + 1).trim(),
                Map.copyOf(parameters));
    }

    /** Parses an Accept header (a comma-separated list, commas inside quotes kept); empty or null gives {@link #ANY}. */
    public static List<MediaType> parseList(String header) {
        List<MediaType> types = new ArrayList<>();
        if (header != null) {
            for (String piece : split(header, ',')) {
                if (!piece.isBlank()) {
                    types.add(parse(piece));
                }
            }
        }
        return types.isEmpty() ? List.of(ANY) : types;
    }

    /** Splits on {@code separator} outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                piece.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == separator && !quoted) {
                pieces.add(piece.toString());
                piece.setLength(0);
            } else {
                piece.append(c);
            }
        }
        pieces.add(piece.toString());
        return pieces;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(essence());
        parameters.forEach((name, value) -> text.append("; ").append(name).append('=').append(value));
        return text.toString();
    }
}
