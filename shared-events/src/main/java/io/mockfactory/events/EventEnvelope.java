package io.mockfactory.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The value of every Kafka message. {@code type} and {@code version} are the wire names from {@link MessageType};
 * {@code correlationId} ties a message to the HTTP request that started the flow, {@code causationId} to the message
 * that directly caused it.
 */
public record EventEnvelope(
        String eventId,
        String type,
        int version,
        Instant occurredAt,
        String correlationId,
        String causationId,
        String userId,
        String environmentId,
        Message payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(payload, "payload");
    }

    /** Starts an envelope for a new message; the aggregate ids and correlation are set with the {@code with…} methods. */
    public static EventEnvelope of(Message payload) {
        MessageType type = MessageType.of(payload);
        return new EventEnvelope(EventIds.newEventId(), type.wireName(), type.version(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null, null, payload);
    }

    public EventEnvelope withCorrelationId(String value) {
        return new EventEnvelope(eventId, type, version, occurredAt, value, causationId, userId, environmentId, payload);
    }

    public EventEnvelope withUserId(String value) {
        return new EventEnvelope(eventId, type, version, occurredAt, correlationId, causationId, value, environmentId, payload);
    }

    public EventEnvelope withEnvironmentId(String value) {
        return new EventEnvelope(eventId, type, version, occurredAt, correlationId, causationId, userId, value, payload);
    }

    /** Marks this message as caused by {@code cause}: same correlation, same aggregate ids unless already set. */
    public EventEnvelope causedBy(EventEnvelope cause) {
        return new EventEnvelope(eventId, type, version, occurredAt, cause.correlationId(), cause.eventId(),
                userId != null ? userId : cause.userId(),
                environmentId != null ? environmentId : cause.environmentId(), payload);
    }

    /** The Kafka key: the environment id when the message concerns one (ordering per environment), else the user id. */
    public String partitionKey() {
        return environmentId != null ? environmentId : userId;
    }

    public String topic() {
        return MessageType.fromWireName(type)
                .map(MessageType::topic)
                .orElseThrow(() -> new IllegalStateException("No topic for unrecognized type " + type));
    }

    public <P extends Message> P payloadAs(Class<P> payloadClass) {
        return payloadClass.cast(payload);
    }
}
