package io.mockfactory.gateway.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.gateway.ratelimit.RateLimiter;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.tier.Tiers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The caller's tier, its limits and the use the gateway can see (this minute's requests). Answered here: the tier
 * is in the verified credential and the request counts are the gateway's own. Running environments and storage join
 * {@code usage} when the environment and storage services report them.
 */
@Controller("/api/v1/account/limits")
@Tag(name = "Accounts")
public class AccountLimitsController {
    private final Tiers tiers;

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Usage(int requestsThisMinute, long windowResetsInSeconds) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AccountLimits(String tier, TierLimits limits, Usage usage) {
    }

    public AccountLimitsController(Tiers tiers) {
        this.tiers = tiers;
    }

    @Get
    @Operation(summary = "The caller's tier limits and current use")
    public AccountLimits limits(HttpRequest<?> request) {
        Caller caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow();
        TierLimits limits = tiers.limitsOf(caller.tier()).orElseGet(() -> tiers.limitsOf(Tiers.DEFAULT_TIER).orElseThrow());
        RateLimiter.Decision window = request.getAttribute(RateLimiter.Decision.ATTRIBUTE, RateLimiter.Decision.class).orElseThrow();
        return new AccountLimits(caller.tier(), limits,
                new Usage(window.limit() - window.remaining(), window.resetSeconds()));
    }
}
