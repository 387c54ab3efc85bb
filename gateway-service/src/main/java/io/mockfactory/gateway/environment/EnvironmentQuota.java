package io.mockfactory.gateway.environment;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.mockfactory.gateway.environment.EnvironmentReadModel.encode;

/**
 * A tier's running-environment quota, counted in the read model: provisioning, starting, running and stopping
 * environments hold resources; stopped, failed and destroyed ones do not. The count is as fresh as the read model,
 * so two creates racing for the last slot can both pass; the limit is a fair-use bound, not a hard reservation.
 */
@Singleton
public class EnvironmentQuota {
    private static final Argument<Map<String, Object>> DOCUMENT = Argument.mapOf(String.class, Object.class);

    private final EnvironmentReadModel readModel;
    private final JsonMapper json;

    public EnvironmentQuota(EnvironmentReadModel readModel, JsonMapper json) {
        this.readModel = readModel;
        this.json = json;
    }

    public int runningEnvironments(String userId) {
        HttpResponse<byte[]> answer = readModel.get("/internal/environments/usage?user_id=" + encode(userId));
        try {
            if (answer.statusCode() == 200) {
                Object count = json.readValue(answer.body(), DOCUMENT).get("running_environments");
                if (count instanceof Number number) {
                    return number.intValue();
                }
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ProblemException(ProblemType.BAD_GATEWAY, "Environment usage is unavailable; retry shortly.");
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
