package io.mockfactory.kit.inbox;

import io.mockfactory.events.EventEnvelope;

import java.sql.Connection;
import java.util.Set;

/**
 * A service's reaction to messages on some topics. The kit calls it at most once per {@code event_id} per consumer
 * name, inside the transaction that records the event as processed: write state (and outbox rows) on
 * {@code transaction} and the effect happens exactly once even when Kafka redelivers.
 */
public interface InboxHandler {

    /** Stable name: the consumer group is {@code <service>.<consumerName>} and dedupe is per consumer name. */
    String consumerName();

    Set<String> topics();

    /** Throwing rolls the transaction back; the message is retried, then dead-lettered. */
    void handle(EventEnvelope event, Connection transaction) throws Exception;
}
