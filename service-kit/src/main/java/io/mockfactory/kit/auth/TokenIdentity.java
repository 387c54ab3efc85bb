package io.mockfactory.kit.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Who issues access tokens and for whom: auth-service stamps these claims, the gateway demands them. One setting
 * ({@code mockfactory.auth.issuer/audience}) read by both, so they cannot drift apart.
 */
@ConfigurationProperties("mockfactory.auth")
public class TokenIdentity {
    private String issuer = "https://mockfactory.local";
    private String audience = "mockfactory-api";

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }
}
