package io.pacslite.dimse.association;

import io.pacslite.dimse.pdu.AeTitles;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Who may do what over DIMSE, by calling AE title (PS3.8 section 7.1.1): the permissions of
 * each AE title the rules name, and those of every other one. An AE title is not a password:
 * any device may send any, so the rules keep honest devices apart, and user identity (PS3.7
 * Annex D.3.3.7) and TLS client certificates (PS3.15 Annex B.9) keep out the others:
 * docs/security.md.
 *
 * @param byCallingAeTitle the permissions of each AE title named
 * @param others           the permissions of every calling AE title not named
 */
public record AeRules(Map<String, Set<Permission>> byCallingAeTitle, Set<Permission> others) {

    /** Checks the AE titles and copies everything. */
    public AeRules {
        byCallingAeTitle = byCallingAeTitle.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> AeTitles.require(entry.getKey()), entry -> copy(entry.getValue())));
        others = copy(others);
    }

    /** Rules that let every calling AE title do everything: the default. */
    public static AeRules open() {
        return new AeRules(Map.of(), EnumSet.allOf(Permission.class));
    }

    /** What {@code callingAeTitle} may do. */
    public Set<Permission> allowed(String callingAeTitle) {
        return byCallingAeTitle.getOrDefault(callingAeTitle, others);
    }

    /** One line for the start-up log saying who may do what. */
    public String posture() {
        String named = byCallingAeTitle.isEmpty() ? "no AE title has rules of its own"
                : new TreeMap<>(byCallingAeTitle).entrySet().stream()
                        .map(rule -> rule.getKey() + " " + describe(rule.getValue()))
                        .collect(Collectors.joining("; ", "rules for " + byCallingAeTitle.size() + " AE titles: ", ""));
        String rest = others.isEmpty() ? "any other calling AE title is rejected"
                : others.size() == Permission.values().length ? "any other calling AE title may do everything"
                : "any other calling AE title may " + describe(others);
        return "DIMSE access: " + named + "; " + rest + " (dicom.ae-rules, dicom.other-aes; docs/security.md)";
    }

    /** {@code store, echo}, or {@code nothing}. */
    static String describe(Collection<Permission> permissions) {
        return permissions.isEmpty() ? "nothing"
                : permissions.stream().map(Permission::label).collect(Collectors.joining(", "));
    }

    private static Set<Permission> copy(Collection<Permission> permissions) {
        return permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }
}
