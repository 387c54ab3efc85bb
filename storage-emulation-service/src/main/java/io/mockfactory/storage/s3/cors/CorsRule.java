package io.mockfactory.storage.s3.cors;

import java.util.List;
import java.util.Locale;

/**
 * One {@code CORSRule} of a bucket's configuration, as PutBucketCors accepted it (see {@link CorsXml}), and whether a
 * cross-origin request matches it. Values are kept as sent (S3 neither trims nor lower-cases them); an origin compares
 * case-sensitively, as S3 compares it, a header name case-insensitively, as HTTP defines header names.
 *
 * @param id            the rule's ID, null when it has none
 * @param maxAgeSeconds null when the rule has none
 */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposeHeaders, Integer maxAgeSeconds) {
    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }

    /**
     * Whether a request from {@code origin} with {@code method} (the actual one, or a preflight's
     * Access-Control-Request-Method) and the header names a preflight announces (empty for an actual request: S3 does
     * not check an actual request's headers) is allowed by this rule.
     */
    public boolean matches(String origin, String method, List<String> requestHeaders) {
        return allowsOrigin(origin) && allowedMethods.contains(method) && requestHeaders.stream().allMatch(this::allowsHeader);
    }

    boolean allowsOrigin(String origin) {
        return allowedOrigins.stream().anyMatch(pattern -> Wildcard.matches(pattern, origin));
    }

    boolean allowsHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return allowedHeaders.stream().anyMatch(pattern -> Wildcard.matches(pattern.strip().toLowerCase(Locale.ROOT), lower));
    }

    /**
     * A rule that lists the origin {@code *} answers {@code Access-Control-Allow-Origin: *} (and then no credentials:
     * a browser refuses credentials with {@code *}); any other rule answers the request's own origin.
     */
    public boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    /** Patterns with at most one {@code *}, which stands for any run of characters, the empty one included. */
    static final class Wildcard {
        private Wildcard() {
        }

        static boolean matches(String pattern, String value) {
            int star = pattern.indexOf('*');
            if (star < 0) {
                return pattern.equals(value);
            }
            String prefix = pattern.substring(0, star);
            String suffix = pattern.substring(star + 1);
            // Prefix and suffix may not share characters of the value: "a*a" does not match "a"
            return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix) && value.endsWith(suffix);
        }

        static boolean hasMoreThanOne(String pattern) {
            int star = pattern.indexOf('*');
            return star >= 0 && pattern.indexOf('*', star + 1) >= 0;
        }
    }
}
