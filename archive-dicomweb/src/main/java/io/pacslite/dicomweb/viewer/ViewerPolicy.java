package io.pacslite.dicomweb.viewer;

import io.pacslite.dicomweb.server.SecurityHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy (CSP Level 3) of the viewer's files: what OHIF needs and no more.
 * Scripts only from this origin, plus the inline scripts of {@code index.html} by their SHA-256
 * (CSP3 8.4, hash-source; so a script injected into the page does not run) and WebAssembly
 * compilation ({@code 'wasm-unsafe-eval'}: the image codecs are wasm); web workers from this
 * origin and from {@code blob:} URLs (OHIF makes some); inline styles (React sets style
 * attributes); images, fonts and fetches from this origin and {@code data:} / {@code blob:}
 * URLs; plugin content ({@code <object>}) only from this origin or {@code blob:} URLs (the PDF
 * viewport shows a report's /rendered PDF, or a blob of it, in an {@code <object>}); no
 * {@code <base>} elsewhere, forms to this origin only; framed only by the configured ancestors.
 * docs/viewer.md tells how it was found.
 */
final class ViewerPolicy {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private ViewerPolicy() {
    }

    /** The policy for the viewer whose {@code index.html} is {@code indexHtml}. */
    static String of(String indexHtml, List<String> frameAncestors) {
        StringBuilder hashes = new StringBuilder();
        Matcher script = INLINE_SCRIPT.matcher(indexHtml);
        while (script.find()) {
            hashes.append(" 'sha256-").append(sha256(script.group(1))).append('\'');
        }
        return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + hashes
                + "; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
                + " font-src 'self' data:; connect-src 'self' data: blob:; object-src 'self' blob:;"
                + " base-uri 'self';"
                + " form-action 'self'; " + SecurityHeaders.frameAncestors(frameAncestors);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
