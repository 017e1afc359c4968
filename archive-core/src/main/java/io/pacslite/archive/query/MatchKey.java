package io.pacslite.archive.query;

/** A matching key: an attribute, by tag, and how it is matched (PS3.4 C.2.2.2). */
public record MatchKey(int tag, Match match) {
}
