package io.pacslite.dicomweb.auth;

import io.pacslite.archive.Archive;
import io.pacslite.archive.access.Lifetimes;
import io.pacslite.archive.access.ViewerLinks;
import io.pacslite.archive.query.Query;
import io.pacslite.archive.query.QueryEngine;
import io.pacslite.archive.query.QueryLevel;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicomweb.server.DicomWebConfig.LinkPolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Makes signed viewer links ({@link ViewerLinks}) to studies the archive holds, within the
 * configured longest lifetime, and the viewer URL that opens one: OHIF's
 * {@code /viewer?StudyInstanceUIDs=<study>&token=<token>}, whose {@code token} OHIF sends as
 * {@code Authorization: Bearer} on every DICOMweb request (docs/viewer.md). Used by
 * {@code POST /api/links} and by {@code pacslite link create} when no server runs.
 */
public final class LinkIssuer {

    /** How long a link works when the request does not say. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final Archive archive;
    private final LinkPolicy policy;

    public LinkIssuer(Archive archive, LinkPolicy policy) {
        this.archive = archive;
        this.policy = policy;
    }

    /**
     * A link to {@code study} for {@code lifetime} ({@code 30m}, {@code 1h}, {@code 2d}; null: an hour).
     *
     * @throws IllegalArgumentException for an invalid UID, or a lifetime that is malformed or too long
     * @throws NoSuchElementException if the archive holds no such study
     */
    public ViewerLinks.Link create(String study, String lifetime) {
        Duration duration = lifetime == null ? DEFAULT_LIFETIME : Lifetimes.parse(lifetime);
        if (duration.compareTo(policy.maxLifetime()) > 0) {
            throw new IllegalArgumentException("expires " + lifetime + " is longer than links may work (http.link-max-lifetime: "
                    + policy.maxLifetime().toString().substring(2).toLowerCase(Locale.ROOT) + ")");
        }
        ViewerLinks.Link link = archive.viewerLinks().create(study, Instant.now().plus(duration));
        Query query = Query.builder(QueryLevel.STUDY).match(Tag.StudyInstanceUID, study).limit(1).build();
        if (new QueryEngine(archive.index()).search(query).matches().isEmpty()) {
            throw new NoSuchElementException("no study " + study + " in the archive");
        }
        return link;
    }

    /** The URL that opens {@code link}'s study in the viewer served at {@code origin} ({@code http://host:8080}). */
    public static String viewerUrl(String origin, ViewerLinks.Link link) {
        return origin + "/viewer?StudyInstanceUIDs=" + link.study() + "&token="
                + URLEncoder.encode(link.token(), StandardCharsets.US_ASCII);
    }
}
