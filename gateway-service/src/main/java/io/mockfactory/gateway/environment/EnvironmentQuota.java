package io.mockfactory.gateway.environment;

import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

/**
 * A tier's running-environment quota, counted in the read model: provisioning, starting, running and stopping
 * environments hold resources; stopped, failed and destroyed ones do not. The count is as fresh as the read model,
 * so two creates racing for the last slot can both pass; the limit is a fair-use bound, not a hard reservation.
 */
@Singleton
public class EnvironmentQuota {
    private final EnvironmentReadModel readModel;

    public EnvironmentQuota(EnvironmentReadModel readModel) {
        this.readModel = readModel;
    }

    public int runningEnvironments(String userId) {
        return readModel.runningEnvironments(userId);
    }

    /** Refuses one more running environment when the tier's quota is used up. */
    public void requireRoomForOneMore(String userId, String tier, TierLimits limits) {
        int running = runningEnvironments(userId);
        if (running >= limits.runningEnvironments()) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "The " + tier + " tier allows "
                    + limits.runningEnvironments() + " running environments and " + running
                    + " are running; stop or delete one first.");
        }
    }
}
