package io.mockfactory.gateway.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.MutableHttpRequest;
import io.mockfactory.gateway.ratelimit.RateLimitFilter;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static io.mockfactory.gateway.security.TrustedProxiesTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-client key the rate limits and per-caller bulkheads use, as the filter leaves it on a request. */
class ClientAddressFilterTest {
    private final ClientAddressFilter filter = new ClientAddressFilter(TrustedProxies.of("172.18.0.0/16"));

    @Test
    void shouldKeyAClientBehindATrustedProxyByTheAddressTheProxyNames() {
        HttpRequest<?> request = from("172.18.0.5", HttpRequest.POST("/api/v1/auth/login", "{}")
                .header("X-Forwarded-For", "6.6.6.6, 198.51.100.1"));
        filter.resolve(request);
        assertEquals("client:198.51.100.1", Caller.clientKey(request));
        assertEquals("client:198.51.100.1", Caller.limitKey(request));
    }

    @Test
    void shouldKeyADirectClientByItsSocketAddressWhateverItSends() {
        HttpRequest<?> request = from("203.0.113.9", HttpRequest.POST("/api/v1/auth/login", "{}")
                .header("X-Forwarded-For", "198.51.100.1"));
        filter.resolve(request);
        assertEquals("client:203.0.113.9", Caller.clientKey(request));
    }

    @Test
    void shouldFallBackToTheSocketAddressForARequestTheFilterHasNotSeen() {
        HttpRequest<?> request = from("172.18.0.5", HttpRequest.GET("/health").header("X-Forwarded-For", "198.51.100.1"));
        assertEquals("client:172.18.0.5", Caller.clientKey(request));
    }

    @Test
    void shouldStillKeyASignedInCallerByUser() {
        HttpRequest<?> request = from("172.18.0.5", HttpRequest.GET("/api/v1/environments")
                .header("X-Forwarded-For", "198.51.100.1"));
        filter.resolve(request);
        request.setAttribute(Caller.ATTRIBUTE, new Caller("usr_1", "beginner", "jti", null));
        assertEquals("user:usr_1", Caller.limitKey(request));
    }

    @Test
    void shouldRunBeforeAuthenticationAndTheRateLimits() {
        AuthenticationFilter authentication = new AuthenticationFilter(null, null);
        RateLimitFilter rateLimits = new RateLimitFilter(null, null, null, null);
        assertTrue(filter.getOrder() < authentication.getOrder());
        assertTrue(filter.getOrder() < rateLimits.getOrder());
    }

    /** A request as the server would see it from {@code peer}. */
    private static <B> HttpRequest<B> from(String peer, MutableHttpRequest<B> request) {
        InetSocketAddress remote = new InetSocketAddress(ip(peer), 40000);
        return new HttpRequestWrapper<>(request) {
            @Override
            public InetSocketAddress getRemoteAddress() {
                return remote;
            }
        };
    }
}
