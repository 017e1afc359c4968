package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.image.RenderOptions;
import io.pacslite.dicom.image.Window;
import io.pacslite.dicomweb.server.HttpError;
import io.pacslite.dicomweb.server.Requests;
import io.undertow.server.HttpServerExchange;
import java.util.function.Function;

/**
 * The query parameters of a rendered resource (PS3.18 8.3.5.1): {@code annotation}
 * (8.3.5.1.1), {@code window} (8.3.5.1.4), {@code viewport} (8.3.5.1.3), {@code quality}
 * (8.3.5.1.2, 1 to 100, JPEG only), and two extensions: {@code invert=true}, which shows black
 * as white, and {@code overlays=true}, which draws the image's overlay planes (PS3.3 C.9.2)
 * white on it. {@code iccprofile} is not supported and, as the standard asks of unsupported
 * parameters, ignored. A value that cannot be read is a 400 naming the parameter.
 *
 * @param window     the window to apply, or null for the image's own (PS3.3 C.11.2)
 * @param viewport   the viewport, or null for the image's own size
 * @param quality    JPEG quality, 1 to 100
 * @param invert     whether to invert the grey levels
 * @param overlays   whether to draw the overlay planes
 * @param annotation the text to write on the image, or null for none
 */
record RenderingParameters(Window window, Viewport viewport, int quality, boolean invert, boolean overlays,
        Annotation annotation) {

    static final int DEFAULT_QUALITY = 90;

    /** The parameters of {@code exchange}. */
    static RenderingParameters of(HttpServerExchange exchange) {
        return new RenderingParameters(parameter("window", Requests.query(exchange, "window"), Window::parse),
                parameter("viewport", Requests.query(exchange, "viewport"), Viewport::parse),
                quality(Requests.query(exchange, "quality")),
                "true".equalsIgnoreCase(Requests.query(exchange, "invert")),
                "true".equalsIgnoreCase(Requests.query(exchange, "overlays")),
                parameter("annotation", Requests.query(exchange, "annotation"), Annotation::parse));
    }

    /** The options of the pixel pipeline. */
    RenderOptions options() {
        return new RenderOptions(window, invert, overlays);
    }

    /** A short, file-name-safe text naming these parameters, for the thumbnail cache's keys. */
    String cacheKey() {
        return (window == null ? "w-" : "w" + window.center() + "_" + window.width() + "_" + window.function())
                + (viewport == null ? "v-" : "v" + viewport.width() + "x" + viewport.height() + "_" + viewport.sx() + "_"
                        + viewport.sy() + "_" + viewport.sw() + "_" + viewport.sh())
                + "q" + quality + (invert ? "i" : "") + (overlays ? "o" : "")
                + (annotation == null ? "" : "a" + (annotation.patient() ? "p" : "") + (annotation.technique() ? "t" : ""));
    }

    /** {@code text} read by {@code parse}, or null when absent; 400 naming {@code name} when unreadable. */
    private static <T> T parameter(String name, String text, Function<String, T> parse) {
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(name + ": " + e.getMessage());
        }
    }

    private static int quality(String text) {
        if (text == null) {
            return DEFAULT_QUALITY;
        }
        try {
            int quality = Integer.parseInt(text.strip());
            if (quality >= 1 && quality <= 100) {
                return quality;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HttpError.badRequest("quality must be an integer from 1 to 100, not \"" + text + "\"");
    }
}
