package io.mockfactory.gateway.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Limits of the session endpoints (register, login, refresh), stricter than any tier's. */
@ConfigurationProperties("mockfactory.gateway.rate-limit")
public class RateLimitSettings {
    private int authPerClientPerMinute = 20;
    private int authPerAccountPerMinute = 5;

    public int getAuthPerClientPerMinute() {
        return authPerClientPerMinute;
    }

    public void setAuthPerClientPerMinute(int authPerClientPerMinute) {
        this.authPerClientPerMinute = authPerClientPerMinute;
    }

    public int getAuthPerAccountPerMinute() {
        return authPerAccountPerMinute;
    }

    public void setAuthPerAccountPerMinute(int authPerAccountPerMinute) {
        this.authPerAccountPerMinute = authPerAccountPerMinute;
    }
}
