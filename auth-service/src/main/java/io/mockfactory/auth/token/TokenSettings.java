package io.mockfactory.auth.token;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

@ConfigurationProperties("mockfactory.auth")
public class TokenSettings {
    private String issuer = "https://mockfactory.local";
    private String audience = "mockfactory-api";
    private Duration accessTokenTtl = Duration.ofMinutes(15);
    private Duration refreshTokenTtl = Duration.ofDays(30);
    /** A PEM EC P-256 key; when the file exists it is the signing key, otherwise one is generated and stored. */
    private String signingKeyFile = "/run/secrets/jwt_signing_key";

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

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public Duration getRefreshTokenTtl() {
        return refreshTokenTtl;
    }

    public void setRefreshTokenTtl(Duration refreshTokenTtl) {
        this.refreshTokenTtl = refreshTokenTtl;
    }

    public String getSigningKeyFile() {
        return signingKeyFile;
    }

    public void setSigningKeyFile(String signingKeyFile) {
        this.signingKeyFile = signingKeyFile;
    }
}
