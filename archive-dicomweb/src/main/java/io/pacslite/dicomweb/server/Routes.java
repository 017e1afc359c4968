package io.pacslite.dicomweb.server;

import io.pacslite.archive.access.Role;
import io.pacslite.dicomweb.auth.Access;
import io.pacslite.dicomweb.auth.RequestAudit;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route table: method and path template ({@code /dicom-web/studies/{study}}) to a named
 * {@link Endpoint}. Matching happens on the IO thread; the endpoint runs on the blocking
 * executor (virtual threads) with the exchange in blocking mode, after {@link Access} has
 * checked that the caller has the role the route was added with. An {@link HttpError} becomes
 * its status and reason; any other exception a 500, logged. Each request to a route that
 * needs a role is then recorded in the audit trail ({@link RequestAudit}).
 */
public final class Routes {

    /** The endpoint name of the matched route, for the access log and metrics. */
    static final AttachmentKey<String> ENDPOINT = AttachmentKey.create(String.class);
    /** Why a request failed, for its audit event. */
    private static final AttachmentKey<String> FAILURE = AttachmentKey.create(String.class);

    /** Where the DICOMweb resources live (PS3.18 8.2: the service's base URL). */
    public static final String BASE = "/dicom-web";
    /** The path templates of the resources (PS3.18 10.4.1.1), with parameters study, series, instance. */
    public static final String STUDY = BASE + "/studies/{study}";
    public static final String SERIES = STUDY + "/series/{series}";
    public static final String INSTANCE = SERIES + "/instances/{instance}";

    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final RoutingHandler routing = new RoutingHandler(false);
    private final List<Route> table = new ArrayList<>();
    private final Executor blocking;
    private final Access access;
    private final RequestAudit audit;

    Routes(Executor blocking, Access access, RequestAudit audit) {
        this.blocking = blocking;
        this.access = access;
        this.audit = audit;
        routing.setFallbackHandler(exchange -> Responses.error(exchange, 404, "no such resource"));
        routing.setInvalidMethodHandler(exchange -> Responses.error(exchange, 405,
                exchange.getRequestMethod() + " is not supported on this resource"));
    }

    /**
     * One registered route.
     *
     * @param role the role a caller needs; empty: open to anyone, without credentials
     */
    public record Route(HttpString method, String template, String name, Optional<Role> role) {
    }

    /**
     * Where to add routes that a caller needs {@code role} (or a role that includes it) for. A
     * route cannot be added without saying who may call it: this and {@link #open()} are the
     * only ways in.
     */
    public Group requiring(Role role) {
        return new Group(Optional.of(role));
    }

    /**
     * Where to add routes open to anyone, without credentials: only for what holds no patient
     * data and changes nothing ({@code /health}, the viewer's files).
     */
    public Group open() {
        return new Group(Optional.empty());
    }

    /** Every route added, in order (HEAD routes, which follow their GET route, are not listed). */
    List<Route> table() {
        return List.copyOf(table);
    }

    /** Adds routes that all need the same role (or none). */
    public final class Group {

        private final Optional<Role> role;

        private Group(Optional<Role> role) {
            this.role = role;
        }

        /** Adds a GET (and HEAD) route; {@code name} labels it in the access log and metrics. */
        public Group get(String template, String name, Endpoint endpoint) {
            return add(Methods.GET, template, name, endpoint);
        }

        /** Adds a POST route. */
        public Group post(String template, String name, Endpoint endpoint) {
            return add(Methods.POST, template, name, endpoint);
        }

        /** Adds a PUT route. */
        public Group put(String template, String name, Endpoint endpoint) {
            return add(Methods.PUT, template, name, endpoint);
        }

        /** Adds a PATCH route. */
        public Group patch(String template, String name, Endpoint endpoint) {
            return add(Methods.PATCH, template, name, endpoint);
        }

        /** Adds a DELETE route. */
        public Group delete(String template, String name, Endpoint endpoint) {
            return add(Methods.DELETE, template, name, endpoint);
        }

        /**
         * Adds a route. HEAD is answered for every GET route by the same endpoint (Undertow
         * drops the body).
         */
        public Group add(HttpString method, String template, String name, Endpoint endpoint) {
            HttpHandler handler = dispatcher(name, role, endpoint);
            routing.add(method, template, handler);
            if (method.equals(Methods.GET)) {
                routing.add(Methods.HEAD, template, handler);
            }
            table.add(new Route(method, template, name, role));
            return this;
        }

        /**
         * Sends every request that no route matches to {@code endpoint} (run like a route's),
         * instead of answering 404. The viewer at {@code /} is such a catch-all.
         */
        public Group fallback(String name, Endpoint endpoint) {
            routing.setFallbackHandler(dispatcher(name, role, endpoint));
            return this;
        }
    }

    HttpHandler handler() {
        return routing;
    }

    private HttpHandler dispatcher(String name, Optional<Role> role, Endpoint endpoint) {
        return exchange -> {
            exchange.putAttachment(ENDPOINT, name);
            exchange.dispatch(blocking, blockingExchange -> run(blockingExchange, role, endpoint));
        };
    }

    /**
     * Checks the caller (on the blocking thread: it may read the index), then runs the endpoint.
     * A request to a route that needs a role is recorded in the audit trail when its response
     * is committed, before the client can have it, so that a client that reads the trail next
     * finds the event there.
     */
    private void run(HttpServerExchange exchange, Optional<Role> role, Endpoint endpoint) {
        exchange.setMaxEntitySize(DicomWebConfig.MAX_OTHER_REQUEST_BYTES);
        exchange.startBlocking();
        if (role.isPresent()) {
            exchange.addResponseCommitListener(committed -> audit.record(committed, committed.getAttachment(ENDPOINT),
                    committed.getStatusCode(), committed.getAttachment(FAILURE)));
        }
        try {
            if (role.isPresent()) {
                access.check(exchange, role.get());
            }
            endpoint.handle(exchange);
        } catch (HttpError e) {
            exchange.putAttachment(FAILURE, e.getMessage());
            Responses.error(exchange, e.status(), e.getMessage());
        } catch (NoSuchFileException e) {
            LOG.error("{} {}: an indexed file is missing: {}", exchange.getRequestMethod(), exchange.getRequestPath(),
                    e.getMessage());
            Responses.error(exchange, 503, "a stored file is missing; run pacslite verify");
        } catch (Exception e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            Responses.error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }
}
