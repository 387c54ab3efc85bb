package io.mockfactory.kit.inbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Topics;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.kit.db.SqlWork;
import io.mockfactory.kit.db.Transactions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inbox's paths, each on its own: duplicate, retry, dead letter, early arrival, database outage and rewind. */
class InboxConsumerTest {
    private static final String TOPIC = Topics.ENVIRONMENT_EVENTS;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Set<String> claimed = new HashSet<>();
    private final List<ConsumerRecord<String, byte[]>> deadLettered = new ArrayList<>();
    private final List<String> handled = new ArrayList<>();
    /** The events whose after-commit step ran, each with whether a transaction was still open then. */
    private final List<String> afterCommits = new ArrayList<>();
    private boolean inTransaction;
    private final InboxSettings settings = new InboxSettings();
    private boolean databaseDown;
    /** With a value, the database goes away from that transaction on (1 is the first). */
    private int databaseDownFromCall = Integer.MAX_VALUE;
    private int calls;

    /** What the handler does with an event named by its payload's reason. */
    private Behaviour behaviour = Behaviour.SUCCEED;

    private enum Behaviour { SUCCEED, FAIL, FAIL_ONCE, EARLY }

    InboxConsumerTest() {
        settings.setMaxAttempts(3);
        settings.setInitialBackoff(Duration.ofMillis(1));
        settings.setMaxBackoff(Duration.ofMillis(2));
        settings.setOutOfOrderPatience(Duration.ofMinutes(1));
    }

    /** Runs the work on no connection; a failure rolls the inbox claims back, as a real transaction would. */
    private final Transactions transactions = new Transactions(null) {
        @Override
        public <T> T inTransaction(SqlWork<T> work) throws Exception {
            if (databaseDown || ++calls >= databaseDownFromCall) {
                throw new SQLTransientConnectionException("connection refused", "08001");
            }
            Set<String> before = new HashSet<>(claimed);
            inTransaction = true;
            try {
                return work.run(null);
            } catch (Exception rolledBack) {
                claimed.retainAll(before);
                throw rolledBack;
            } finally {
                inTransaction = false;
            }
        }
    };

    private final Inbox inbox = new Inbox() {
        @Override
        public boolean claim(Connection transaction, String consumer, String eventId) {
            return claimed.add(eventId);
        }
    };

    private final DeadLetterPublisher deadLetters = new DeadLetterPublisher(null, new SimpleMeterRegistry()) {
        @Override
        public void publish(ConsumerRecord<String, byte[]> record, String consumer, Throwable error) {
            deadLettered.add(record);
        }
    };

    private final InboxHandler handler = new InboxHandler() {
        private final Set<String> failedOnce = new HashSet<>();

        @Override
        public String consumerName() {
            return "test";
        }

        @Override
        public Set<String> topics() {
            return Set.of(TOPIC);
        }

        @Override
        public void handle(EventEnvelope event, Connection transaction) throws SQLException {
            handled.add(event.eventId());
            switch (behaviour) {
                case FAIL -> throw new IllegalStateException("refused");
                case FAIL_ONCE -> {
                    if (failedOnce.add(event.eventId())) {
                        throw new IllegalStateException("refused once");
                    }
                }
                case EARLY -> throw new NotYetApplicableException("its environment is not known yet");
                default -> { }
            }
        }

        @Override
        public void afterCommit(EventEnvelope event) {
            afterCommits.add(event.eventId() + (inTransaction ? " inside its transaction" : ""));
        }
    };

    private InboxConsumer consumer(MockConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> commits) {
        return new InboxConsumer(handler, kafka, transactions, inbox, deadLetters, (c, offsets) -> commits.putAll(offsets),
                settings);
    }

    private ConsumerRecord<String, byte[]> record(long offset, Instant occurredAt) {
        EventEnvelope envelope = new EventEnvelope(EventIds.newEventId(), "EnvironmentFailed", 1, occurredAt, null, null,
                "usr_1", "env_1", new EnvironmentFailed("x"));
        return new ConsumerRecord<>(TOPIC, 0, offset, "env_1", codec.encode(envelope));
    }

