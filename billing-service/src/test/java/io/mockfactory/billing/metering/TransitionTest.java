package io.mockfactory.billing.metering;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.environment.EnvironmentIdle;
import io.mockfactory.events.environment.EnvironmentRunning;
import io.mockfactory.events.environment.EnvironmentStopped;
import io.mockfactory.events.environment.ServiceActivity;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStopped;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionTest {

    private static EventEnvelope event(io.mockfactory.events.Message payload) {
        return EventEnvelope.of(payload).withUserId("usr_a").withEnvironmentId("env_a");
    }

    @Test
    void shouldReadWhatEachLifecycleEventMeansForMetering() {
        assertEquals(List.of("redis:true"), subjects(event(new ServiceReady("redis", "7", "localhost", 30001, "redis://…"))));
        assertEquals(List.of("redis:false"), subjects(event(new ServiceStopped("redis"))));
        assertEquals(List.of("idle_stopped:false", "environment:true"), subjects(event(new EnvironmentRunning())));
        assertEquals(List.of("environment:false"), subjects(event(new EnvironmentStopped())));
        assertEquals(List.of("idle_stopped:true"), subjects(event(new EnvironmentIdle(Instant.now(), 15))));
        assertTrue(Transition.of(event(new ServiceActivity("redis", Instant.now()))).isEmpty());
        assertTrue(Transition.of(EventEnvelope.of(new ServiceStopped("redis")).withEnvironmentId("env_a")).isEmpty(), "no owner");
    }

    private static List<String> subjects(EventEnvelope event) {
        return Transition.of(event).stream().map(t -> t.subject() + ":" + t.running()).toList();
    }
}
