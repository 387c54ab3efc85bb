package io.mockfactory.provisioner.instance;

import io.mockfactory.events.status.ServiceStatus;

/**
 * The states of a service instance as its rows store them (the shared {@link ServiceStatus} wire names); the -ing ones
 * are work for the {@link InstanceWorker}.
 */
public final class InstanceStatus {
    public static final String PROVISIONING = ServiceStatus.PROVISIONING.wireName();
    public static final String STARTING = ServiceStatus.STARTING.wireName();
    public static final String RUNNING = ServiceStatus.RUNNING.wireName();
    public static final String STOPPING = ServiceStatus.STOPPING.wireName();
    public static final String STOPPED = ServiceStatus.STOPPED.wireName();
    public static final String DESTROYING = ServiceStatus.DESTROYING.wireName();
    public static final String DESTROYED = ServiceStatus.DESTROYED.wireName();
    public static final String FAILED = ServiceStatus.FAILED.wireName();

    private InstanceStatus() {
    }
}
