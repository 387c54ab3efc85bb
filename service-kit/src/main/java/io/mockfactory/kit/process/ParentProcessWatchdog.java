package io.mockfactory.kit.process;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Exits this service when the launcher that started it is gone, even if the launcher was killed with SIGKILL and
 * could not stop its children: {@code ./mockfactory up} must never leave a process behind.
 */
@Context
@Requires(property = "mockfactory.parent.pid")
public class ParentProcessWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    private final long parentPid;

    public ParentProcessWatchdog(@Value("${mockfactory.parent.pid}") long parentPid) {
        this.parentPid = parentPid;
    }

    @PostConstruct
    void watch() {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            LOG.warn("Launcher process {} is already gone; exiting", parentPid);
            System.exit(1);
        }
        parent.get().onExit().thenRun(() -> {
            LOG.warn("Launcher process {} exited; stopping this service", parentPid);
            System.exit(0);
        });
    }
}
