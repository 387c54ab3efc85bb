package io.mockfactory.provisioner.runtime;

import io.mockfactory.events.catalog.Availability;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** How one service type runs as a native process: how it is launched, when it is ready, how it is asked to stop. */
interface LocalRecipe {

    String service();

    /**
     * Each version of the type this recipe knows, newest first, and whether it can run on this machine now: its
     * server found (and of the right version), else why not and what to do about it.
     */
    List<Availability> availability();

    /**
     * The servers' executables, every version's (names on PATH or paths): a recorded pid is trusted only if it still
     * runs one of them.
     */
    List<String> executables();

    /**
     * Whether a process running one of {@link #executables()} with {@code commandLine} is the instance kept in {@code dataDir}.
     * Servers whose arguments name their directory are matched by it, so a recycled pid running the same executable
     * for something else is never adopted or signalled. Redis rewrites its process title, so it relies on the executable.
     */
    default boolean isInstance(String commandLine, Path dataDir) {
        return true;
    }

    /** Prepares {@code dataDir} if needed (the first start) and launches the server. */
    Process launch(InstanceSpec spec, Path dataDir) throws Exception;

    /** Blocks until the server answers its own protocol with the instance's password, or the deadline passes. */
    boolean awaitReady(InstanceSpec spec, Path dataDir, Process process, Instant deadline) throws Exception;

    /** Whether {@link #changePassword} can give a running server a new password (what a warm pool needs). */
    default boolean changesPasswordWhileRunning() {
        return false;
    }

    /**
     * Makes the running server accept {@code spec}'s password instead of {@code oldPassword} and drops the sessions
     * the old one opened. Repeatable: a server that already takes the new password is left as it is.
     */
    default void changePassword(InstanceSpec spec, Path dataDir, String oldPassword) throws Exception {
        throw new UnsupportedOperationException(service() + " cannot change its password while running");
    }

    /** Asks the server to stop cleanly (it is killed if it does not). */
    void requestStop(long pid) throws Exception;

    /** How used the running instance is, or null when the service offers no way to tell (then it counts as used). */
    default Activity activity(InstanceSpec spec) throws Exception {
        return null;
    }

    /** Whether {@link #snapshot} can copy this type's data while it runs. */
    default boolean snapshots() {
        return false;
    }

    /**
     * Copies the running server's data, consistent as of one moment, to {@code into} (which does not exist yet),
     * without stopping it or holding up its clients longer than the service's own save takes.
     */
    default void snapshot(InstanceSpec spec, Path dataDir, Path into) throws Exception {
        throw new UnsupportedOperationException(service() + " cannot be snapshotted");
    }

    /**
     * Copies a stopped server's data (shut down cleanly, so consistent as it is) to {@code into} (which does not
     * exist yet), in the form {@link #restore} takes.
     */
    default void snapshotStopped(InstanceSpec spec, Path dataDir, Path into) throws Exception {
        throw new UnsupportedOperationException(service() + " cannot be snapshotted while stopped");
    }

    /**
     * Makes {@code from}, a copy {@link #snapshot} or {@link #snapshotStopped} made, the data of an instance that holds none yet; its next
     * {@link #launch} serves it with {@code spec}'s password (not the one the snapshot was taken with).
     */
    default void restore(InstanceSpec spec, Path from, Path dataDir) throws Exception {
        throw new UnsupportedOperationException(service() + " cannot be restored from a snapshot");
    }

    /** Directory permissions the server's user needs on the instance directory's parents. */
    default boolean runsAsAnotherUser() {
        return false;
    }
}
