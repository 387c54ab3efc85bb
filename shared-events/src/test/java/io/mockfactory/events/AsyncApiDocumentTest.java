package io.mockfactory.events;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps asyncapi.yaml from drifting: every message type, its fields and its topic (and DLQ) are described. */
class AsyncApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void shouldDescribeEveryMessageTypeWithItsFieldsAndTopic() throws IOException {
        Map<String, Object> doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertNotNull(in);
            doc = new Yaml().load(in);
        }
        assertEquals("3.0.0", doc.get("asyncapi"));
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        Map<String, Object> messages = (Map<String, Object>) components.get("messages");
        Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");
        Set<String> addresses = ((Map<String, Map<String, Object>>) doc.get("channels")).values().stream()
                .map(channel -> (String) channel.get("address")).collect(Collectors.toSet());

        for (MessageType type : MessageType.values()) {
            assertTrue(messages.containsKey(type.wireName()), "message " + type.wireName());
            Map<String, Object> payload = (Map<String, Object>) schemas.get(type.wireName() + "Payload");
            assertNotNull(payload, "payload schema of " + type.wireName());
            Map<String, Object> properties = (Map<String, Object>) payload.getOrDefault("properties", Map.of());
            assertEquals(snakeCaseComponents(type.payloadClass()), properties.keySet(), "fields of " + type.wireName());
            assertTrue(addresses.contains(type.topic()), "channel " + type.topic());
            assertTrue(addresses.contains(Topics.deadLetterOf(type.topic())), "dead-letter channel of " + type.topic());
        }
    }

    private static Set<String> snakeCaseComponents(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase())
                .collect(Collectors.toSet());
    }
}
