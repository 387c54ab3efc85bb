package io.mockfactory.environment.readmodel;

import java.util.Locale;

/** The status machine of the public contract. */
public enum EnvironmentStatus {
    PROVISIONING, RUNNING, STOPPING, STOPPED, STARTING, DESTROYING, DESTROYED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Nothing moves an environment out of destroyed: a late event must not resurrect it. */
    public boolean isFinal() {
        return this == DESTROYED;
    }
}
