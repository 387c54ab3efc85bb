package io.mockfactory.kit;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reliability mechanics on a real broker and database: outbox relay, inbox dedupe, dead letters. */
class OutboxInboxIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private KitHarness service;

    @BeforeEach
    void start() {
        service = new KitHarness(Map.of());
    }

    @AfterEach
    void stop() {
        service.close();
        if (!service.infra.kafka().isRunning()) {
            service.infra.kafka().start();
        }
    }

    @Test
    void shouldApplyARedeliveredEventOnlyOnce() throws Exception {
        EventEnvelope create = createCommand("once");
        service.appendToOutbox(create);
        KitHarness.await("the first delivery to be handled", WAIT, () -> service.effectsFor(create.environmentId()) == 1);

        service.produce(create);
        service.produce(create);
        EventEnvelope sentinel = createCommand("sentinel").withEnvironmentId(create.environmentId() + "-after");
        // Same key, so same partition: once the sentinel is handled, both redeliveries before it were consumed
        service.produceRaw(Topics.ENVIRONMENT_COMMANDS, create.environmentId(),
                new io.mockfactory.events.EnvelopeCodec().encode(sentinel));
        KitHarness.await("the sentinel", WAIT, () -> service.effectsFor(sentinel.environmentId()) == 1);

        assertEquals(1, service.effectsFor(create.environmentId()));
        assertEquals(1, service.count("SELECT count(*) FROM inbox WHERE event_id = ?", create.eventId()));
    }

    @Test
    void shouldDeliverOutboxRowsCommittedWhileKafkaIsDown() throws Exception {
        service.infra.kafka().stop();
        EventEnvelope create = createCommand("outage");
        service.appendToOutbox(create);
        Thread.sleep(1500);
        assertEquals(1, service.count("SELECT count(*) FROM outbox WHERE event_id = ? AND published_at IS NULL",
                create.eventId()), "the row waits in the outbox while the broker is down");

        service.infra.kafka().start();

        KitHarness.await("the row to be published", WAIT, () -> service.count(
                "SELECT count(*) FROM outbox WHERE event_id = ? AND published_at IS NOT NULL", create.eventId()) == 1);
        KitHarness.await("the command to be handled", WAIT, () -> service.effectsFor(create.environmentId()) == 1);
    }

    @Test
    void shouldDeadLetterPoisonMessagesWithoutBlockingThePartition() throws Exception {
        String environmentId = EventIds.newId("env");
        service.produceRaw(Topics.ENVIRONMENT_COMMANDS, environmentId, "{not an envelope".getBytes(StandardCharsets.UTF_8));
        EventEnvelope failing = createCommand(RecordingHandler.FAILING_NAME).withEnvironmentId(environmentId);
        service.produce(failing);
        EventEnvelope healthy = createCommand("after-poison").withEnvironmentId(environmentId);
        service.produce(healthy);

        KitHarness.await("the message behind the poison ones", WAIT, () -> service.effectsFor(environmentId) == 1);

        ConsumerRecord<String, byte[]> garbage = service.awaitRecord(Topics.deadLetterOf(Topics.ENVIRONMENT_COMMANDS),
                r -> environmentId.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).startsWith("{not"), WAIT);
        assertTrue(header(garbage, "dlq_error").contains("MalformedMessageException"), header(garbage, "dlq_error"));
        assertEquals(Topics.ENVIRONMENT_COMMANDS, header(garbage, "dlq_original_topic"));

        ConsumerRecord<String, byte[]> refused = service.awaitRecord(Topics.deadLetterOf(Topics.ENVIRONMENT_COMMANDS),
                r -> environmentId.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains(failing.eventId()), WAIT);
        assertTrue(header(refused, "dlq_error").contains("refuses environments named"), header(refused, "dlq_error"));
        assertEquals(0, service.count("SELECT count(*) FROM inbox WHERE event_id = ?", failing.eventId()),
                "a dead-lettered message is not marked processed");
    }

    @Test
    void shouldCarryTheCorrelationIdIntoKafkaHeadersAndCausedEvents() throws Exception {
        EventEnvelope create = createCommand("correlated").withCorrelationId("req_trace-me");
        service.appendToOutbox(create);

        ConsumerRecord<String, byte[]> command = service.awaitRecord(Topics.ENVIRONMENT_COMMANDS,
                r -> create.environmentId().equals(r.key()), WAIT);
        assertEquals("req_trace-me", header(command, "correlation_id"));
        assertEquals("CreateEnvironment", header(command, "type"));

        ConsumerRecord<String, byte[]> caused = service.awaitRecord(Topics.ENVIRONMENT_EVENTS,
                r -> create.environmentId().equals(r.key()), WAIT);
        assertEquals("req_trace-me", header(caused, "correlation_id"));
        EventEnvelope event = new io.mockfactory.events.EnvelopeCodec().decode(caused.value());
        assertEquals("EnvironmentRequested", event.type());
        assertEquals(create.eventId(), event.causationId());
    }

    /**
     * Writers of one environment draw a sequence number only once their transaction has appended (and so holds the
     * aggregate's turn), then append an event carrying it, and commit after a pause. Kafka must show the numbers in
     * order: the order the transactions committed in, which is not the order their rows' ids were drawn in.
     */
    @Test
    void shouldPublishOneAggregatesEventsInCommitOrderUnderConcurrentWriters() throws Exception {
        String environmentId = EventIds.newId("env");
        java.util.concurrent.atomic.AtomicInteger sequence = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(6);
        int perWriter = 15;
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int w = 0; w < 6; w++) {
            done.add(writers.submit(() -> {
                java.util.Random random = new java.util.Random();
                for (int i = 0; i < perWriter; i++) {
                    service.context.getBean(io.mockfactory.kit.db.Transactions.class).inTransaction(tx -> {
                        io.mockfactory.kit.outbox.OutboxWriter outbox = service.context.getBean(io.mockfactory.kit.outbox.OutboxWriter.class);
                        outbox.append(tx, failed(environmentId, "turn"));
                        int seq = sequence.incrementAndGet();
                        Thread.sleep(random.nextInt(3));
                        outbox.append(tx, failed(environmentId, "seq-" + seq));
                        Thread.sleep(random.nextInt(3));
                        return null;
                    });
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> writer : done) {
            writer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        writers.shutdown();
        java.util.List<Integer> published = service.awaitRecords(Topics.ENVIRONMENT_EVENTS, environmentId, 12 * perWriter, WAIT)
                .stream().map(r -> new io.mockfactory.events.EnvelopeCodec().decode(r.value()))
                .map(e -> ((io.mockfactory.events.environment.EnvironmentFailed) e.payload()).reason())
                .filter(reason -> reason.startsWith("seq-")).map(reason -> Integer.parseInt(reason.substring(4))).toList();
        java.util.List<Integer> sorted = published.stream().sorted().toList();
        assertEquals(6 * perWriter, published.size());
        assertEquals(sorted, published, "one environment's events reach Kafka in commit order");
    }

    private static EventEnvelope failed(String environmentId, String reason) {
        return EventEnvelope.of(new io.mockfactory.events.environment.EnvironmentFailed(reason))
                .withEnvironmentId(environmentId).withUserId("usr_test");
    }

    private static EventEnvelope createCommand(String name) {
        return EventEnvelope.of(new CreateEnvironment(name, Map.of("redis", new ServiceSpec("7", Map.of())), null, "beginner"))
                .withEnvironmentId(EventIds.newId("env")).withUserId("usr_test");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
