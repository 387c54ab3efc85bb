package io.mockfactory.kit.inbox;

import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.MalformedMessageException;
import io.mockfactory.kit.db.DatabaseFailures;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.web.RequestCorrelation;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The poll loop of one {@link InboxHandler}. Each message is handled in its own transaction together with its inbox
 * row; offsets are committed after the batch. A message whose handler keeps failing is dead-lettered so it cannot
 * block its partition; when the database itself is unavailable nothing is dead-lettered and the message is retried.
 */
final class InboxConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxConsumer.class);

    enum Outcome { PROCESSED, DUPLICATE, DEAD_LETTERED, RETRY_LATER, ARRIVED_EARLY }

    private final InboxHandler handler;
    private final Consumer<String, byte[]> consumer;
    private final Transactions transactions;
    private final Inbox inbox;
    private final DeadLetterPublisher deadLetters;
    private final OffsetCommitter committer;
    private final InboxSettings settings;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private volatile boolean running = true;
    private int retryRounds;

    InboxConsumer(InboxHandler handler, Consumer<String, byte[]> consumer, Transactions transactions, Inbox inbox,
                  DeadLetterPublisher deadLetters, OffsetCommitter committer, InboxSettings settings) {
        this.handler = handler;
        this.consumer = consumer;
        this.transactions = transactions;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.committer = committer;
        this.settings = settings;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(handler.topics());
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            // stop() was called
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Consumer {} stopped on an unexpected error", handler.consumerName(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    void pollOnce() throws InterruptedException {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean retryLater = false;
        boolean onlyEarly = true;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                Outcome outcome = process(record);
                if (outcome == Outcome.RETRY_LATER || outcome == Outcome.ARRIVED_EARLY) {
                    // Rewind so this record and the ones after it on this partition come back, in order
                    consumer.seek(partition, record.offset());
                    retryLater = true;
                    onlyEarly &= outcome == Outcome.ARRIVED_EARLY;
                    break;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            committer.commit(consumer, done);
        }
        if (retryLater) {
            retryRounds++;
            // What an early message waits for is usually a poll away (another topic's message, committed already), so
            // it is retried much sooner than a failure: 2 ms, then doubling to a second
            Thread.sleep(onlyEarly ? Math.min(1L << Math.min(retryRounds, 10), 1000) : settings.backoff(retryRounds).toMillis());
        } else {
            retryRounds = 0;
        }
    }

    private void afterCommit(EventEnvelope event) {
        try {
            handler.afterCommit(event);
        } catch (RuntimeException e) {
            LOG.warn("Consumer {}: after-commit step for {} {} failed: {}", handler.consumerName(), event.type(),
                    event.eventId(), e.toString());
        }
    }

    Outcome process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        EventEnvelope event;
        try {
            event = codec.decode(record.value());
        } catch (MalformedMessageException e) {
            LOG.warn("Consumer {}: {}-{}@{} is not a valid envelope; dead-lettering it", handler.consumerName(),
                    record.topic(), record.partition(), record.offset());
            return deadLetter(record, e);
        }
        MDC.put(RequestCorrelation.MDC_KEY, event.correlationId() != null ? event.correlationId() : event.eventId());
        try {
            return handleWithRetries(record, event);
        } finally {
            MDC.remove(RequestCorrelation.MDC_KEY);
        }
    }

    private Outcome handleWithRetries(ConsumerRecord<String, byte[]> record, EventEnvelope event)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                boolean fresh = transactions.inTransaction(connection -> {
                    if (!inbox.claim(connection, handler.consumerName(), event.eventId())) {
                        return false;
                    }
                    handler.handle(event, connection);
                    return true;
                });
                if (fresh) {
                    afterCommit(event);
                } else {
                    LOG.debug("Consumer {}: {} {} was already processed", handler.consumerName(), event.type(), event.eventId());
                }
                return fresh ? Outcome.PROCESSED : Outcome.DUPLICATE;
            } catch (InterruptedException e) {
                throw e;
            } catch (NotYetApplicableException e) {
                if (event.occurredAt() != null
                        && event.occurredAt().plus(settings.getOutOfOrderPatience()).isBefore(java.time.Instant.now())) {
                    LOG.error("Consumer {}: {} {} still cannot be applied: {}; dead-lettering it", handler.consumerName(),
                            event.type(), event.eventId(), e.getMessage());
                    return deadLetter(record, e);
                }
                LOG.debug("Consumer {}: {} {} arrived early ({}); will retry", handler.consumerName(), event.type(),
                        event.eventId(), e.getMessage());
                return Outcome.ARRIVED_EARLY;
            } catch (Exception e) {
                if (DatabaseFailures.isInfrastructureFailure(e)) {
                    LOG.warn("Consumer {}: database unavailable while handling {} {}; will retry: {}",
                            handler.consumerName(), event.type(), event.eventId(), e.toString());
                    return Outcome.RETRY_LATER;
                }
                if (attempt >= settings.getMaxAttempts()) {
                    LOG.error("Consumer {}: {} {} failed {} times; dead-lettering it: {}", handler.consumerName(),
                            event.type(), event.eventId(), attempt, e.toString());
                    return deadLetter(record, e);
                }
                LOG.warn("Consumer {}: {} {} failed (attempt {} of {}): {}", handler.consumerName(), event.type(),
                        event.eventId(), attempt, settings.getMaxAttempts(), e.toString());
                Thread.sleep(settings.backoff(attempt).toMillis());
            }
        }
    }

    private Outcome deadLetter(ConsumerRecord<String, byte[]> record, Exception error) throws InterruptedException {
        try {
            deadLetters.publish(record, handler.consumerName(), error);
            return Outcome.DEAD_LETTERED;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("Consumer {}: cannot dead-letter {}-{}@{} yet, will retry: {}", handler.consumerName(),
                    record.topic(), record.partition(), record.offset(), e.toString());
            return Outcome.RETRY_LATER;
        }
    }
}
