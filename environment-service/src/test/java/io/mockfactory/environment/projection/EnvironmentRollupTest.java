package io.mockfactory.environment.projection;

import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.events.environment.EnvironmentDestroyed;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.events.environment.EnvironmentRunning;
import io.mockfactory.events.environment.EnvironmentStopped;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStopped;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentRollupTest {
    private static final ServiceReady S3_READY = new ServiceReady("aws_s3", null, "localhost", 4566, "http://localhost:4566");

    @Test
    void shouldWaitForEveryOwnerBeforeTheEnvironmentRuns() {
        assertTrue(EnvironmentRollup.after(EnvironmentStatus.PROVISIONING, Arrays.asList("running", null), S3_READY).isEmpty());
        assertTrue(EnvironmentRollup.after(EnvironmentStatus.PROVISIONING, List.of("running", "provisioning"), S3_READY).isEmpty());
        assertInstanceOf(EnvironmentRunning.class,
                EnvironmentRollup.after(EnvironmentStatus.PROVISIONING, List.of("running", "running"), S3_READY).orElseThrow());
        assertInstanceOf(EnvironmentRunning.class,
                EnvironmentRollup.after(EnvironmentStatus.STARTING, List.of("running"), S3_READY).orElseThrow());
    }

    @Test
    void shouldNotConcludeAgainOnceRunning() {
        assertTrue(EnvironmentRollup.after(EnvironmentStatus.RUNNING, List.of("running"), S3_READY).isEmpty());
    }

    @Test
    void shouldStopAndDestroyOnlyWhenEveryServiceHas() {
        ServiceStopped stopped = new ServiceStopped("redis");
        assertTrue(EnvironmentRollup.after(EnvironmentStatus.STOPPING, List.of("stopped", "running"), stopped).isEmpty());
        assertInstanceOf(EnvironmentStopped.class,
                EnvironmentRollup.after(EnvironmentStatus.STOPPING, List.of("stopped", "stopped"), stopped).orElseThrow());
        ServiceDestroyed destroyed = new ServiceDestroyed("redis");
        assertInstanceOf(EnvironmentDestroyed.class,
                EnvironmentRollup.after(EnvironmentStatus.DESTROYING, List.of("destroyed"), destroyed).orElseThrow());
        assertTrue(EnvironmentRollup.after(EnvironmentStatus.DESTROYED, List.of("destroyed"), destroyed).isEmpty());
    }

    @Test
    void shouldFailTheEnvironmentWithTheServiceReason() {
        EnvironmentFailed failed = (EnvironmentFailed) EnvironmentRollup.after(EnvironmentStatus.PROVISIONING,
                List.of("failed", "running"), new ServiceFailed("redis", "no free port")).orElseThrow();
        assertEquals("redis: no free port", failed.reason());
        assertTrue(EnvironmentRollup.after(EnvironmentStatus.DESTROYING, List.of("failed"),
                new ServiceFailed("redis", "x")).isEmpty(), "a failure while destroying does not undo the destroy");
    }
}
