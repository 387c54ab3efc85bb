package io.mockfactory.gateway.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.InetAddress;

/**
 * Works out once per request which client sent it ({@link TrustedProxies}) and keeps it on the request, where
 * {@link Caller#clientKey} finds it. It runs before authentication and the rate limits, which count anonymous
 * requests, and on every path, because an internal call made for any route is bounded per caller too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ClientAddressFilter implements Ordered {
    public static final String ATTRIBUTE = "mockfactory.client-address";

    private final TrustedProxies proxies;

    public ClientAddressFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @RequestFilter
    public void resolve(HttpRequest<?> request) {
        request.setAttribute(ATTRIBUTE, proxies.clientOf(request.getRemoteAddress().getAddress(),
                request.getHeaders().getAll(TrustedProxies.FORWARDED_FOR)));
    }

    /** The resolved client, or the socket's peer for a request this filter has not seen. */
    public static InetAddress of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, InetAddress.class)
                .orElseGet(() -> request.getRemoteAddress().getAddress());
    }

    @Override
    public int getOrder() {
        // before AuthenticationFilter (SECURITY) and RateLimitFilter (SECURITY.after())
        return ServerFilterPhase.SECURITY.before();
    }
}
