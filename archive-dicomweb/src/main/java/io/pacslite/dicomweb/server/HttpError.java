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

    public int status() {
        return status;
    }

    public static HttpError badRequest(String reason) {
        return new HttpError(400, reason);
    }

    public static HttpError notFound(String reason) {
        return new HttpError(404, reason);
    }

    public static HttpError notAcceptable(String reason) {
        return new HttpError(406, reason);
    }

    public static HttpError unsupportedMediaType(String reason) {
        return new HttpError(415, reason);
    }
}
