package io.mockfactory.storage.s3.cors;

import io.mockfactory.storage.s3.S3Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Access-Control-*} headers of an answer to a cross-origin request, from the rule that matched it, in S3's
 * order. A browser lets the page read only the CORS-safelisted response headers and those named in
 * {@code Access-Control-Expose-Headers}: the rule's ExposeHeaders and nothing else, so an ETag is readable only when
 * the rule exposes it, as on S3.
 */
final class CorsHeaders {
    static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    private CorsHeaders() {
    }

    /** @param allowHeaders what a preflight asked for (lower-cased, as S3 echoes it), empty for an actual request */
    static void add(S3Response response, CorsRule rule, String origin, List<String> allowHeaders) {
        response.header("Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin);
        response.header("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!allowHeaders.isEmpty()) {
            response.header("Access-Control-Allow-Headers", String.join(", ", allowHeaders));
        }
        if (!rule.exposeHeaders().isEmpty()) {
            response.header("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        response.header("Access-Control-Max-Age", rule.maxAgeSeconds());
        if (!rule.anyOrigin()) {
            response.header("Access-Control-Allow-Credentials", "true");
        }
        response.header("Vary", VARY);
    }

    /** The names of {@code Access-Control-Request-Headers}: trimmed, lower-cased, empty items dropped. */
    static List<String> requested(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        for (String item : header.split(",")) {
            String name = item.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
