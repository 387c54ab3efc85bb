package io.mockfactory.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_requests_total{method,endpoint,status}} and {@code http_request_duration_seconds{method,endpoint}}, the
 * names the alert rules and the dashboard use, on every service.
 * <p>
 * Every label is bounded: {@code endpoint} is the matched route's template ({@code /api/v1/environments/{id}}), never
 * the path, and {@code unmatched} when no route matched, so neither ids nor a scanner's guesses become series;
 * {@code method} is a standard verb or {@code OTHER}; {@code status} is the code the client got.
 * <p>
 * Runs in the METRICS phase, outside the internal-token check (SECURITY), so its 401s are counted too; a controller's
 * exception has already become its error response when the response filter sees it, so that is counted with its final
 * status.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class HttpMetricsFilter implements Ordered {
    static final String REQUESTS = "http.requests";
    static final String DURATION = "http.request.duration";
    static final String UNMATCHED = "unmatched";
    /** Explicit buckets, enough for p50/p95/p99 of an API between 5 ms and 10 s without 70 percentile buckets. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(75), Duration.ofMillis(100), Duration.ofMillis(150),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofMillis(7500), Duration.ofSeconds(10)};
    private static final String STARTED = HttpMetricsFilter.class.getName() + ".started";

    private final Meter.MeterProvider<Counter> requests;
    private final Meter.MeterProvider<Timer> durations;

    public HttpMetricsFilter(MeterRegistry registry) {
        this.requests = Counter.builder(REQUESTS).description("HTTP requests answered, by route template and status")
                .withRegistry(registry);
        this.durations = Timer.builder(DURATION).description("Time to produce the response, by route template")
                .serviceLevelObjectives(BUCKETS).publishPercentileHistogram(false).withRegistry(registry);
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, HttpResponse<?> response) {
        String method = method(request);
        String endpoint = endpoint(request);
        requests.withTags("method", method, "endpoint", endpoint, "status", String.valueOf(response.code())).increment();
        request.getAttribute(STARTED, Long.class).ifPresent(started -> durations.withTags("method", method,
                "endpoint", endpoint).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** Anything the server parsed as a method it does not know (CUSTOM) is one value, not one series per spelling. */
    static String method(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        return method == HttpMethod.CUSTOM ? "OTHER" : method.name();
    }

    /**
     * The template the router matched, which the server records on the request before the filters run and which an
     * error route does not overwrite; its query part ({@code {?cursor,limit}}) is no part of the endpoint.
     */
    static String endpoint(HttpRequest<?> request) {
        return BasicHttpAttributes.getUriTemplate(request).map(HttpMetricsFilter::pathOf).orElse(UNMATCHED);
    }

    private static String pathOf(String template) {
        int query = template.indexOf("{?");
        int fragment = template.indexOf("{#");
        int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        String path = end < 0 ? template : template.substring(0, end);
        return path.isEmpty() ? "/" : path;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.METRICS.order();
    }
}
