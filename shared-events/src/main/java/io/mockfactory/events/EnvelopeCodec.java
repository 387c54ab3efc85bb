package io.mockfactory.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** JSON wire format of {@link EventEnvelope}: snake_case, ISO-8601 UTC timestamps, payload typed by {@code type}. */
public final class EnvelopeCodec {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Quantities (usage totals) travel as JSON numbers: read as doubles they would lose digits past the 16th
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public byte[] encode(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsBytes(toTree(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + envelope.type(), e);
        }
    }

    public String encodeToString(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(toTree(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + envelope.type(), e);
        }
    }

    public EventEnvelope decode(byte[] value) {
        if (value == null) {
            throw new MalformedMessageException("Empty message value (tombstone)");
        }
        try {
            return fromTree(mapper.readTree(value));
        } catch (IOException e) {
            throw new MalformedMessageException("Value is not JSON: " + e.getMessage(), e);
        }
    }

    public EventEnvelope decode(String value) {
        try {
            return fromTree(mapper.readTree(value));
        } catch (IOException e) {
            throw new MalformedMessageException("Value is not JSON: " + e.getMessage(), e);
        }
    }

    /** The payload as the JSON that travels on the wire, e.g. for storing it as history. */
    public JsonNode payloadTree(EventEnvelope envelope) {
        return toTree(envelope).get("payload");
    }

    private ObjectNode toTree(EventEnvelope envelope) {
        ObjectNode node = mapper.createObjectNode();
        node.put("event_id", envelope.eventId());
        node.put("type", envelope.type());
        node.put("version", envelope.version());
        node.put("occurred_at", envelope.occurredAt().toString());
        node.put("correlation_id", envelope.correlationId());
        node.put("causation_id", envelope.causationId());
        node.put("user_id", envelope.userId());
        node.put("environment_id", envelope.environmentId());
        node.set("payload", envelope.payload() instanceof UnrecognizedMessage unknown
                ? unknown.body() : mapper.valueToTree(envelope.payload()));
        return node;
    }

    private EventEnvelope fromTree(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new MalformedMessageException("Envelope is not a JSON object");
        }
        String type = requiredText(node, "type");
        JsonNode payloadNode = node.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            throw new MalformedMessageException("Envelope of type " + type + " has no payload object");
        }
        JsonNode versionNode = node.get("version");
        if (versionNode == null || !versionNode.canConvertToInt()) {
            throw new MalformedMessageException("Envelope of type " + type + " has no integer version");
        }
        Message payload = MessageType.fromWireName(type)
                .<Message>map(t -> readPayload(payloadNode, t))
                .orElseGet(() -> new UnrecognizedMessage(payloadNode));
        return new EventEnvelope(requiredText(node, "event_id"), type, versionNode.intValue(),
                parseInstant(requiredText(node, "occurred_at")),
                optionalText(node, "correlation_id"), optionalText(node, "causation_id"),
                optionalText(node, "user_id"), optionalText(node, "environment_id"), payload);
    }

    private Message readPayload(JsonNode payloadNode, MessageType type) {
        try {
            return mapper.treeToValue(payloadNode, type.payloadClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedMessageException("Payload does not match " + type.wireName() + ": " + e.getMessage(), e);
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("occurred_at is not an ISO-8601 instant: " + text, e);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedMessageException("Envelope field " + field + " is missing");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
