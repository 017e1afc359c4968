package io.pacslite.archive.access;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a token or a viewer link works, as users write it: {@code 30m}, {@code 12h}, {@code 30d}. */
public final class Lifetimes {

    private static final Pattern LIFETIME = Pattern.compile("(\\d{1,6})([mhd])");

    private Lifetimes() {
    }

    /**
     * The lifetime {@code text} spells: a number above zero and m (minutes), h (hours) or d (days).
     *
     * @throws IllegalArgumentException if it spells none
     */
    public static Duration parse(String text) {
        Matcher matcher = LIFETIME.matcher(text);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("expires " + text + " is not a lifetime (a number and m, h or d: 30d)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
