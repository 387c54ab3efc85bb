package io.mockfactory.internal.billing;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/** billing-service's metering as the gateway queries it; every query names the owner. */
public interface BillingOperations {

    /** @param from ISO-8601 instant, inclusive; @param to exclusive; @param granularity hour or day */
    @Get("/internal/billing/usage")
    UsageReport usage(@QueryValue("user_id") String userId, @QueryValue String from, @QueryValue String to,
                      @QueryValue String granularity) throws Exception;

    @Get("/internal/billing/estimate")
    Estimate estimate(@QueryValue("user_id") String userId, @QueryValue String tier) throws Exception;
}
