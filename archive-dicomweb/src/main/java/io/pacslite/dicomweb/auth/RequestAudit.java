package io.pacslite.dicomweb.auth;

import io.pacslite.archive.access.Principal;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditEvent.Action;
import io.pacslite.archive.audit.AuditTrail;
import io.pacslite.dicomweb.server.Requests;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records each request to a route that needs a role in the {@link AuditTrail} (docs/security.md,
 * "Audit trail"): a refused one (401, 403) as {@link Action#REFUSED} with its reason, an
 * allowed one with the action of its route and its status; a study or series retrieved as a
 * ZIP is an {@link Action#EXPORT}. Rendered images, thumbnails and
 * frames are a {@link Action#VIEW}, recorded once per caller, study and minute, not per frame.
 * A request whose path names no study but which stored some ({@link #STUDIES}) is recorded
 * once per study.
 * Query keys are recorded by name; their values may be PHI.
 */
public final class RequestAudit {

    private static final Set<String> VIEWS = Set.of("wado.rendered.frames", "wado.rendered.instance",
            "wado.rendered.series", "wado.rendered.study", "wado.thumbnail.frames", "wado.thumbnail.instance",
            "wado.thumbnail.series", "wado.thumbnail.study", "wado.frames");
    private static final Map<String, Action> OTHERS = Map.ofEntries(Map.entry("stow", Action.STORE),
            Map.entry("delete", Action.DELETE), Map.entry("tokens.create", Action.TOKEN_CREATE),
            Map.entry("tokens.revoke", Action.TOKEN_REVOKE), Map.entry("links.create", Action.LINK_CREATE),
            Map.entry("audit.search", Action.AUDIT_READ), Map.entry("audit.verify", Action.AUDIT_READ),
            Map.entry("anonymize", Action.ANONYMIZE), Map.entry("reports.attach", Action.REPORT),
            Map.entry("reports.replace", Action.REPORT), Map.entry("reports.remove", Action.DELETE),
            Map.entry("reports.list", Action.QUERY), Map.entry("studies.correct", Action.CORRECT),
            Map.entry("imports.create", Action.IMPORT), Map.entry("attachments.get", Action.RETRIEVE),
            Map.entry("attachments.list", Action.QUERY));
    /** What the request changed, for its event's detail (a correction's values before and after); set by the endpoint. */
    public static final AttachmentKey<String> DETAIL = AttachmentKey.create(String.class);

    private static final String ZIP = "application/zip";

    private static final List<String> PATH_PARAMETERS = List.of("study", "series", "instance");

    /**
     * The studies a request stored or changed, for a route whose path names none (STOW-RS to
     * {@code /studies}): its event is recorded once for each of them, read when the response is
     * committed.
     */
    public static final AttachmentKey<Studies> STUDIES = AttachmentKey.create(Studies.class);

    /** The studies a request has touched so far. */
    @FunctionalInterface
    public interface Studies {
        /** Their Study Instance UIDs, each once. */
        List<String> uids();
    }

    private final AuditTrail trail;
    /** The caller, study and minute of each view recorded in the current minute. */
    private final Set<String> viewsThisMinute = ConcurrentHashMap.newKeySet();
    private volatile Instant minute = Instant.EPOCH;

    /** Records into {@code trail}. */
    public RequestAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * Records the request to route {@code route} that ended with {@code status}.
     *
     * @param reason why it failed, or null if it did not
     */
    public void record(HttpServerExchange exchange, String route, int status, String reason) {
        Principal caller = exchange.getAttachment(StudyScope.CALLER);
        Instant now = Instant.now();
        Action action = caller == null ? Action.REFUSED : actionOf(route, exchange);
        if (action == null || action == Action.VIEW && !firstViewThisMinute(caller, exchange, now)) {
            return;
        }
        String pathStudy = parameter(exchange, PATH_PARAMETERS.get(0));
        Studies touched = exchange.getAttachment(STUDIES);
        List<String> studies = pathStudy != null || touched == null || touched.uids().isEmpty()
                ? Collections.singletonList(pathStudy) : touched.uids();
        for (String study : studies) {
            trail.record(new AuditEvent(now, caller == null ? null : caller.name(),
                    caller == null ? null : caller.role().label(), address(exchange), action, study,
                    parameter(exchange, PATH_PARAMETERS.get(1)), parameter(exchange, PATH_PARAMETERS.get(2)),
                    action == Action.QUERY ? queryKeys(exchange) : null,
                    reason == null ? String.valueOf(status) : status + " " + reason, exchange.getAttachment(DETAIL)));
        }
    }

    private static Action actionOf(String route, HttpServerExchange exchange) {
        if (route.startsWith("qido.")) {
            return Action.QUERY;
        }
        if (VIEWS.contains(route)) {
            return Action.VIEW;
        }
        if (route.startsWith("wado")) {
            boolean zip = ZIP.equals(exchange.getResponseHeaders().getFirst(Headers.CONTENT_TYPE));
            return zip ? Action.EXPORT : Action.RETRIEVE;
        }
        return OTHERS.get(route);
    }

    private boolean firstViewThisMinute(Principal caller, HttpServerExchange exchange, Instant now) {
        Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
        if (!thisMinute.equals(minute)) {
            minute = thisMinute;
            viewsThisMinute.clear();
        }
        return viewsThisMinute.add(thisMinute + " " + caller.name() + " " + parameter(exchange, "study"));
    }

    private static String parameter(HttpServerExchange exchange, String name) {
        return Requests.pathParameter(exchange, name);
    }

    /** The query parameters' names; the router adds the path parameters there too, which are left out. */
    private static List<String> queryKeys(HttpServerExchange exchange) {
        List<String> keys = new ArrayList<>(exchange.getQueryParameters().keySet());
        keys.removeAll(PATH_PARAMETERS);
        return keys;
    }

    private static String address(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? null : source.getAddress().getHostAddress();
    }
}
