package io.mockfactory.kit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.kit.inbox.InboxHandler;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Set;

/**
 * Consumes a topic of the test's own ({@code kit-test.probe-topic}), so what it dead-letters is exactly what the test
 * sent, whatever earlier tests left on the shared topics.
 */
@Singleton
@Requires(property = "kit-test.probe-topic")
public class MetricsProbeHandler implements InboxHandler {
    public static final String NAME = "metrics-probe";

    private final String topic;

    public MetricsProbeHandler(@Value("${kit-test.probe-topic}") String topic) {
        this.topic = topic;
    }

    @Override
    public String consumerName() {
        return NAME;
    }

    @Override
    public Set<String> topics() {
        return Set.of(topic);
    }

    @Override
    public void handle(EventEnvelope event, Connection transaction) {
        // Nothing to do: the test sends it only messages that are dead-lettered before they reach a handler
    }
}
