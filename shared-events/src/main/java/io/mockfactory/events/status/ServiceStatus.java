package io.mockfactory.events.status;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One service of an environment, as its owner reports it and the read model shows it; the {@code -ing} states are
 * work in progress for the owner.
 */
public enum ServiceStatus {
    PROVISIONING, STARTING, RUNNING, STOPPING, STOPPED, DESTROYING, DESTROYED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ServiceStatus> of(String wireName) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(wireName)).findFirst();
    }
}
