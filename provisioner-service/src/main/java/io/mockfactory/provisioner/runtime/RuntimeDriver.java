package io.mockfactory.provisioner.runtime;

import io.mockfactory.events.catalog.Availability;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs service instances: native processes today ({@code local}), containers or pods behind the same interface.
 * Data survives {@link #stop}; {@link #destroy} removes it.
 */
public interface RuntimeDriver {

    /** Starts the instance and returns once it answers its own protocol. @return the process id */
    long start(InstanceSpec spec) throws Exception;

    void stop(String runtimeId, String service, long pid) throws Exception;

    void destroy(String runtimeId, String service, long pid) throws Exception;

    /** Whether the instance's server, last seen as {@code pid}, still runs. */
    boolean isAlive(String runtimeId, String service, long pid);

    /**
     * Takes charge of an instance process a previous run of this service left running (after a crash), if
     * {@code pid} is still that service's server. @return false if there is nothing to adopt
     */
    boolean adopt(String runtimeId, String service, long pid);

    boolean supports(String service);

    /** Whether instances of this type can be started ahead of demand and handed to an environment ({@link #takeOver}). */
    default boolean keepsWarmInstances(String service) {
        return false;
    }

    /**
     * Hands a running warm instance (started with {@code poolPassword} and no limits) to the environment that leased
     * it: {@code spec}'s password replaces the pool's and its limits apply from now on. Safe to repeat after a crash
     * part-way (the new password may already be set).
     *
     * @throws Exception if the instance no longer runs or refuses both passwords: the lease is then given up
     */
    default void takeOver(InstanceSpec spec, long pid, String poolPassword) throws Exception {
        throw new UnsupportedOperationException(spec.service() + " keeps no warm instances");
    }

    /** Whether {@link #snapshot} can copy this type's data while an instance runs. */
    default boolean snapshots(String service) {
        return false;
    }

    /**
     * Copies the running instance's data, consistent as of one moment, into {@code into} (which does not exist yet),
     * without stopping it. @return the copy's size in bytes
     *
     * @throws Exception if the instance does not run as {@code pid}, or its server refused
     */
    default long snapshot(InstanceSpec spec, long pid, Path into) throws Exception {
        throw new UnsupportedOperationException("this runtime cannot snapshot " + spec.service());
    }

    /**
     * Copies a stopped instance's data into {@code into} (which does not exist yet), in the form {@link #restore}
     * takes: its server was shut down cleanly, so its files are consistent as they are. The caller sees to it that
     * nothing starts the instance meanwhile. @return the copy's size in bytes
     */
    default long snapshotStopped(InstanceSpec spec, Path into) throws Exception {
        throw new UnsupportedOperationException("this runtime cannot snapshot a stopped " + spec.service());
    }

    /**
     * Makes {@code from} (a snapshot's copy of the type) the data of an instance that holds none yet (it was just
     * destroyed or never started); the next {@link #start} serves that data with {@code spec}'s password.
     */
    default void restore(InstanceSpec spec, Path from) throws Exception {
        throw new UnsupportedOperationException("this runtime cannot restore " + spec.service() + " from a snapshot");
    }

    /**
     * Lays out {@code rdb} (a Redis RDB file, moved or copied) in {@code into} (which does not exist yet) as a
     * snapshot's copy of redis would be, so that {@link #restore} makes it a new instance's data: a Redis seed's
     * uploaded file.
     */
    default void stageRedisDump(Path rdb, Path into) throws Exception {
        throw new UnsupportedOperationException("this runtime cannot load an RDB file into redis");
    }

    /** Each version of each type this runtime knows and whether it can serve it right now. */
    default List<Availability> availability() {
        return List.of();
    }

    /** How used a running instance is; null when the runtime cannot tell (then it counts as used). */
    default Activity activity(InstanceSpec spec) throws Exception {
        return null;
    }

    /** Where this service reaches the running instance's server, to talk to it as a client would (a seed). */
    default Endpoint endpoint(InstanceSpec spec) throws Exception {
        return new Endpoint("127.0.0.1", spec.port());
    }

    /** Instances this runtime still holds (data, maybe a process), for reconciling them with the records. */
    default List<InstanceOnDisk> instancesOnDisk() throws Exception {
        return List.of();
    }

    record InstanceOnDisk(String runtimeId, String service) {
    }
}
