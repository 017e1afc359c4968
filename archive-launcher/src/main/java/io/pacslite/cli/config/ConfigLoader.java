package io.pacslite.cli.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the effective {@link Configuration}: the built-in defaults, then the file, then the
 * environment variables, then the command-line flags, each overriding the one before; every
 * value is checked as it is read, and the first bad one stops it with a {@link ConfigException},
 * as do settings that do not fit together (the {@code http.oidc} section).
 */
public final class ConfigLoader {

    /** The environment variable that names the configuration file. */
    public static final String CONFIG_VARIABLE = "PACSLITE_CONFIG";

    /** The configuration file under the installation's folder. */
    public static final Path INSTALLED_FILE = Path.of("conf", "pacslite.yaml");

    private static final Set<String> SECTIONS = Arrays.stream(Setting.values()).map(Setting::section)
            .filter(section -> !section.isEmpty()).collect(Collectors.toSet());

    private final Map<Setting, Configuration.Value> values = new EnumMap<>(Setting.class);

    private ConfigLoader() {
        for (Setting setting : Setting.values()) {
            values.put(setting, new Configuration.Value(parse(setting, setting.defaultText()), Source.DEFAULT));
        }
    }

    /**
     * The file to read: {@code explicit} (the {@code --config} flag) if given, else the file
     * {@code $PACSLITE_CONFIG} names, else {@code conf/pacslite.yaml} under {@code installation}
     * if there is one there, else none (empty).
     *
     * @param installation the installation's folder, or null when unknown
     */
    public static Optional<Path> locate(Path explicit, Map<String, String> environment, Path installation) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        String named = environment.get(CONFIG_VARIABLE);
        if (named != null && !named.isEmpty()) {
            return Optional.of(Path.of(named));
        }
        return Optional.ofNullable(installation).map(folder -> folder.resolve(INSTALLED_FILE)).filter(Files::exists);
    }

    /**
     * The configuration of the defaults, {@code file} (if any), the {@code PACSLITE_...}
     * variables of {@code environment} and {@code flags} (each a String, or a list of Strings
     * for a list setting, as on the command line).
     */
    public static Configuration load(Optional<Path> file, Map<String, String> environment, Map<Setting, ?> flags)
            throws ConfigException {
        ConfigLoader loader = new ConfigLoader();
        if (file.isPresent()) {
            loader.readFile(file.get());
        }
        for (Setting setting : Setting.values()) {
            String text = environment.get(setting.environmentVariable());
            if (text != null) {
                loader.put(setting, text, Source.environment(setting));
            }
        }
        for (Map.Entry<Setting, ?> flag : flags.entrySet()) {
            loader.put(flag.getKey(), flag.getValue(), Source.flag(flag.getKey()));
        }
        Configuration configuration = new Configuration(loader.values);
        try {
            configuration.oidc();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("http.oidc: " + e.getMessage());
        }
        return configuration;
    }

    private void readFile(Path file) throws ConfigException {
        Source source = Source.file(file);
        JsonNode root;
        try {
            root = new YAMLMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": expected settings, one 'key: value' a line");
        }
        readSection(root, "", source);
    }

    private void readSection(JsonNode section, String prefix, Source source) throws ConfigException {
        for (Map.Entry<String, JsonNode> field : section.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode node = field.getValue();
            Optional<Setting> setting = Setting.withKey(key);
            if (setting.isPresent()) {
                put(setting.get(), raw(node, source, key), source);
            } else if (SECTIONS.contains(key) && node.isObject()) {
                readSection(node, key, source);
            } else if (SECTIONS.contains(key)) {
                throw new ConfigException(source, key, "is a section: expected 'key: value' lines under it");
            } else {
                throw new ConfigException(source, key, "unknown key" + suggestion(key));
            }
        }
    }

    /** A YAML value as a String, or a list of Strings. */
    private static Object raw(JsonNode node, Source source, String key) throws ConfigException {
        if (node.isNull()) {
            throw new ConfigException(source, key, "has no value");
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> elements = new ArrayList<>();
            for (JsonNode element : node) {
                if (element.isNull() || !element.isValueNode()) {
                    throw new ConfigException(source, key, "expected a list of values");
                }
                elements.add(element.asText());
            }
            return elements;
        }
        throw new ConfigException(source, key, "expected a value, not a section");
    }

    private void put(Setting setting, Object raw, Source source) throws ConfigException {
        try {
            values.put(setting, new Configuration.Value(parse(setting, raw), source));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, setting.key(), e.getMessage());
        }
    }

    /** A raw value (a String, or a list of Strings; a String is split at commas for a list setting) read. */
    private static Object parse(Setting setting, Object raw) {
        ValueType type = setting.type();
        if (!type.isList()) {
            if (raw instanceof List<?>) {
                throw new IllegalArgumentException("expected one value, not a list");
            }
            return type.parse((String) raw);
        }
        List<?> elements = raw instanceof List<?> list ? list
                : Arrays.stream(((String) raw).split(",")).map(String::strip).filter(text -> !text.isEmpty()).toList();
        List<Object> values = elements.stream().map(element -> type.parse((String) element)).toList();
        values.stream().filter(value -> values.indexOf(value) != values.lastIndexOf(value)).findFirst()
                .ifPresent(twice -> {
                    throw new IllegalArgumentException(elements.get(values.indexOf(twice)) + " is listed twice");
                });
        return values;
    }

    /**
     * {@code ", did you mean dicom.port?"}: the keys of that name in other sections, else the
     * key nearest to {@code key} if one is near; empty if none.
     */
    private static String suggestion(String key) {
        String name = key.substring(key.lastIndexOf('.') + 1);
        List<String> sameName = Arrays.stream(Setting.values()).filter(setting -> setting.nameInSection().equals(name))
                .map(Setting::key).toList();
        List<String> near = sameName.isEmpty() ? Arrays.stream(Setting.values()).map(Setting::key)
                .filter(candidate -> distance(candidate, key) <= 2)
                .sorted(Comparator.comparingInt(candidate -> distance(candidate, key))).limit(1).toList() : sameName;
        return near.isEmpty() ? "" : ", did you mean " + String.join(" or ", near) + "?";
    }

    /** The Levenshtein distance between two keys. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
