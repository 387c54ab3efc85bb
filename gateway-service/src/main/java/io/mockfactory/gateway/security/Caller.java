package io.mockfactory.gateway.security;

/** The authenticated principal of a request; {@code jti} is set for JWTs, {@code apiKeyId} for API keys. */
public record Caller(String userId, String tier, String jti, String apiKeyId) {
    public static final String ATTRIBUTE = "mockfactory.caller";

    /** Whom a request's limits count against: its user, or before sign-in the client's address. */
    public static String limitKey(io.micronaut.http.HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class).map(caller -> userKey(caller.userId()))
                .orElseGet(() -> clientKey(request));
    }

    public static String userKey(String userId) {
        return "user:" + userId;
    }

    /** The client's address as {@link ClientAddressFilter} resolved it: behind trusted proxies, the one they name. */
    public static String clientKey(io.micronaut.http.HttpRequest<?> request) {
        return "client:" + ClientAddressFilter.of(request).getHostAddress();
    }
}
