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

    /**
     * Called once the transaction in which {@link #handle} processed {@code event} has committed (not for a duplicate):
     * the place to wake a worker in this process that must see what the handler wrote. Woken from {@code handle}, it
     * could look before the commit, find nothing, and sleep until its next poll. What it throws is logged, not retried.
     */
    default void afterCommit(EventEnvelope event) {
    }
}
