package io.mockfactory.gateway.security;

/** The authenticated principal of a request; {@code jti} is set for JWTs, {@code apiKeyId} for API keys. */
public record Caller(String userId, String tier, String jti, String apiKeyId) {
    public static final String ATTRIBUTE = "mockfactory.caller";
}
