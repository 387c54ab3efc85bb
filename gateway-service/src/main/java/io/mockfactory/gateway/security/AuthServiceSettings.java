package io.mockfactory.gateway.security;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

@ConfigurationProperties("mockfactory.gateway.auth")
public class AuthServiceSettings {
    private String issuer = "https://mockfactory.local";
    private String audience = "mockfactory-api";
    /** How long a verified API key is trusted without asking again; revocation events evict sooner. */
    private Duration apiKeyCacheTtl = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofSeconds(3);

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

    public Duration getApiKeyCacheTtl() {
        return apiKeyCacheTtl;
    }

    public void setApiKeyCacheTtl(Duration apiKeyCacheTtl) {
        this.apiKeyCacheTtl = apiKeyCacheTtl;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }
}
