package io.mockfactory.gateway.security;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

@ConfigurationProperties("mockfactory.gateway.auth")
public class AuthServiceSettings {
    /** How long a verified API key is trusted without asking again; revocation events evict sooner. */
    private Duration apiKeyCacheTtl = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofSeconds(3);
    /** Calls of one caller (user, or client address before sign-in) in flight at once to one internal service. */
    private int callsPerCaller = 32;

    public int getCallsPerCaller() {
        return callsPerCaller;
    }

    public void setCallsPerCaller(int callsPerCaller) {
        this.callsPerCaller = callsPerCaller;
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
