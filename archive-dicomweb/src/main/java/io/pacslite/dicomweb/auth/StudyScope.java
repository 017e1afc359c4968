package io.pacslite.dicomweb.auth;

import io.pacslite.archive.access.Principal;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/**
 * What a caller limited to one study (a signed viewer link, {@link Principal#study()}) may
 * reach, decided here for every route: reading only (GET and HEAD), and a route that names a
 * study, in its path ({@code /dicom-web/studies/{study}/...}) or in WADO-URI's {@code studyUID}
 * (PS3.18 9.2), must name that one; anything else is 403. A route that names no study (QIDO-RS
 * at {@code /studies}, {@code /series}, {@code /instances}) is searched within the study:
 * {@link #of} gives it, and the query engine gets it as a StudyInstanceUID key that replaces
 * any the request sent.
 */
public final class StudyScope {

    /** The authenticated caller of a request, once {@link Access} has let it through. */
    static final AttachmentKey<Principal> CALLER = AttachmentKey.create(Principal.class);

    private static final String INSUFFICIENT_SCOPE = "Bearer realm=\"pacslite\", error=\"insufficient_scope\"";

    private StudyScope() {
    }

    /** The one study the caller of {@code exchange} may see, or null if it is not limited to one. */
    public static String of(HttpServerExchange exchange) {
        Principal caller = exchange.getAttachment(CALLER);
        return caller == null ? null : caller.study();
    }

    /** How the trail and logs name the caller of {@code exchange} ({@code token ci-upload}), or null before {@link Access}. */
    public static String callerName(HttpServerExchange exchange) {
        Principal caller = exchange.getAttachment(CALLER);
        return caller == null ? null : caller.name();
    }

    /** @throws HttpError 403 if {@code caller} is limited to a study and the request reaches beyond it */
    static void check(HttpServerExchange exchange, Principal caller) {
        if (caller.study() == null) {
            return;
        }
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            throw refused(exchange, caller, "may only read");
        }
        String named = Requests.pathParameter(exchange, "study");
        if (named == null) {
            named = Requests.query(exchange, "studyUID");
        }
        if (named != null && !named.equals(caller.study())) {
            throw refused(exchange, caller, "may read one study only, not " + named);
        }
    }

    private static HttpError refused(HttpServerExchange exchange, Principal caller, String reason) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, INSUFFICIENT_SCOPE);
        return new HttpError(403, caller.name() + " " + reason);
    }
}
