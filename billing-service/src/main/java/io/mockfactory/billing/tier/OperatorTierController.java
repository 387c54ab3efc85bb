package io.mockfactory.billing.tier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.tier.Tiers;
import io.mockfactory.kit.web.Problem;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.util.List;

/**
 * For self-hosted deployments without payments: an operator sets a user's tier directly. Internal token only (this
 * service refuses any other caller), e.g.
 * {@code curl -X PUT -H "X-Internal-Token: $(cat internal_token)" -d '{"tier":"professional"}' …/internal/billing/users/usr_…/tier}.
 */
@Controller("/internal/billing/users/{userId}/tier")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OperatorTierController {
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record TierRequest(@Nullable String tier) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record TierSet(String userId, String tier, @Nullable String previousTier) {
    }

    private final Transactions transactions;
    private final TierChanges changes;
    private final Tiers tiers;

    public OperatorTierController(Transactions transactions, TierChanges changes, Tiers tiers) {
        this.transactions = transactions;
        this.changes = changes;
        this.tiers = tiers;
    }

    @Put
    public TierSet set(@PathVariable String userId, @Body TierRequest request) throws Exception {
        if (!userId.startsWith("usr_")) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No user " + userId + ".");
        }
        String tier = request.tier();
        if (tier == null || !tiers.names().contains(tier)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown tier.",
                    List.of(new Problem.FieldError("tier", "must be one of " + tiers.names())));
        }
        String previous = transactions.inTransaction(tx -> changes.set(tx, userId, tier, "operator").orElse(null));
        return new TierSet(userId, tier, previous);
    }
}
