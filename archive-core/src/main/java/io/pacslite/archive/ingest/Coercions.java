package io.pacslite.archive.ingest;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.data.Sequence;
import io.pacslite.dicom.data.VR;
import io.pacslite.dicom.dict.ElementDictionary;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.io.DicomWriter;
import io.pacslite.dicom.io.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest coercion rules (configuration {@code ingest.coercions}): attribute values the archive
 * sets on instances from a given source before it stores them, with the values they replace
 * kept in a new item of Original Attributes Sequence (PS3.3 C.12.1.1.9).
 *
 * <p>A rule reads {@code SOURCE action=value...}: SOURCE is a calling AE title, {@code http}
 * (a store without an AE: STOW-RS, imports) or {@code *}. The actions, in this order whatever
 * their order in the rule: {@code issuer=VALUE} sets Issuer of Patient ID when it is missing or
 * empty (a sender's own issuer is never overwritten); {@code patient-id-map=PATH} replaces a
 * Patient ID found in a two-column CSV or TSV file ({@code old,new}); {@code accession=PATTERN}
 * fills Accession Number when it is missing or empty, from {@code {Keyword}} placeholders of
 * header attributes, cut to 16 characters (VR SH). Rules of all matching sources apply in
 * order.
 */
public final class Coercions {

    /** No rules: every instance is stored as received. */
    public static final Coercions NONE = new Coercions(List.of());

    static final String MODIFYING_SYSTEM = "PACS-lite";
    static final String REASON = "COERCE";
    private static final int ACCESSION_LENGTH = 16;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]+)}");
    /** Fixed width, so that a resend re-encodes to the same length (see {@link Ingest}). */
    private static final DateTimeFormatter MODIFICATION_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSZ");

    /**
     * One rule.
     *
     * @param source a calling AE title, {@code http} or {@code *}
     * @param issuer Issuer of Patient ID to set when missing or empty, or null
     * @param patientIds Patient IDs to replace (old to new); empty for none
     * @param accession the Accession Number pattern, or null
     */
    public record Rule(String source, String issuer, Map<String, String> patientIds, String accession) {

        boolean matches(StoreContext context) {
            if (context.derived()) {
                return false;
            }
            return source.equals("*") || (context.sourceAE() == null ? source.equals("http")
                    : source.equals(context.sourceAE()));
        }
    }

    private final List<Rule> rules;

    private Coercions(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules, in order. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * Parses the rules as configured; patient ID map files are read now.
     *
     * @throws IllegalArgumentException naming the rule and what is wrong with it
     */
    public static Coercions parse(List<String> texts) {
        List<Rule> rules = new ArrayList<>();
        for (String text : texts) {
            try {
                rules.add(parseRule(text.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage(), e);
            }
        }
        return rules.isEmpty() ? NONE : new Coercions(rules);
    }

    private static Rule parseRule(String text) {
        String[] words = text.split("\\s+");
        if (words.length < 2 || words[0].isEmpty()) {
            throw new IllegalArgumentException("a rule is SOURCE action=value [action=value...]");
        }
        String source = words[0];
        if (source.length() > 16 || source.contains("=")) {
            throw new IllegalArgumentException("source \"" + source + "\" is not an AE title, http or *");
        }
        String issuer = null;
        String accession = null;
        Map<String, String> patientIds = Map.of();
        for (int i = 1; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            String value = equals < 0 ? "" : words[i].substring(equals + 1);
            if (value.isEmpty()) {
                throw new IllegalArgumentException("\"" + words[i] + "\" is not action=value");
            }
            switch (words[i].substring(0, equals)) {
                case "issuer" -> issuer = requireLength(requireOneValue(value, words[i]), 64, "issuer");
                case "patient-id-map" -> patientIds = readMap(Path.of(value));
                case "accession" -> accession = requireKeywords(requireOneValue(value, words[i]));
                default -> throw new IllegalArgumentException("unknown action \"" + words[i].substring(0, equals)
                        + "\" (issuer, patient-id-map, accession)");
            }
        }
        return new Rule(source, issuer, patientIds, accession);
    }

    private static String requireOneValue(String value, String action) {
        if (value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("\"" + action + "\" has a backslash, the DICOM value separator");
        }
        return value;
    }

    private static String requireLength(String value, int max, String name) {
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        return value;
    }

    private static String requireKeywords(String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (ElementDictionary.tagOf(m.group(1)) == -1) {
                throw new IllegalArgumentException("{" + m.group(1) + "} is not an attribute keyword");
            }
        }
        return pattern;
    }

    private static Map<String, String> readMap(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("patient-id-map " + file + " cannot be read: " + e, e);
        }
        Map<String, String> map = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] columns = line.split("[,\t]", -1);
            if (columns.length != 2 || columns[0].isBlank() || columns[1].isBlank()) {
                throw new IllegalArgumentException("patient-id-map " + file + " line " + (n + 1) + " is not old,new");
            }
            String newId = requireOneValue(columns[1].strip(), line);
            map.put(columns[0].strip(), requireLength(newId, 64, "a new Patient ID"));
        }
        return Map.copyOf(map);
    }

    /**
     * Applies the rules matching {@code context} to {@code dataset} and, if any value changed,
     * appends an Original Attributes Sequence item with the previous values (an empty value
     * for an attribute that was absent) and returns the Attribute Modification DateTime it
     * wrote; returns null when nothing changed (the data set is then untouched).
     */
    String apply(Attributes dataset, StoreContext context, ZonedDateTime now) {
        Attributes previous = new Attributes();
        for (Rule rule : rules) {
            if (!rule.matches(context)) {
                continue;
            }
            if (rule.issuer() != null && isEmpty(dataset, Tag.IssuerOfPatientID)) {
                change(dataset, previous, Tag.IssuerOfPatientID, VR.LO, rule.issuer());
            }
            String newId = rule.patientIds().get(dataset.getString(Tag.PatientID, ""));
            if (newId != null) {
                change(dataset, previous, Tag.PatientID, VR.LO, newId);
            }
            if (rule.accession() != null && isEmpty(dataset, Tag.AccessionNumber)) {
                change(dataset, previous, Tag.AccessionNumber, VR.SH, accession(rule.accession(), dataset));
            }
        }
        if (previous.isEmpty()) {
            return null;
        }
        String time = MODIFICATION_TIME.format(now.withZoneSameInstant(ZoneOffset.UTC));
        Attributes item = new Attributes();
        Sequence modified = new Sequence();
        modified.add(previous);
        item.set(Tag.ModifiedAttributesSequence, VR.SQ, modified);
        item.setString(Tag.AttributeModificationDateTime, VR.DT, time);
        item.setString(Tag.ModifyingSystem, VR.LO, MODIFYING_SYSTEM);
        item.setString(Tag.SourceOfPreviousValues, VR.LO, source(context));
        item.setString(Tag.ReasonForTheAttributeModification, VR.CS, REASON);
        Sequence original = dataset.getSequence(Tag.OriginalAttributesSequence);
        if (original == null) {
            original = new Sequence();
            dataset.set(Tag.OriginalAttributesSequence, VR.SQ, original);
        }
        original.add(item);
        return time;
    }

    /**
     * The header of {@code dataset} (parsed up to Pixel Data) re-encoded in {@code syntax} after
     * the rules matching {@code context} changed it, or null when none changed anything.
     */
    Coerced coerce(Attributes dataset, TransferSyntax syntax, StoreContext context, ZonedDateTime now)
            throws IOException {
        String time = apply(dataset, context, now);
        if (time == null) {
            return null;
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        new DicomWriter(header).writeDataset(dataset, syntax);
        byte[] bytes = header.toByteArray();
        byte[] timeBytes = time.getBytes(StandardCharsets.US_ASCII);
        return new Coerced(bytes, lastIndexOf(bytes, timeBytes), timeBytes);
    }

    /**
     * A re-encoded header, and where in it the Attribute Modification DateTime value is (the
     * last occurrence of the value: the item just appended; -1 if not found).
     */
    record Coerced(byte[] header, int timeOffset, byte[] time) {
    }

    private static int lastIndexOf(byte[] bytes, byte[] part) {
        for (int i = bytes.length - part.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isEmpty(Attributes dataset, int tag) {
        String value = dataset.getString(tag);
        return value == null || value.isBlank();
    }

    /** Keeps the first previous value of {@code tag} (a later rule may change it again). */
    private static void change(Attributes dataset, Attributes previous, int tag, VR vr, String value) {
        if (!previous.contains(tag)) {
            previous.set(tag, vr, dataset.contains(tag) ? dataset.getValue(tag) : null);
        }
        dataset.setString(tag, vr, value);
    }

    static String accession(String pattern, Attributes dataset) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder value = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(value, Matcher.quoteReplacement(
                    dataset.getString(ElementDictionary.tagOf(m.group(1)), "").strip()));
        }
        m.appendTail(value);
        return value.length() > ACCESSION_LENGTH ? value.substring(0, ACCESSION_LENGTH) : value.toString();
    }

    /** The LO value of Source of Previous Values: the AE title, else the address (64 characters at most). */
    private static String source(StoreContext context) {
        String source = context.sourceAE() != null ? context.sourceAE()
                : context.sourceAddress() != null ? context.sourceAddress() : "";
        return source.length() > 64 ? source.substring(0, 64) : source;
    }
}
