package io.pacslite.cli.config;

import io.pacslite.archive.audit.SyslogSender;
import io.pacslite.archive.ingest.Coercions;
import io.pacslite.archive.ingest.DuplicatePolicy;
import io.pacslite.dicom.data.UIDs;
import io.pacslite.dicom.dict.UidRegistry;
import io.pacslite.archive.access.Role;
import io.pacslite.dicomweb.server.DicomWebConfig;
import io.pacslite.dimse.association.Permission;
import io.pacslite.dimse.net.RemoteAe;
import io.pacslite.dimse.pdu.AeTitles;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kinds of value a {@link Setting} takes: how one is read from text (the file, an
 * environment variable or a flag) and written back. Reading throws an
 * {@link IllegalArgumentException} whose message is the reason, ready to follow the key.
 */
enum ValueType {
    PATH {
        @Override
        Object parse(String text) {
            return Path.of(requireText(text));
        }
    },
    /** A path where the empty text means "the built-in choice". */
    OPTIONAL_PATH {
        @Override
        Object parse(String text) {
            return text.isEmpty() ? "" : Path.of(text);
        }
    },
    HOST {
        @Override
        Object parse(String text) {
            return requireText(text);
        }
    },
    TEXT {
        @Override
        Object parse(String text) {
            return requireText(text).strip();
        }
    },
    /** Text where the empty text means "none". */
    OPTIONAL_TEXT {
        @Override
        Object parse(String text) {
            return text.strip();
        }
    },
    /** An http or https URL, or the empty text for none. */
    OPTIONAL_URL {
        @Override
        Object parse(String text) {
            if (text.isBlank()) {
                return "";
            }
            URI url;
            try {
                url = new URI(text.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(text + " is not a URL: " + e.getReason());
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException(text + " is not an http or https URL");
            }
            return url;
        }
    },
    /** An audit record repository ({@code udp://}, {@code tcp://} or {@code tls://host[:port]}), or the empty text for none. */
    OPTIONAL_SYSLOG {
        @Override
        Object parse(String text) {
            return text.isBlank() ? "" : SyslogSender.Target.of(text);
        }
    },
    /** A TCP port; 0 asks for any free one. */
    PORT {
        @Override
        Object parse(String text) {
            return integer(text, 0, 0xFFFF, "a TCP port (0..65535)");
        }
    },
    POSITIVE_INTEGER {
        @Override
        Object parse(String text) {
            return integer(text, 1, Integer.MAX_VALUE, "a positive whole number");
        }
    },
    /** The side of a thumbnail in pixels, 1 to {@link DicomWebConfig#MAX_THUMBNAIL_SIDE}. */
    THUMBNAIL_SIDE {
        @Override
        Object parse(String text) {
            return integer(text, 1, DicomWebConfig.MAX_THUMBNAIL_SIDE,
                    "a number of pixels from 1 to " + DicomWebConfig.MAX_THUMBNAIL_SIDE);
        }
    },
    BOOLEAN {
        @Override
        Object parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(text + " is not true or false");
            };
        }
    },
    /** An AE title, PS3.5 section 6.2 (VR AE). */
    AE_TITLE {
        @Override
        Object parse(String text) {
            String problem = AeTitles.problem(text);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return text;
        }
    },
    AE_TITLES(true) {
        @Override
        Object parse(String text) {
            return AE_TITLE.parse(text);
        }
    },
    /**
     * What one calling AE title may do over DIMSE: {@code AE_TITLE PERMISSION...}, the
     * permissions echo, store, query, retrieve, or {@code none}.
     */
    AE_RULES(true) {
        @Override
        Object parse(String text) {
            String[] fields = text.strip().split("\\s+");
            if (fields.length < 2) {
                throw new IllegalArgumentException("'" + text + "' is not AE_TITLE PERMISSION... (echo, store, query,"
                        + " retrieve, or none)");
            }
            Set<Permission> allowed = EnumSet.noneOf(Permission.class);
            if (!(fields.length == 2 && fields[1].equals("none"))) {
                Arrays.stream(fields, 1, fields.length).map(Permission::of).forEach(allowed::add);
            }
            return new AeRule((String) AE_TITLE.parse(fields[0]), allowed);
        }

        @Override
        String format(Object value) {
            AeRule rule = (AeRule) value;
            return quoted(rule.aeTitle() + " " + (rule.allowed().isEmpty() ? "none"
                    : rule.allowed().stream().sorted().map(Permission::label).collect(Collectors.joining(" "))));
        }
    },
    /**
     * Ingest coercion rules, each {@code SOURCE action=value...} ({@link Coercions}); a patient
     * ID map a rule names is read now, so that a missing or bad file stops the start-up.
     */
    COERCIONS(true) {
        @Override
        Object parse(String text) {
            Coercions.parse(List.of(text));
            return text.strip();
        }
    },
    /** DIMSE permissions: echo, store, query, retrieve. */
    PERMISSIONS(true) {
        @Override
        Object parse(String text) {
            return Permission.of(text.strip());
        }
    },
    STRINGS(true) {
        @Override
        Object parse(String text) {
            return requireText(text);
        }
    },
    /** SOP Class UIDs: any well-formed UID (PS3.5 section 9), private ones included. */
    SOP_CLASS_UIDS(true) {
        @Override
        Object parse(String text) {
            String problem = UIDs.problemWith(text);
            if (problem != null) {
                throw new IllegalArgumentException(text + " is not a UID: " + problem);
            }
            return text;
        }
    },
    /** Transfer Syntax UIDs the dictionary knows (PS3.6 Table A-1). */
    TRANSFER_SYNTAX_UIDS(true) {
        @Override
        Object parse(String text) {
            if (!UidRegistry.TRANSFER_SYNTAX.equals(UidRegistry.typeOf(text))) {
                throw new IllegalArgumentException(text + " is not a known Transfer Syntax UID");
            }
            return text;
        }
    },
    /** C-MOVE destinations, each {@code AE_TITLE HOST PORT [tls]} as in the AE table file. */
    MOVE_DESTINATIONS(true) {
        @Override
        Object parse(String text) {
            return RemoteAe.parse(text);
        }

        @Override
        String format(Object value) {
            return quoted(((RemoteAe) value).text());
        }
    },
    /** A duration: a whole number and a unit, ms, s, m or h ({@code 30s}). */
    DURATION {
        @Override
        Object parse(String text) {
            return duration(text, false);
        }

        @Override
        String format(Object value) {
            Duration duration = (Duration) value;
            long millis = duration.toMillis();
            return quoted(millis % 3_600_000 == 0 ? millis / 3_600_000 + "h"
                    : millis % 60_000 == 0 ? millis / 60_000 + "m"
                    : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms");
        }
    },
    /** A {@link #DURATION} that may also be zero ({@code 0s}): how often something happens at most, 0 meaning always. */
    INTERVAL {
        @Override
        Object parse(String text) {
            return duration(text, true);
        }

        @Override
        String format(Object value) {
            return ((Duration) value).isZero() ? quoted("0s") : DURATION.format(value);
        }
    },
    /** A size in bytes: a whole number, optionally with KiB, MiB, GiB or TiB ({@code 4GiB}). */
    SIZE {
        @Override
        Object parse(String text) {
            Matcher matcher = SIZE_TEXT.matcher(text.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException(text + " is not a size (bytes, or a number and KiB, MiB, GiB or TiB)");
            }
            int shift = 10 * SIZE_UNITS.indexOf(matcher.group(2) == null ? "" : matcher.group(2));
            long amount = Long.parseLong(matcher.group(1));
            if (amount <= 0 || amount > Long.MAX_VALUE >> shift) {
                throw new IllegalArgumentException(text + " is not a positive size");
            }
            return amount << shift;
        }

        @Override
        String format(Object value) {
            long bytes = (Long) value;
            int unit = 0;
            while (unit < SIZE_UNITS.size() - 1 && bytes % 1024 == 0) {
                bytes /= 1024;
                unit++;
            }
            return quoted(bytes + SIZE_UNITS.get(unit));
        }
    },
    /** A role: viewer, uploader or admin. */
    ROLE {
        @Override
        Object parse(String text) {
            return constant(Role.class, text);
        }
    },
    /** CSP source expressions ({@code 'self'}, {@code https://emr.example.org}). */
    CSP_SOURCES(true) {
        @Override
        Object parse(String text) {
            return DicomWebConfig.checkFrameAncestor(requireText(text).strip());
        }
    },
    DUPLICATE_POLICY {
        @Override
        Object parse(String text) {
            return constant(DuplicatePolicy.class, text);
        }
    },
    /** A Logback level. */
    LOG_LEVEL {
        @Override
        Object parse(String text) {
            return constant(LogLevel.class, text).name();
        }
    },
    LOG_FORMAT {
        @Override
        Object parse(String text) {
            return spelling(constant(LogFormat.class, text));
        }
    };

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern SIZE_TEXT = Pattern.compile("(\\d{1,19})(KiB|MiB|GiB|TiB)?");
    private static final List<String> SIZE_UNITS = List.of("", "KiB", "MiB", "GiB", "TiB");

    /** The Logback levels a configuration may name. */
    private enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

    /** The two log formats: readable lines, or one JSON object a line. */
    private enum LogFormat { CONSOLE, JSON }

    private final boolean list;

    ValueType() {
        this(false);
    }

    ValueType(boolean list) {
        this.list = list;
    }

    /** Whether a value of this type is a list; {@link #parse} then reads one element. */
    boolean isList() {
        return list;
    }

    /** One value (one element for a list type) read from {@code text}. */
    abstract Object parse(String text);

    /** One value (one element of a list) as YAML. */
    String format(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quoted(value instanceof Enum<?> constant ? spelling(constant) : value.toString());
    }

    private static String requireText(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return text;
    }

    /**
     * {@code text} as a duration, a whole number and a unit ({@code 30s}), matched once; else why
     * not. Timers are socket timeouts, an int of milliseconds in which 0 means none: zero is
     * refused unless {@code zeroAllowed}.
     */
    private static Duration duration(String text, boolean zeroAllowed) {
        Matcher matcher = DURATION_TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(text + " is not a duration (a number and ms, s, m or h: 30s)");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero() && !zeroAllowed || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(text + " is not between 1ms and 24 days");
        }
        return duration;
    }

    /** {@code text} as a whole number from {@code min} to {@code max}; else "TEXT is not WHAT". */
    private static int integer(String text, int min, int max, String what) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(text + " is not " + what);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(text + " is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(ValueType::spelling).toList()));
    }

    /** How a configuration spells an enum constant: {@code KEEP_FIRST} as {@code keep-first}. */
    private static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code text} as a double-quoted YAML scalar (JSON's escapes, which YAML shares). */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
