package io.mockfactory.gateway.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.gateway.environment.EnvironmentQuota;
import io.mockfactory.gateway.internal.BillingClient;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.StorageClient;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.gateway.ratelimit.RateLimiter;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.tier.Tiers;
import io.mockfactory.kit.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.math.BigDecimal;

/**
 * The caller's tier, its limits and current use: this minute's requests (the gateway's own count), running
 * environments (from the read model), storage bytes (the storage service's live figure, the one its quota enforces)
 * and this calendar month's service-hours (billing-service's metering). A use whose owner cannot be asked is null.
 */
@Controller("/api/v1/account/limits")
@Tag(name = "Accounts")
public class AccountLimitsController {
    private final Tiers tiers;
    private final EnvironmentQuota quota;
    private final BillingClient billing;
    private final PeerCalls billingCalls;
    private final StorageClient storage;
    private final PeerCalls storageCalls;

    @Serdeable(naming = SnakeCaseStrategy.class)
    /**
     * @param runningEnvironments null while the environment service cannot be asked
     * @param storageBytes null while the storage service cannot be asked
     * @param serviceHoursThisPeriod null while billing-service cannot be asked
     */
    public record Usage(int requestsThisMinute, long windowResetsInSeconds, @Nullable Integer runningEnvironments,
                        @Nullable Long storageBytes, @Nullable BigDecimal serviceHoursThisPeriod) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AccountLimits(String tier, TierLimits limits, Usage usage) {
    }

    public AccountLimitsController(Tiers tiers, EnvironmentQuota quota, BillingClient billing,
                                   @Named(Peers.BILLING) PeerCalls billingCalls, StorageClient storage,
                                   @Named(Peers.STORAGE) PeerCalls storageCalls) {
        this.tiers = tiers;
        this.quota = quota;
        this.billing = billing;
        this.billingCalls = billingCalls;
        this.storage = storage;
        this.storageCalls = storageCalls;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "The caller's tier limits and current use")
    public AccountLimits limits(HttpRequest<?> request) {
        Caller caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow();
        TierLimits limits = tiers.effectiveLimits(caller.tier());
        RateLimiter.Decision window = request.getAttribute(RateLimiter.Decision.ATTRIBUTE, RateLimiter.Decision.class).orElseThrow();
        return new AccountLimits(caller.tier(), limits,
                new Usage(window.limit() - window.remaining(), window.resetSeconds(), runningEnvironments(caller.userId()),
                        storageBytes(caller.userId()), serviceHours(caller)));
    }

    private BigDecimal serviceHours(Caller caller) {
        try {
            return billingCalls.call(() -> billing.estimate(caller.userId(), caller.tier())).serviceHours().values().stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        } catch (ProblemException unavailable) {
            return null;
        }
    }

    private Long storageBytes(String userId) {
        try {
            return storageCalls.call(() -> storage.usage(userId)).bytes();
        } catch (ProblemException unavailable) {
            return null;
        }
    }

    private Integer runningEnvironments(String userId) {
        try {
            return quota.runningEnvironments(userId);
        } catch (ProblemException unavailable) {
            return null;
        }
    }
}
