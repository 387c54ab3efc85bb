package io.mockfactory.gateway.environment;

import io.mockfactory.gateway.command.EnvironmentCommands;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

/**
 * A tier's running-environment quota, a hard bound: provisioning, starting, running and stopping environments hold
 * a slot; stopped, failed and destroyed ones do not. A create or start reserves its slot (QuotaClaims) in the
 * transaction that writes its command, under the user's lock, so creates racing for the last slot pass one at a
 * time. The read model's count is shown to users and refuses early; the claims are what decide.
 */
@Singleton
public class EnvironmentQuota {
    private final EnvironmentReadModel readModel;
    private final QuotaClaims claims;

    public EnvironmentQuota(EnvironmentReadModel readModel, QuotaClaims claims) {
        this.readModel = readModel;
        this.claims = claims;
    }

    /** The slot one more active environment needs, for its command's transaction. */
    public EnvironmentCommands.Reservation slot(String userId, String tier, TierLimits limits) {
        return (tx, environmentId) -> {
            int held = claims.heldExcept(tx, userId, environmentId);
            if (held >= limits.runningEnvironments()) {
                throw exceeded(tier, limits, held);
            }
            claims.claim(tx, userId, environmentId);
        };
    }

    /** Frees a slot the gateway has seen freed itself (it also learns so from the event stream). */
    public void released(String environmentId) throws Exception {
        claims.releaseNow(environmentId);
    }

    public int runningEnvironments(String userId) {
        return readModel.runningEnvironments(userId);
    }

    /** Refuses one more running environment when the tier's quota is used up. */
    public void requireRoomForOneMore(String userId, String tier, TierLimits limits) {
        int running = runningEnvironments(userId);
        if (running >= limits.runningEnvironments()) {
            throw exceeded(tier, limits, running);
        }
    }

    private static ProblemException exceeded(String tier, TierLimits limits, int running) {
        return new ProblemException(ProblemType.QUOTA_EXCEEDED, "The " + tier + " tier allows "
                + limits.runningEnvironments() + " running environments and " + running
                + " are running; stop or delete one first.");
    }
}
