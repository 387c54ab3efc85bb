package io.mockfactory.gateway.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.gateway.internal.BillingClient;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.internal.billing.Estimate;
import io.mockfactory.internal.billing.UsageReport;
import io.mockfactory.internal.billing.UsageWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The caller's own usage and cost, from billing-service's metering. Always the caller's: the owner comes from the
 * credential, never from the request.
 */
@Controller("/api/v1/billing")
@Tag(name = "Billing")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BillingController {
    private static final MediaType CSV = MediaType.of("text/csv");

    private final BillingClient billing;
    private final PeerCalls calls;
    private final Clock clock;

    public BillingController(BillingClient billing, @Named(Peers.BILLING) PeerCalls calls) {
        this.billing = billing;
        this.calls = calls;
        this.clock = Clock.systemUTC();
    }

    @Get("/usage")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Usage per service type, metric and period: ?from=&to= (ISO-8601 instants; default this month so far), "
            + "granularity=hour|day (default day); service_seconds (exact to the microsecond), storage_byte_hours and stopped_storage_byte_hours "
            + "per storage type, environment_hours and idle_stopped_hours. "
            + "CSV with Accept: text/csv")
    public HttpResponse<?> usage(HttpRequest<?> request, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                 @Nullable @QueryValue String granularity) {
        Instant now = clock.instant();
        String start = from != null ? from : monthStart(now).toString();
        String end = to != null ? to : now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString();
        String by = granularity != null ? granularity : "day";
        UsageWindow window = UsageWindow.parse(start, end, by);
        String owner = caller(request).userId();
        UsageReport report = calls.call(() -> billing.usage(owner, window.from().toString(), window.to().toString(), by));
        if (wantsCsv(request)) {
            return HttpResponse.ok(UsageCsv.render(report)).contentType(CSV);
        }
        return HttpResponse.ok(report).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get("/estimate")
    @Operation(summary = "This calendar month's cost so far (UTC): the tier's monthly base plus its price per service-hour used")
    public Estimate estimate(HttpRequest<?> request) {
        Caller caller = caller(request);
        return calls.call(() -> billing.estimate(caller.userId(), caller.tier()));
    }

    private static boolean wantsCsv(HttpRequest<?> request) {
        return request.getHeaders().get(HttpHeaders.ACCEPT, String.class).map(accept -> accept.contains("text/csv")).orElse(false);
    }

    private static Instant monthStart(Instant now) {
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static Caller caller(HttpRequest<?> request) {
        return request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow();
    }
}