    @Test
    void shouldApplyAnEventOnceAndCallARedeliveryADuplicate() throws Exception {
        InboxConsumer inboxConsumer = consumer(null, new HashMap<>());
        ConsumerRecord<String, byte[]> record = record(0, Instant.now());
        assertEquals(InboxConsumer.Outcome.PROCESSED, inboxConsumer.process(record));
        assertEquals(InboxConsumer.Outcome.DUPLICATE, inboxConsumer.process(record));
        assertEquals(1, handled.size());
    }

    @Test
    void shouldRunTheAfterCommitStepOnceItsTransactionCommittedAndNeverForADuplicateOrAFailure() throws Exception {
        InboxConsumer inboxConsumer = consumer(null, new HashMap<>());
        ConsumerRecord<String, byte[]> record = record(0, Instant.now());
        String eventId = codec.decode(record.value()).eventId();
        inboxConsumer.process(record);
        inboxConsumer.process(record);
        assertEquals(List.of(eventId), afterCommits, "once, after the commit, not for the redelivery");

        behaviour = Behaviour.FAIL;
        assertEquals(InboxConsumer.Outcome.DEAD_LETTERED, inboxConsumer.process(record(1, Instant.now())));
        assertEquals(1, afterCommits.size(), "nothing committed for a dead-lettered message");
    }

    @Test
    void shouldRetryAFailingHandlerThenDeadLetterTheMessage() throws Exception {
        behaviour = Behaviour.FAIL;
        ConsumerRecord<String, byte[]> record = record(0, Instant.now());
        assertEquals(InboxConsumer.Outcome.DEAD_LETTERED, consumer(null, new HashMap<>()).process(record));
        assertEquals(3, handled.size(), "max attempts");
        assertEquals(List.of(record), deadLettered);
    }

    @Test
    void shouldSucceedOnARetryWithoutDeadLettering() throws Exception {
        behaviour = Behaviour.FAIL_ONCE;
        assertEquals(InboxConsumer.Outcome.PROCESSED, consumer(null, new HashMap<>()).process(record(0, Instant.now())));
        assertEquals(2, handled.size());
        assertTrue(deadLettered.isEmpty());
    }

    @Test
    void shouldWaitForAnEarlyEventUntilItsPatienceRunsOut() throws Exception {
        behaviour = Behaviour.EARLY;
        InboxConsumer inboxConsumer = consumer(null, new HashMap<>());
        assertEquals(InboxConsumer.Outcome.ARRIVED_EARLY, inboxConsumer.process(record(0, Instant.now())));
        assertTrue(deadLettered.isEmpty());
        assertEquals(InboxConsumer.Outcome.DEAD_LETTERED, inboxConsumer.process(record(1, Instant.now().minus(Duration.ofMinutes(2)))));
    }

    @Test
    void shouldDeadLetterWhatIsNotAnEnvelopeAtOnce() throws Exception {
        ConsumerRecord<String, byte[]> garbage = new ConsumerRecord<>(TOPIC, 0, 0, "env_1", "{not json".getBytes());
        assertEquals(InboxConsumer.Outcome.DEAD_LETTERED, consumer(null, new HashMap<>()).process(garbage));
        assertTrue(handled.isEmpty());
    }

    @Test
    void shouldNeverDeadLetterWhileTheDatabaseIsDown() throws Exception {
        databaseDown = true;
        assertEquals(InboxConsumer.Outcome.RETRY_LATER, consumer(null, new HashMap<>()).process(record(0, Instant.now())));
        assertTrue(deadLettered.isEmpty());
    }

    /** A record that cannot be handled now rewinds its partition: it and those after it come back, in order. */
    @Test
    void shouldCommitUpToTheFirstRecordItCouldNotHandleAndRewindToIt() throws Exception {
        MockConsumer<String, byte[]> kafka = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        kafka.assign(List.of(partition));
        kafka.updateBeginningOffsets(Map.of(partition, 0L));
        for (long offset = 0; offset < 3; offset++) {
            kafka.addRecord(record(offset, Instant.now()));
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        databaseDownFromCall = 2;
        consumer(kafka, commits).pollOnce();
        assertEquals(1, handled.size(), "the first record was handled, the database went away for the second");
        assertEquals(1L, commits.get(partition).offset(), "committed up to the record that waits, not past it");
        assertEquals(1L, kafka.position(partition), "rewound to it: it and the third come back, in order");
        assertTrue(deadLettered.isEmpty(), "nothing is dead-lettered for the database's own failure");
    }
}
