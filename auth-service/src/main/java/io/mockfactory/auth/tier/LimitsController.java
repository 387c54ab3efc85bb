package io.mockfactory.auth.tier;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.auth.caller.Callers;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.tier.Tiers;

/**
 * The caller's tier and its limits. Current use of environments and storage is not here yet: it lives in the
 * environment and billing services, which do not expose it until the environment lifecycle lands.
 */
@Controller("/api/v1/account/limits")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LimitsController {
    private final Callers callers;
    private final Tiers tiers;

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AccountLimits(String tier, TierLimits limits) {
    }

    public LimitsController(Callers callers, Tiers tiers) {
        this.callers = callers;
        this.tiers = tiers;
    }

    @Get
    public AccountLimits limits(HttpRequest<?> request) throws Exception {
        String tier = callers.require(request).tier();
        return new AccountLimits(tier, tiers.limitsOf(tier).orElseThrow());
    }
}
