package io.pacslite.dicomweb.server;

/**
 * A request that ends in an HTTP error status with a reason for the client (PS3.18 8.5: the
 * reason goes in the body and in a Warning header). Thrown by endpoints; the router answers it.
 */
public final class HttpError extends RuntimeException {

    private final int status;

    public HttpError(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** 400: the request is malformed. */
    public static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    /** 404: nothing is stored there. */
    public static HttpError notFound(String reason) {
        return new HttpError(404, reason);
    }

    /** 406: the Accept cannot be met (PS3.18 8.7). */
    public static HttpError notAcceptable(String reason) {
        return new HttpError(406, reason);
    }

    /** 415: the request body's media type is not supported. */
    public static HttpError unsupportedMediaType(String reason) {
        return new HttpError(415, reason);
    }
}
