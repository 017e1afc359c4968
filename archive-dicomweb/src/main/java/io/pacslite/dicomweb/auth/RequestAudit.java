package io.pacslite.dicomweb.auth;

import io.pacslite.archive.access.Principal;
import io.pacslite.archive.audit.AuditEvent;
import io.pacslite.archive.audit.AuditEvent.Action;
import io.pacslite.archive.audit.AuditTrail;
import io.pacslite.dicomweb.server.Requests;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records each request to a route that needs a role in the {@link AuditTrail} (docs/security.md,
 * "Audit trail"): a refused one (401, 403) as {@link Action#REFUSED} with its reason, an
 * allowed one with the action of its route and its status. Rendered images, thumbnails and
 * frames are a {@link Action#VIEW}, recorded once per caller, study and minute, not per frame.
 * Query keys are recorded by name; their values may be PHI.
 */
public final class RequestAudit {

    private static final Set<String> VIEWS = Set.of("wado.rendered.frames", "wado.rendered.instance",
            "wado.rendered.series", "wado.rendered.study", "wado.thumbnail.frames", "wado.thumbnail.instance",
            "wado.thumbnail.series", "wado.thumbnail.study", "wado.frames");
    private static final Map<String, Action> OTHERS = Map.of("stow", Action.STORE, "delete", Action.DELETE,
            "tokens.create", Action.TOKEN_CREATE, "tokens.revoke", Action.TOKEN_REVOKE,
            "links.create", Action.LINK_CREATE, "imports.create", Action.IMPORT, "attachments.get", Action.RETRIEVE,
            "attachments.list", Action.QUERY);

    private static final List<String> PATH_PARAMETERS = List.of("study", "series", "instance");

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
        Action action = caller == null ? Action.REFUSED : actionOf(route);
        if (action == null || action == Action.VIEW && !firstViewThisMinute(caller, exchange, now)) {
            return;
        }
        trail.record(new AuditEvent(now, caller == null ? null : caller.name(),
                caller == null ? null : caller.role().label(), address(exchange), action,
                parameter(exchange, PATH_PARAMETERS.get(0)), parameter(exchange, PATH_PARAMETERS.get(1)),
                parameter(exchange, PATH_PARAMETERS.get(2)),
                action == Action.QUERY ? queryKeys(exchange) : null,
                reason == null ? String.valueOf(status) : status + " " + reason));
    }

    private static Action actionOf(String route) {
        if (route.startsWith("qido.")) {
            return Action.QUERY;
        }
        if (VIEWS.contains(route)) {
            return Action.VIEW;
        }
        if (route.startsWith("wado")) {
            return Action.RETRIEVE;
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
