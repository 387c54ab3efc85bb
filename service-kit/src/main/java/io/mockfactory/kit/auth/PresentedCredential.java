package io.mockfactory.kit.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;

import java.util.Optional;

/**
 * What a request presents as its credential, read the one way every service reads it: {@code X-API-Key: mf_…}, or
 * {@code Authorization: Bearer <credential>} (scheme in any case), where a credential starting with {@code mf_} is an
 * API key and anything else a JWT. Only reading: verifying it is the reader's job.
 */
public sealed interface PresentedCredential {
    String API_KEY_HEADER = "X-API-Key";
    String API_KEY_PREFIX = "mf_";

    record Jwt(String token) implements PresentedCredential {
        @Override
        public String toString() {
            return "Jwt[…]";
        }
    }

    record ApiKey(String key) implements PresentedCredential {
        @Override
        public String toString() {
            return "ApiKey[…]";
        }
    }

    static Optional<PresentedCredential> of(HttpHeaders headers) {
        return of(headers.get(API_KEY_HEADER), headers.get(HttpHeaders.AUTHORIZATION));
    }

    static Optional<PresentedCredential> of(@Nullable String apiKeyHeader, @Nullable String authorization) {
        if (apiKeyHeader != null) {
            return apiKeyHeader.startsWith(API_KEY_PREFIX) ? Optional.of(new ApiKey(apiKeyHeader)) : Optional.empty();
        }
        return bearer(authorization).map(credential ->
                credential.startsWith(API_KEY_PREFIX) ? new ApiKey(credential) : new Jwt(credential));
    }

    /** The credential of {@code Authorization: Bearer <credential>} (scheme in any case), if that is what it holds. */
    public static Optional<String> bearer(@Nullable String authorization) {
        String scheme = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return Optional.empty();
        }
        String credential = authorization.substring(scheme.length()).strip();
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }
}
