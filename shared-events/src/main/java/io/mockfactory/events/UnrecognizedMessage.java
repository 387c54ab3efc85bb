package io.mockfactory.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A payload whose type this build does not know. Kept rather than rejected so that a consumer built
 * before a new message type was added can skip it instead of dead-lettering it.
 */
public record UnrecognizedMessage(JsonNode body) implements Message {
}
