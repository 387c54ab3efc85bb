package io.mockfactory.events;

import io.mockfactory.events.command.StopEnvironment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeCodecTest {
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void shouldRejectValuesThatAreNotEnvelopes() {
        assertThrows(MalformedMessageException.class, () -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedMessageException.class, () -> codec.decode("[1,2]"));
        assertThrows(MalformedMessageException.class, () -> codec.decode((byte[]) null));
        assertThrows(MalformedMessageException.class, () -> codec.decode(
                "{\"event_id\":\"evt_1\",\"type\":\"StopEnvironment\",\"version\":1,\"occurred_at\":\"yesterday\",\"payload\":{}}"));
        assertThrows(MalformedMessageException.class, () -> codec.decode(
                "{\"event_id\":\"evt_1\",\"type\":\"StopEnvironment\",\"version\":1,\"occurred_at\":\"2026-02-11T10:00:00Z\"}"));
        assertThrows(MalformedMessageException.class, () -> codec.decode(
                "{\"type\":\"StopEnvironment\",\"version\":1,\"occurred_at\":\"2026-02-11T10:00:00Z\",\"payload\":{}}"));
    }

    @Test
    void shouldCarryQuantitiesToTheirLastDigit() {
        // 20 significant digits: a double would keep 16 of them
        java.math.BigDecimal byteHours = new java.math.BigDecimal("67141472.897955383123");
        EventEnvelope sent = EventEnvelope.of(new io.mockfactory.events.billing.UsageRecorded("storage_byte_hours", byteHours,
                "byte-hour", java.time.Instant.parse("2026-11-30T03:00:00Z"), java.time.Instant.parse("2026-11-30T04:00:00Z"),
                "aws_s3", 2));
        io.mockfactory.events.billing.UsageRecorded received =
                (io.mockfactory.events.billing.UsageRecorded) codec.decode(codec.encode(sent)).payload();
        assertEquals(byteHours, received.quantity());
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerProducer() {
        EventEnvelope decoded = codec.decode("{\"event_id\":\"evt_1\",\"type\":\"StopEnvironment\",\"version\":1,"
                + "\"occurred_at\":\"2026-02-11T10:00:00Z\",\"shard\":3,\"payload\":{\"reason\":\"idle\",\"grace_seconds\":5}}");
        assertEquals(new StopEnvironment("idle"), decoded.payload());
        assertNull(decoded.correlationId());
    }

    /** Messages an older producer wrote (still in a topic or an outbox) decode with the new fields' defaults. */
    @Test
    void shouldReadCommandsWrittenBeforeSeedsAndCleanUpsExisted() {
        EventEnvelope create = codec.decode("{\"event_id\":\"evt_1\",\"type\":\"CreateEnvironment\",\"version\":1,"
                + "\"occurred_at\":\"2026-02-11T10:00:00Z\",\"payload\":{\"name\":\"ci\",\"services\":{\"redis\":"
                + "{\"version\":\"7\",\"options\":{}}},\"ttl_minutes\":null,\"tier\":\"beginner\"}}");
        assertEquals(java.util.Map.of(), ((io.mockfactory.events.command.CreateEnvironment) create.payload()).seeds());
        EventEnvelope destroy = codec.decode("{\"event_id\":\"evt_2\",\"type\":\"DestroyEnvironment\",\"version\":1,"
                + "\"occurred_at\":\"2026-02-11T10:00:00Z\",\"payload\":{\"reason\":\"requested by user\"}}");
        assertEquals(new io.mockfactory.events.command.DestroyEnvironment("requested by user"), destroy.payload());
    }

    @Test
    void shouldCarryUnknownTypesThroughUnchanged() {
        String unknown = "{\"event_id\":\"evt_9\",\"type\":\"EnvironmentResized\",\"version\":3,"
                + "\"occurred_at\":\"2026-02-11T10:00:00Z\",\"payload\":{\"cpus\":4}}";
        EventEnvelope decoded = codec.decode(unknown);
        assertInstanceOf(UnrecognizedMessage.class, decoded.payload());
        assertEquals(3, decoded.version());
        assertTrue(codec.encodeToString(decoded).contains("\"cpus\":4"));
    }

    @Test
    void shouldInheritCorrelationAndAggregateFromTheCause() {
        EventEnvelope cause = EventEnvelope.of(new StopEnvironment("x")).withCorrelationId("req_1")
                .withUserId("usr_1").withEnvironmentId("env_1");
        EventEnvelope effect = EventEnvelope.of(new io.mockfactory.events.environment.EnvironmentStopped()).causedBy(cause);
        assertEquals("req_1", effect.correlationId());
        assertEquals(cause.eventId(), effect.causationId());
        assertEquals("env_1", effect.partitionKey());
        assertEquals(Topics.ENVIRONMENT_EVENTS, effect.topic());
    }

    @Test
    void shouldGiveUnguessablePrefixedIds() {
        String id = EventIds.newId("env");
        assertTrue(id.matches("env_[A-Za-z0-9_-]{22}"), id);
        assertTrue(!id.equals(EventIds.newId("env")));
    }
}
