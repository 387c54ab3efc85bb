package io.mockfactory.events.status;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An environment's status, as the public contract spells it; the read model decides it from its services'. */
public enum EnvironmentStatus {
    PROVISIONING, RUNNING, STOPPING, STOPPED, STARTING, DESTROYING, DESTROYED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Nothing moves an environment out of destroyed: a late event must not resurrect it. */
    public boolean isFinal() {
        return this == DESTROYED;
    }

    /**
     * Whether the environment's services hold processes, ports or memory (or are about to): what a tier's
     * running-environment quota counts. Stopped, failed and destroyed ones do not.
     */
    public boolean holdsResources() {
        return this == PROVISIONING || this == STARTING || this == RUNNING || this == STOPPING;
    }

    public static Optional<EnvironmentStatus> of(String wireName) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(wireName)).findFirst();
    }
}
