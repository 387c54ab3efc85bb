package io.mockfactory.provisioner.instance;

/** The states of a service instance; the -ing ones are work for the {@link InstanceWorker}. */
public final class InstanceStatus {
    public static final String PROVISIONING = "provisioning";
    public static final String STARTING = "starting";
    public static final String RUNNING = "running";
    public static final String STOPPING = "stopping";
    public static final String STOPPED = "stopped";
    public static final String DESTROYING = "destroying";
    public static final String DESTROYED = "destroyed";
    public static final String FAILED = "failed";

    private InstanceStatus() {
    }
}
