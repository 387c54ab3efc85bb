package io.mockfactory.environment.projection;

import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.events.Message;
import io.mockfactory.events.environment.EnvironmentDestroyed;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.events.environment.EnvironmentRunning;
import io.mockfactory.events.environment.EnvironmentStopped;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.status.ServiceStatus;

import java.util.Collection;
import java.util.Optional;

/**
 * An environment's services are run by different owners (processes by the provisioner, buckets by the storage
 * emulation), so only the read model sees them all: it decides when the environment as a whole is running, stopped,
 * destroyed or failed, from the status of every service it asked for.
 */
final class EnvironmentRollup {
    private EnvironmentRollup() {
    }

    /**
     * @param current         the environment's status before the service event
     * @param serviceStatuses the status of every requested service after it ({@code null} for one not heard of yet)
     * @param trigger         the service event that was just applied
     * @return the environment event the change completes, if any
     */
    static Optional<Message> after(EnvironmentStatus current, Collection<String> serviceStatuses, Message trigger) {
        if (current.isFinal()) {
            return Optional.empty();
        }
        if (trigger instanceof ServiceFailed failed && current != EnvironmentStatus.DESTROYING
                && current != EnvironmentStatus.FAILED) {
            return Optional.of(new EnvironmentFailed(failed.service() + ": " + failed.reason()));
        }
        return switch (current) {
            case PROVISIONING, STARTING -> all(serviceStatuses, ServiceStatus.RUNNING) ? Optional.of(new EnvironmentRunning()) : Optional.empty();
            case STOPPING -> all(serviceStatuses, ServiceStatus.STOPPED) ? Optional.of(new EnvironmentStopped()) : Optional.empty();
            case DESTROYING -> all(serviceStatuses, ServiceStatus.DESTROYED) ? Optional.of(new EnvironmentDestroyed()) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static boolean all(Collection<String> statuses, ServiceStatus wanted) {
        return !statuses.isEmpty() && statuses.stream().allMatch(wanted.wireName()::equals);
    }
}
